-- Email notifications (issue 14, seed 004's send_lead_notification_email), and the outbox wake-up at the end: each person chooses, per
-- organization and event, what to be emailed about. Sponsor people: every hot lead, an hourly digest of new
-- leads by intent, or nothing. Organizers: the moments their webhooks carry. Nothing is sent by default.
-- The 'notifications' outbox reader turns domain events into queued emails (or digest items) in its batch
-- transaction; a sender on every instance claims queued emails (SKIP LOCKED) and hands them to the mailer.

CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  lead_emails text NOT NULL DEFAULT 'off' CHECK (lead_emails IN ('each_hot_lead', 'hourly_digest', 'off')),
  moments text[] NOT NULL DEFAULT '{}' CHECK (cardinality(moments) <= 20),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, org_id, event_id)
);
-- The reader looks preferences up by the event's organizations.
CREATE INDEX notification_preferences_event_idx ON notification_preferences (event_id, org_id);

ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
CREATE POLICY notification_preferences_tenant ON notification_preferences
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences TO yardpass_app;

-- One email to one person, queued by the reader; dedupe_key makes each email once (a hot lead once per
-- person, a digest once per person, event and hour window, a moment once per person and domain event).
-- scope says which preference it depends on ('leads' or a moment's type): the sender drops it when that
-- preference was turned off since, and the unsubscribe link turns that preference off.
CREATE TABLE notification_emails (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  scope text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dropped', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  -- Due time while pending; lease expiry while sending.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_emails_due_idx ON notification_emails (next_attempt_at) WHERE status IN ('pending', 'sending');

-- New leads waiting for their hour's digest: the consented fields only, the latest intent level.
CREATE TABLE lead_digest_items (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  window_start timestamptz NOT NULL,
  lead_id uuid NOT NULL,
  intent_level text NOT NULL,
  fields jsonb NOT NULL,
  flushed_at timestamptz,
  PRIMARY KEY (user_id, org_id, event_id, window_start, lead_id)
);
CREATE INDEX lead_digest_items_due_idx ON lead_digest_items (window_start) WHERE flushed_at IS NULL;
-- The queue and the digest are the server's own: tenant transactions never read them.
REVOKE ALL ON notification_emails, lead_digest_items FROM yardpass_app;

-- The reader starts at the outbox's present: events from before this migration email no one.
INSERT INTO domain_event_cursors (reader, last_seq) SELECT 'notifications', coalesce(max(seq), 0) FROM domain_events
ON CONFLICT (reader) DO NOTHING;

-- Outbox wake-up (issue 14's delivery latency): a transaction that wrote domain events notifies the
-- 'domain_events' channel when it commits (NOTIFY is transactional and collapses repeats within one
-- transaction), so every instance's outbox pump reads at once instead of at its next poll.
CREATE FUNCTION domain_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('domain_events', '');
  RETURN NULL;
END $$;
CREATE TRIGGER domain_events_notify AFTER INSERT ON domain_events
  FOR EACH STATEMENT EXECUTE FUNCTION domain_events_notify();

-- Webhook delivery workers seen lately (each claim marks its own, at most once a second): retries and shared
-- endpoints are divided among the live ones, so every instance takes a part.
CREATE TABLE webhook_workers (
  owner text PRIMARY KEY,
  seen_at timestamptz NOT NULL DEFAULT now()
);
