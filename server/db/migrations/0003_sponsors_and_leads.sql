-- Sponsors, representatives, attendees and leads (seed 004).
-- A sponsor company is a sponsor organization with exactly one sponsor record; an event
-- sponsorship ties it to an organizer's event with a tier; leads belong to the sponsor.

CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;

CREATE TABLE sponsors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL UNIQUE REFERENCES organizations (id) ON DELETE CASCADE,
  -- The organizer that created the company on the sponsor's behalf, if any; it may manage its profile and people.
  managed_by_org_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  company_name text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 200),
  contact_email text CHECK (contact_email IS NULL OR length(contact_email) BETWEEN 3 AND 320),
  website text CHECK (website IS NULL OR length(website) <= 500),
  description text CHECK (description IS NULL OR length(description) <= 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sponsors_managed_by_idx ON sponsors (managed_by_org_id);

-- Every sponsor organization made before this migration gets its one sponsor record.
INSERT INTO sponsors (org_id, company_name)
  SELECT id, name FROM organizations WHERE kind = 'sponsor';

CREATE TABLE event_sponsorships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  tier_id uuid NOT NULL REFERENCES sponsor_tiers (id),
  is_featured boolean NOT NULL DEFAULT false,
  booth_location text CHECK (booth_location IS NULL OR length(booth_location) <= 200),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, sponsor_id)
);
CREATE INDEX event_sponsorships_sponsor_idx ON event_sponsorships (sponsor_id);
CREATE INDEX event_sponsorships_org_idx ON event_sponsorships (org_id);

CREATE TABLE sponsor_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'representative', 'booth_staff', 'viewer')),
  permissions text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sponsor_id, user_id)
);
CREATE INDEX sponsor_users_user_idx ON sponsor_users (user_id);

CREATE TABLE sponsor_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  role text NOT NULL CHECK (role IN ('admin', 'representative', 'booth_staff', 'viewer')),
  permissions text[] NOT NULL,
  token_hash text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
  expires_at timestamptz NOT NULL,
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  send_count integer NOT NULL DEFAULT 0,
  last_sent_at timestamptz,
  delivery_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sponsor_invitations_pending_key ON sponsor_invitations (sponsor_id, lower(email)) WHERE status = 'pending';

-- An event's attendee directory, owned by the organizer. consent_to_share: the attendee agreed
-- that sponsors who capture them may receive their contact details.
CREATE TABLE attendees (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  badge_code text NOT NULL CHECK (length(badge_code) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text CHECK (email IS NULL OR length(email) <= 320),
  company text CHECK (company IS NULL OR length(company) <= 200),
  title text CHECK (title IS NULL OR length(title) <= 200),
  consent_to_share boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, badge_code)
);

CREATE TABLE qualifier_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 500),
  kind text NOT NULL CHECK (kind IN ('text', 'single_choice', 'multiple_choice', 'rating')),
  options text[] NOT NULL DEFAULT '{}',
  is_required boolean NOT NULL DEFAULT false,
  display_order integer NOT NULL DEFAULT 0,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qualifier_questions_sponsor_event_idx ON qualifier_questions (sponsor_id, event_id);

-- Leads belong to the sponsor organization. The id is made by the client that captured it.
CREATE TABLE leads (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  attendee_id uuid REFERENCES attendees (id) ON DELETE SET NULL,
  badge_code text,
  name text NOT NULL,
  email text,
  company text,
  title text,
  phone text,
  consent_source text NOT NULL CHECK (consent_source IN ('attendee_directory', 'confirmed_at_capture')),
  consent_confirmed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  consent_confirmed_at timestamptz NOT NULL,
  intent_score integer NOT NULL CHECK (intent_score BETWEEN 0 AND 100),
  intent_level text NOT NULL CHECK (intent_level IN ('hot', 'warm', 'cold')),
  interactions jsonb NOT NULL,
  qualifiers jsonb NOT NULL DEFAULT '{}',
  notes text CHECK (notes IS NULL OR length(notes) <= 20000),
  is_starred boolean NOT NULL DEFAULT false,
  is_archived boolean NOT NULL DEFAULT false,
  follow_up_status text NOT NULL DEFAULT 'new'
    CHECK (follow_up_status IN ('new', 'contacted', 'qualified', 'not_interested', 'converted')),
  captured_by uuid REFERENCES users (id) ON DELETE SET NULL,
  capture_count integer NOT NULL DEFAULT 1,
  first_captured_at timestamptz NOT NULL,
  last_captured_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sponsor_id, event_id, attendee_id)
);
CREATE INDEX leads_sponsor_created_idx ON leads (sponsor_id, created_at DESC, id);
-- (sponsor_id, event_id) lookups use the unique index above, whose prefix they are.
CREATE INDEX leads_event_idx ON leads (event_id);

-- One row per capture request, keyed by the client's lead id: a retried request finds its row and counts once.
CREATE TABLE lead_captures (
  id uuid PRIMARY KEY,
  lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  interaction text NOT NULL,
  captured_by uuid REFERENCES users (id) ON DELETE SET NULL,
  captured_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_captures_lead_idx ON lead_captures (lead_id);

-- Leads arrive in bursts from an empty table: refresh statistics early so cached plans keep using the indexes.
ALTER TABLE leads SET (autovacuum_analyze_threshold = 200, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE lead_captures SET (autovacuum_analyze_threshold = 200, autovacuum_analyze_scale_factor = 0.02);

-- Row-level security: the second wall behind the application's checks.
ALTER TABLE sponsors ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsors_owned ON sponsors
  USING (org_id = app_org_id() OR managed_by_org_id = app_org_id())
  WITH CHECK (org_id = app_org_id() OR managed_by_org_id = app_org_id());
CREATE POLICY sponsors_hosted ON sponsors FOR SELECT
  USING (EXISTS (SELECT 1 FROM event_sponsorships es WHERE es.sponsor_id = sponsors.id AND es.org_id = app_org_id()));

ALTER TABLE event_sponsorships ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_sponsorships_organizer ON event_sponsorships
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY event_sponsorships_sponsor ON event_sponsorships FOR SELECT
  USING (sponsor_org_id = app_org_id());

ALTER TABLE sponsor_users ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsor_users_tenant ON sponsor_users
  USING (org_id = app_org_id() OR EXISTS (SELECT 1 FROM sponsors s WHERE s.id = sponsor_users.sponsor_id AND s.managed_by_org_id = app_org_id()))
  WITH CHECK (org_id = app_org_id() OR EXISTS (SELECT 1 FROM sponsors s WHERE s.id = sponsor_users.sponsor_id AND s.managed_by_org_id = app_org_id()));

ALTER TABLE sponsor_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsor_invitations_tenant ON sponsor_invitations
  USING (org_id = app_org_id() OR EXISTS (SELECT 1 FROM sponsors s WHERE s.id = sponsor_invitations.sponsor_id AND s.managed_by_org_id = app_org_id()))
  WITH CHECK (org_id = app_org_id() OR EXISTS (SELECT 1 FROM sponsors s WHERE s.id = sponsor_invitations.sponsor_id AND s.managed_by_org_id = app_org_id()));

ALTER TABLE attendees ENABLE ROW LEVEL SECURITY;
CREATE POLICY attendees_organizer ON attendees
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
-- A sponsor of the event sees the attendees who agreed to share their details, and no one else.
CREATE POLICY attendees_consented ON attendees FOR SELECT
  USING (consent_to_share AND EXISTS (
    SELECT 1 FROM event_sponsorships es
    WHERE es.event_id = attendees.event_id AND es.sponsor_org_id = app_org_id() AND es.archived_at IS NULL));

ALTER TABLE qualifier_questions ENABLE ROW LEVEL SECURITY;
CREATE POLICY qualifier_questions_tenant ON qualifier_questions
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
CREATE POLICY leads_tenant ON leads USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE lead_captures ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_captures_tenant ON lead_captures USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON sponsors, event_sponsorships, sponsor_users, sponsor_invitations,
  attendees, qualifier_questions, leads, lead_captures TO yardpass_app;
-- Names and emails of people (never password hashes), for lists of representatives.
GRANT SELECT (id, email, name) ON users TO yardpass_app;
-- An organizer may create a sponsor company (a sponsor organization) on the sponsor's behalf.
GRANT INSERT, UPDATE ON organizations TO yardpass_app;

-- Whether a badge at an event may be captured by the calling sponsor organization: 'consented',
-- 'not_consented' or NULL (no such badge, or the caller does not sponsor the event). Reveals
-- nothing else about attendees who did not consent.
CREATE FUNCTION attendee_consent(p_event_id uuid, p_badge_code text) RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  AS $$
  BEGIN
    -- plpgsql keeps this plan across calls; it runs on every capture.
    RETURN (
      SELECT CASE WHEN a.consent_to_share THEN 'consented' ELSE 'not_consented' END
      FROM attendees a
      WHERE a.event_id = p_event_id AND a.badge_code = p_badge_code
        AND EXISTS (SELECT 1 FROM event_sponsorships es
                    WHERE es.event_id = p_event_id AND es.sponsor_org_id = app_org_id()));
  END
  $$;

-- Lead counts and intent distribution of an event's sponsors, for the event's organizer:
-- counts only, never contact details, and only for events of the calling organization.
CREATE FUNCTION event_lead_counts(p_event_id uuid)
  RETURNS TABLE (sponsor_id uuid, lead_count integer, hot integer, warm integer, cold integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT l.sponsor_id, count(*)::int,
      (count(*) FILTER (WHERE l.intent_level = 'hot'))::int,
      (count(*) FILTER (WHERE l.intent_level = 'warm'))::int,
      (count(*) FILTER (WHERE l.intent_level = 'cold'))::int
    FROM leads l
    WHERE l.event_id = p_event_id
      AND EXISTS (SELECT 1 FROM events e WHERE e.id = p_event_id AND e.org_id = app_org_id())
    GROUP BY l.sponsor_id
  $$;
