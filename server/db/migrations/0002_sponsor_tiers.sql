-- Sponsor tiers per event (seed 004), owned by the event's organizer organization.
CREATE TABLE sponsor_tiers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  display_order integer NOT NULL DEFAULT 0 CHECK (display_order BETWEEN 0 AND 1000),
  color text CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
  price_cents bigint CHECK (price_cents IS NULL OR price_cents >= 0),
  benefits text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sponsor_tiers_event_name_key ON sponsor_tiers (event_id, lower(name));

ALTER TABLE sponsor_tiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsor_tiers_tenant ON sponsor_tiers
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON sponsor_tiers TO yardpass_app;
