-- Seed 003's sponsor targeting profile (matching) and seed 001 §12's activation preferences (brand
-- safety): one row per sponsor, edited by the sponsor through its profile. A sponsor without a row has
-- the defaults below.
CREATE TABLE sponsor_profiles (
  sponsor_id uuid PRIMARY KEY REFERENCES sponsors (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  industry text CHECK (industry IS NULL OR length(industry) BETWEEN 1 AND 100),
  company_size text CHECK (company_size IS NULL OR length(company_size) BETWEEN 1 AND 50),
  annual_budget_cents bigint CHECK (annual_budget_cents IS NULL OR annual_budget_cents BETWEEN 0 AND 100000000000000),
  brand_objectives jsonb NOT NULL DEFAULT '{"keywords": [], "goals": []}',
  target_audience jsonb NOT NULL DEFAULT '{"age_buckets": [], "interests": []}',
  preferred_categories text[] NOT NULL DEFAULT '{}',
  regions text[] NOT NULL DEFAULT '{}',
  reputation_score numeric(4, 3) CHECK (reputation_score IS NULL OR reputation_score BETWEEN 0 AND 1),
  -- e.g. {"avoid_tags": ["gambling"]}: an event whose brand_safety_tags meet these is refused.
  activation_preferences jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sponsor_profiles_categories_gin ON sponsor_profiles USING gin (preferred_categories);
CREATE INDEX sponsor_profiles_regions_gin ON sponsor_profiles USING gin (regions);

ALTER TABLE sponsor_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsor_profiles_owned ON sponsor_profiles
  USING (org_id = app_org_id() OR EXISTS (SELECT 1 FROM sponsors s WHERE s.id = sponsor_id AND s.managed_by_org_id = app_org_id()))
  WITH CHECK (org_id = app_org_id() OR EXISTS (SELECT 1 FROM sponsors s WHERE s.id = sponsor_id AND s.managed_by_org_id = app_org_id()));
GRANT SELECT, INSERT, UPDATE ON sponsor_profiles TO yardpass_app;
