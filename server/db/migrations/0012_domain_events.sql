-- One durable outbox of domain events (DESIGN.md "Domain events"): every moment other parties care
-- about is written here in the same transaction as the change, by triggers, so no code path can forget
-- one and nothing is announced that did not commit. Readers (issuer webhooks, command-center deltas,
-- workspace notifications) each keep a cursor over the stamped sequence.

-- seq stays NULL until a reader stamps it (stamp_domain_events below), in insertion order, so a
-- transaction that commits late still gets a seq above every cursor already moved past.
CREATE TABLE domain_events (
  id uuid PRIMARY KEY,
  seq bigint UNIQUE,
  pending_id bigserial,
  type text NOT NULL CHECK (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  -- The organizations whose endpoints, notifications and screens may hear of it.
  org_ids uuid[] NOT NULL,
  event_id uuid,
  data jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_unstamped_idx ON domain_events (pending_id) WHERE seq IS NULL;
CREATE INDEX domain_events_occurred_idx ON domain_events (occurred_at);
CREATE INDEX domain_events_org_ids_idx ON domain_events USING gin (org_ids);
CREATE SEQUENCE domain_events_seq;

-- Tenant transactions write events through the triggers and record_domain_event (SECURITY DEFINER);
-- they can neither read the outbox nor insert into it directly.
REVOKE ALL ON domain_events FROM yardpass_app;

CREATE TABLE domain_event_cursors (
  reader text PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Stamps every committed, unstamped event in insertion order; one stamper at a time. Returns the horizon.
CREATE FUNCTION stamp_domain_events() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  first_seq bigint;
  stamped bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('domain_events_stamp'));
  IF EXISTS (SELECT 1 FROM domain_events WHERE seq IS NULL) THEN
    first_seq := nextval('domain_events_seq');
    UPDATE domain_events d SET seq = first_seq + p.n - 1
    FROM (SELECT id, row_number() OVER (ORDER BY pending_id) AS n FROM domain_events WHERE seq IS NULL) p
    WHERE d.id = p.id;
    GET DIAGNOSTICS stamped = ROW_COUNT;
    IF stamped > 1 THEN PERFORM setval('domain_events_seq', first_seq + stamped - 1); END IF;
  END IF;
  RETURN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM domain_events_seq);
END $$;

CREATE FUNCTION record_domain_event(p_type text, p_org_ids uuid[], p_event_id uuid, p_data jsonb) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  new_id uuid := gen_random_uuid();
BEGIN
  INSERT INTO domain_events (id, type, org_ids, event_id, data) VALUES (new_id, p_type, p_org_ids, p_event_id, p_data);
  RETURN new_id;
END $$;
GRANT EXECUTE ON FUNCTION record_domain_event(text, uuid[], uuid, jsonb) TO yardpass_app;

-- Orders: created, and every escrow step (seed 001 §7's order.funded carries the seed's fields).
CREATE FUNCTION order_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.escrow_state IS NOT DISTINCT FROM OLD.escrow_state THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND NEW.escrow_state NOT IN ('funded', 'locked', 'released', 'cancelled', 'refunded') THEN RETURN NEW; END IF;
  PERFORM record_domain_event(
    CASE WHEN TG_OP = 'INSERT' THEN 'order.created' ELSE 'order.' || NEW.escrow_state END,
    ARRAY[NEW.org_id, NEW.sponsor_org_id], NEW.event_id,
    jsonb_build_object(
      'order_id', NEW.id, 'event_id', NEW.event_id, 'sponsor_id', NEW.sponsor_id, 'package_id', NEW.package_id,
      'amount_cents', NEW.amount_cents, 'currency', NEW.currency, 'escrow_state', NEW.escrow_state, 'status', NEW.status,
      'stripe_payment_intent_id', NEW.stripe_payment_intent_id,
      'application_fee_cents', CASE WHEN NEW.platform_fee_percentage IS NULL THEN NULL
        ELSE round(NEW.amount_cents * NEW.platform_fee_percentage)::bigint END,
      'refunded_cents', NEW.refunded_cents));
  RETURN NEW;
END $$;
CREATE TRIGGER sponsorship_orders_domain_event AFTER INSERT OR UPDATE OF escrow_state ON sponsorship_orders
  FOR EACH ROW EXECUTE FUNCTION order_domain_event();

-- A payout that could not be made after its last attempt.
CREATE FUNCTION order_payout_failed_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.payout_status = 'dead' AND OLD.payout_status IS DISTINCT FROM 'dead' THEN
    PERFORM record_domain_event('payout.failed', ARRAY[NEW.org_id], NEW.event_id, jsonb_build_object(
      'order_id', NEW.id, 'event_id', NEW.event_id, 'sponsor_id', NEW.sponsor_id,
      'amount_cents', NEW.amount_cents, 'currency', NEW.currency,
      'reason', (SELECT last_error FROM payout_queue WHERE order_id = NEW.id)));
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sponsorship_orders_payout_failed AFTER UPDATE OF payout_status ON sponsorship_orders
  FOR EACH ROW EXECUTE FUNCTION order_payout_failed_event();

-- A transfer made to the organizer (seed 001 §7 payout.completed: payout and Stripe ids).
CREATE FUNCTION payout_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM record_domain_event('payout.completed', ARRAY[NEW.org_id], o.event_id, jsonb_build_object(
      'payout_id', NEW.id, 'order_id', NEW.order_id, 'event_id', o.event_id, 'sponsor_id', o.sponsor_id,
      'amount_cents', NEW.amount_cents, 'fee_cents', NEW.fee_cents, 'currency', NEW.currency,
      'stripe_transfer_id', NEW.stripe_transfer_id, 'destination_account', NEW.destination_account,
      'stripe_payment_intent_id', o.stripe_payment_intent_id))
  FROM sponsorship_orders o WHERE o.id = NEW.order_id;
  RETURN NEW;
END $$;
CREATE TRIGGER sponsorship_payouts_domain_event AFTER INSERT ON sponsorship_payouts
  FOR EACH ROW EXECUTE FUNCTION payout_domain_event();

-- Proposals: sent, countered, accepted, rejected, expired — with the latest offer.
CREATE FUNCTION proposal_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.status = 'draft' OR (TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status) THEN RETURN NEW; END IF;
  PERFORM record_domain_event('proposal.' || NEW.status, ARRAY[NEW.org_id, NEW.sponsor_org_id], NEW.event_id, jsonb_build_object(
    'proposal_id', NEW.id, 'event_id', NEW.event_id, 'sponsor_id', NEW.sponsor_id, 'package_id', NEW.package_id,
    'status', NEW.status, 'order_id', NEW.order_id,
    'last_offer', (SELECT jsonb_build_object('sender_type', m.sender_type, 'offer', m.offer, 'package_version', m.package_version, 'sent_at', m.created_at)
                   FROM proposal_messages m WHERE m.thread_id = NEW.id AND m.offer IS NOT NULL ORDER BY m.seq DESC LIMIT 1)));
  RETURN NEW;
END $$;
CREATE TRIGGER proposal_threads_domain_event AFTER INSERT OR UPDATE OF status ON proposal_threads
  FOR EACH ROW EXECUTE FUNCTION proposal_domain_event();

-- Leads: each capture (a first scan or a repeat visit). Contact fields are the consented ones the lead
-- holds and go only to the sponsor's own organization; the event's organizer hears counts, never these.
CREATE FUNCTION lead_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.capture_count <= OLD.capture_count THEN RETURN NEW; END IF;
  PERFORM record_domain_event('lead.captured', ARRAY[NEW.org_id], NEW.event_id, jsonb_build_object(
    'lead_id', NEW.id, 'sponsor_id', NEW.sponsor_id, 'event_id', NEW.event_id,
    'intent_score', NEW.intent_score, 'intent_level', NEW.intent_level,
    'previous_intent_level', CASE WHEN TG_OP = 'UPDATE' THEN OLD.intent_level END,
    'capture_count', NEW.capture_count, 'is_repeat', NEW.capture_count > 1,
    'captured_at', NEW.last_captured_at,
    'attendee', jsonb_build_object('badge_code', NEW.badge_code, 'name', NEW.name, 'email', NEW.email,
      'company', NEW.company, 'title', NEW.title, 'phone', NEW.phone)));
  RETURN NEW;
END $$;
CREATE TRIGGER leads_domain_event AFTER INSERT OR UPDATE OF capture_count ON leads
  FOR EACH ROW EXECUTE FUNCTION lead_domain_event();
