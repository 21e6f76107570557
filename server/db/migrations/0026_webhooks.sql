-- Outbound webhooks (issue 14, seed 001 §7 and §13): organizations' endpoints, one delivery per domain
-- event × endpoint (fanned out by the 'webhooks' outbox reader in its batch transaction), every attempt
-- logged, and deliveries that ran out of retries kept in dead_letter_webhooks for replay.

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
  events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 50),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  enabled boolean NOT NULL DEFAULT true,
  -- whsec_<base64 key> (Standard Webhooks); during a rotation the previous one signs too until it expires.
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  -- First failure of the current failing streak; an endpoint failing for 5 days is disabled.
  failing_since timestamptz,
  disabled_reason text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (org_id, created_at);
CREATE INDEX webhook_endpoints_events_idx ON webhook_endpoints USING gin (events) WHERE enabled;

-- One row per event × endpoint: replays put the same row back in line, so the receiver sees the same id.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  -- The envelope's id: the domain event's id (or a test event's own).
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  is_test boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivering', 'succeeded', 'dead')),
  -- Every attempt ever made (it numbers the attempt log); a replay starts a new round at this count, and
  -- the retry schedule counts attempts from the round's start.
  attempt_count integer NOT NULL DEFAULT 0,
  round_start integer NOT NULL DEFAULT 0,
  -- Due time while pending; lease expiry while delivering (an expired lease makes the row due again).
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'delivering');
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);
-- Sends in flight per endpoint (the per-endpoint concurrency limit), counted at each claim.
CREATE INDEX webhook_deliveries_in_flight_idx ON webhook_deliveries (endpoint_id) WHERE status = 'delivering';
-- Replays of a time range and the log's filters.
CREATE INDEX webhook_deliveries_endpoint_occurred_idx ON webhook_deliveries (endpoint_id, occurred_at);

CREATE TABLE webhook_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  attempt_number integer NOT NULL,
  started_at timestamptz NOT NULL,
  succeeded boolean NOT NULL,
  status_code integer,
  latency_ms integer NOT NULL,
  -- At most 1 KiB of the receiver's answer.
  response_excerpt text CHECK (length(response_excerpt) <= 1024),
  error text,
  -- The delivery worker (one per server instance) that made the attempt.
  worker_id text NOT NULL,
  UNIQUE (delivery_id, attempt_number)
);

-- Seed 001 §13's columns, plus where the delivery came from so it can be replayed.
CREATE TABLE dead_letter_webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  endpoint_id uuid REFERENCES webhook_endpoints (id) ON DELETE SET NULL,
  delivery_id uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
  webhook_type text NOT NULL,
  payload jsonb NOT NULL,
  original_timestamp timestamptz NOT NULL,
  failure_reason text NOT NULL,
  retry_count integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  replayed_at timestamptz
);
CREATE INDEX dead_letter_webhooks_endpoint_idx ON dead_letter_webhooks (endpoint_id, created_at) WHERE replayed_at IS NULL;

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_endpoints_tenant ON webhook_endpoints USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_deliveries_tenant ON webhook_deliveries USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_attempts_tenant ON webhook_attempts USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE dead_letter_webhooks ENABLE ROW LEVEL SECURITY;
CREATE POLICY dead_letter_webhooks_tenant ON dead_letter_webhooks USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO yardpass_app;
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries, dead_letter_webhooks TO yardpass_app;
GRANT SELECT ON webhook_attempts TO yardpass_app;
