-- Fulfillment (issue 15; seed 001 §4.4, §4.5, §8, §10–§12, §20.1–§20.2): deliverables with a responsible
-- party and a reviewer, immutable proofs in a hash chain, SLAs copied from the package to each order with a
-- breach policy, an escrow release condition on every order, and attributed conversions for ROI reports.

-- When an order's escrow may be released: every deliverable approved or waived, at the event's end, or by
-- hand. A package may name it (a term the sponsor buys on); orders made before this keep 'manual'.
ALTER TABLE sponsorship_packages ADD COLUMN release_condition text
  CHECK (release_condition IS NULL OR release_condition IN ('deliverables_approved', 'event_end', 'manual'));
ALTER TABLE sponsorship_orders ADD COLUMN release_condition text NOT NULL DEFAULT 'manual'
  CHECK (release_condition IN ('deliverables_approved', 'event_end', 'manual'));

-- An SLA penalty refunds through the same refund requests (idempotency key fixed before Stripe is called).
ALTER TABLE order_refunds DROP CONSTRAINT order_refunds_kind_check;
ALTER TABLE order_refunds ADD CONSTRAINT order_refunds_kind_check CHECK (kind IN ('cancel', 'refund', 'sla_penalty'));

CREATE TABLE deliverables (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The event's organizer and the sponsor's organization: the two parties.
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  order_id uuid REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  package_id uuid REFERENCES sponsorship_packages (id) ON DELETE SET NULL,
  type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]{0,49}$'),
  spec jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(spec) = 'object'),
  due_at timestamptz,
  evidence_required boolean NOT NULL DEFAULT true,
  -- Who proves it; the other side reviews.
  responsible_side text NOT NULL CHECK (responsible_side IN ('organizer', 'sponsor')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'submitted', 'approved', 'needs_changes', 'waived')),
  -- manual (POST /v1/deliverables), package (a benefit of the order), makegood (an SLA's remedy).
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'package', 'makegood')),
  benefit_key text,
  sla_id uuid,
  proof_count integer NOT NULL DEFAULT 0,
  -- The hash of the latest proof: the head of the chain.
  chain_head text,
  last_reason text CHECK (last_reason IS NULL OR length(last_reason) <= 2000),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  submitted_at timestamptz,
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- An order's benefits generate their deliverables once.
CREATE UNIQUE INDEX deliverables_order_benefit_key ON deliverables (order_id, benefit_key) WHERE benefit_key IS NOT NULL;
CREATE UNIQUE INDEX deliverables_sla_key ON deliverables (sla_id) WHERE sla_id IS NOT NULL;
-- Seed 001 §8's fulfillment queue and §9's index.
CREATE INDEX deliverables_queue_idx ON deliverables (org_id, due_at) WHERE status IN ('pending', 'needs_changes');
CREATE INDEX deliverables_event_sponsor_status_due_idx ON deliverables (event_id, sponsor_id, status, due_at);
CREATE INDEX deliverables_sponsor_org_idx ON deliverables (sponsor_org_id, due_at);
CREATE INDEX deliverables_order_idx ON deliverables (order_id);

-- Proofs are immutable; each one's hash covers its content and the previous proof's hash.
CREATE TABLE deliverable_proofs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deliverable_id uuid NOT NULL REFERENCES deliverables (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 1),
  asset_url text CHECK (asset_url IS NULL OR length(asset_url) <= 2000),
  file_sha256 text CHECK (file_sha256 IS NULL OR file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size bigint CHECK (file_size IS NULL OR file_size >= 0),
  file_type text,
  file_name text CHECK (file_name IS NULL OR length(file_name) <= 255),
  metrics jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metrics) = 'object'),
  note text CHECK (note IS NULL OR length(note) <= 2000),
  submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  submitted_side text NOT NULL CHECK (submitted_side IN ('organizer', 'sponsor')),
  submitted_at timestamptz NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
  UNIQUE (deliverable_id, seq),
  CHECK (asset_url IS NOT NULL OR file_sha256 IS NOT NULL)
);

-- Refuses any change to a proof; a deletion only as the cascade of its deliverable's.
CREATE FUNCTION refuse_proof_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'deliverable proofs are immutable' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER deliverable_proofs_immutable BEFORE UPDATE OR DELETE ON deliverable_proofs
  FOR EACH ROW EXECUTE FUNCTION refuse_proof_change();

-- Every review: approve, needs_changes (with its reason) or waive, by whom.
CREATE TABLE deliverable_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deliverable_id uuid NOT NULL REFERENCES deliverables (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('approve', 'needs_changes', 'waive')),
  reason text CHECK (reason IS NULL OR length(reason) <= 2000),
  proof_id uuid REFERENCES deliverable_proofs (id) ON DELETE SET NULL,
  reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  reviewed_side text NOT NULL CHECK (reviewed_side IN ('organizer', 'sponsor')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliverable_reviews_deliverable_idx ON deliverable_reviews (deliverable_id, created_at);

-- Seed 001 §11: a package's SLAs (order_id NULL) are made at publish and copied to every order sold.
CREATE TABLE sponsorship_slas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  package_id uuid NOT NULL REFERENCES sponsorship_packages (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  order_id uuid REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  sponsor_id uuid REFERENCES sponsors (id) ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric IN ('impressions_total', 'booth_hours')),
  target numeric NOT NULL CHECK (target > 0),
  breach_policy jsonb NOT NULL CHECK (jsonb_typeof(breach_policy) = 'object'),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'met', 'breached')),
  actual numeric NOT NULL DEFAULT 0,
  -- What the actual was computed from (snapshot id, proof ids, capture days), for disputes (seed 001 §17).
  evidence jsonb NOT NULL DEFAULT '{}',
  checked_at timestamptz,
  decided_at timestamptz,
  -- Set when breached: the remedy is pending until applied (or not applicable, nothing left to refund).
  remedy_status text CHECK (remedy_status IS NULL OR remedy_status IN ('pending', 'applied', 'not_applicable')),
  remedy_cents bigint CHECK (remedy_cents IS NULL OR remedy_cents >= 0),
  -- Fixed before Stripe is called, so a re-run resumes this refund instead of making another.
  refund_id uuid UNIQUE REFERENCES order_refunds (id),
  makegood_deliverable_id uuid REFERENCES deliverables (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((order_id IS NULL) = (sponsor_id IS NULL))
);
CREATE UNIQUE INDEX sponsorship_slas_package_metric_key ON sponsorship_slas (package_id, metric) WHERE order_id IS NULL;
CREATE UNIQUE INDEX sponsorship_slas_order_metric_key ON sponsorship_slas (order_id, metric) WHERE order_id IS NOT NULL;
CREATE INDEX sponsorship_slas_open_idx ON sponsorship_slas (event_id) WHERE order_id IS NOT NULL AND status = 'pending';
CREATE INDEX sponsorship_slas_remedy_idx ON sponsorship_slas (id) WHERE remedy_status = 'pending';
ALTER TABLE deliverables ADD FOREIGN KEY (sla_id) REFERENCES sponsorship_slas (id) ON DELETE SET NULL;

-- Seed 001 §4.5's attributed conversions: one per (event, external id), so a retried post counts once.
CREATE TABLE sponsor_conversions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  utm_source text CHECK (utm_source IS NULL OR length(utm_source) BETWEEN 1 AND 100),
  value_cents bigint NOT NULL CHECK (value_cents BETWEEN 0 AND 100000000000),
  occurred_at timestamptz NOT NULL,
  recorded_by_user uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_by_key uuid REFERENCES organization_api_keys (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, external_id)
);
CREATE INDEX sponsor_conversions_sponsor_event_idx ON sponsor_conversions (sponsor_id, event_id, occurred_at);

-- Leads per representative and day (booth hours, ROI per representative).
CREATE INDEX leads_sponsor_event_captured_by_idx ON leads (sponsor_id, event_id, captured_by);

-- Row-level security: the two parties of a deliverable, proof, review, SLA or conversion see it.
ALTER TABLE deliverables ENABLE ROW LEVEL SECURITY;
CREATE POLICY deliverables_parties ON deliverables
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id() OR sponsor_org_id = app_org_id());
ALTER TABLE deliverable_proofs ENABLE ROW LEVEL SECURITY;
CREATE POLICY deliverable_proofs_parties ON deliverable_proofs
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id() OR sponsor_org_id = app_org_id());
ALTER TABLE deliverable_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY deliverable_reviews_parties ON deliverable_reviews
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id() OR sponsor_org_id = app_org_id());
ALTER TABLE sponsorship_slas ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsorship_slas_parties ON sponsorship_slas
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE sponsor_conversions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsor_conversions_parties ON sponsor_conversions USING (org_id = app_org_id() OR sponsor_org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON deliverables, deliverable_reviews TO yardpass_app;
GRANT SELECT, INSERT ON deliverable_proofs TO yardpass_app;
-- Publishing a package (a tenant transaction) makes its SLAs.
GRANT SELECT, INSERT, UPDATE ON sponsorship_slas TO yardpass_app;
GRANT SELECT ON sponsor_conversions TO yardpass_app;

-- Outbox (migration 0012): a deliverable submitted, approved, sent back or waived, to both parties.
CREATE FUNCTION deliverable_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.status IS NOT DISTINCT FROM OLD.status OR NEW.status = 'pending' THEN RETURN NEW; END IF;
  PERFORM record_domain_event('deliverable.' || NEW.status, ARRAY[NEW.org_id, NEW.sponsor_org_id], NEW.event_id, jsonb_build_object(
    'deliverable_id', NEW.id, 'event_id', NEW.event_id, 'sponsor_id', NEW.sponsor_id, 'order_id', NEW.order_id,
    'type', NEW.type, 'status', NEW.status, 'previous_status', OLD.status, 'responsible_side', NEW.responsible_side,
    'due_at', NEW.due_at, 'reason', CASE WHEN NEW.status = 'needs_changes' THEN NEW.last_reason END,
    'proof_count', NEW.proof_count, 'proof_chain_head', NEW.chain_head));
  RETURN NEW;
END $$;
CREATE TRIGGER deliverables_domain_event AFTER UPDATE OF status ON deliverables
  FOR EACH ROW EXECUTE FUNCTION deliverable_domain_event();

-- Seed 001 §20.1: event_sponsorship.updated when its activation or financials change.
CREATE FUNCTION event_sponsorship_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF (NEW.activation_status, NEW.amount_cents, NEW.benefits, NEW.tier_id) IS NOT DISTINCT FROM (OLD.activation_status, OLD.amount_cents, OLD.benefits, OLD.tier_id) THEN
    RETURN NEW;
  END IF;
  PERFORM record_domain_event('event_sponsorship.updated', ARRAY[NEW.org_id, NEW.sponsor_org_id], NEW.event_id, jsonb_build_object(
    'event_sponsorship_id', NEW.id, 'event_id', NEW.event_id, 'sponsor_id', NEW.sponsor_id, 'tier_id', NEW.tier_id,
    'amount_cents', NEW.amount_cents, 'benefits', NEW.benefits, 'activation_status', NEW.activation_status,
    'previous_activation_status', OLD.activation_status));
  RETURN NEW;
END $$;
CREATE TRIGGER event_sponsorships_domain_event AFTER UPDATE ON event_sponsorships
  FOR EACH ROW EXECUTE FUNCTION event_sponsorship_domain_event();

-- An order's SLA decided: met, or breached with its policy (both parties are told). Statement-level with transition
-- tables, so the nightly check's one UPDATE over every SLA writes its events in one INSERT rather than row by row.
CREATE FUNCTION sla_domain_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO domain_events (id, type, org_ids, event_id, data)
  SELECT gen_random_uuid(), 'sla.' || n.status, ARRAY[n.org_id, n.sponsor_org_id], n.event_id, jsonb_build_object(
    'sla_id', n.id, 'order_id', n.order_id, 'event_id', n.event_id, 'sponsor_id', n.sponsor_id,
    'metric', n.metric, 'target', n.target, 'actual', n.actual, 'status', n.status, 'breach_policy', n.breach_policy)
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.order_id IS NOT NULL AND n.status <> o.status AND n.status <> 'pending';
  RETURN NULL;
END $$;
CREATE TRIGGER sponsorship_slas_domain_events AFTER UPDATE ON sponsorship_slas
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sla_domain_events();
