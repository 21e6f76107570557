-- Sponsorship commerce (seed 001 §4.1–4.3, §10, §20.1, §20.4): packages, proposals, escrowed orders,
-- payouts through Stripe Connect (separate charges and transfers) and a double-entry ledger.

ALTER TABLE sponsors ADD COLUMN category text CHECK (category IS NULL OR length(category) BETWEEN 1 AND 100);

-- Seed 001 §20.1: what a sponsorship is worth and how far its activation has come.
ALTER TABLE event_sponsorships
  ADD COLUMN amount_cents bigint CHECK (amount_cents IS NULL OR amount_cents >= 0),
  ADD COLUMN benefits jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN activation_status text NOT NULL DEFAULT 'draft' CHECK (activation_status IN ('draft', 'in_progress', 'complete'));

-- The organizer's Stripe Connect account and the platform's share of each order.
CREATE TABLE payout_configurations (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  platform_fee_percentage numeric(7, 6) NOT NULL CHECK (platform_fee_percentage >= 0 AND platform_fee_percentage < 1),
  stripe_connect_account_id text NOT NULL CHECK (stripe_connect_account_id ~ '^acct_'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sponsorship_packages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  template_id uuid REFERENCES sponsorship_packages (id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  tier text NOT NULL CHECK (length(tier) BETWEEN 1 AND 50),
  price_cents bigint NOT NULL CHECK (price_cents >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  inventory integer NOT NULL CHECK (inventory >= 0),
  sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0 AND sold <= inventory),
  benefits jsonb NOT NULL DEFAULT '{}',
  available_from timestamptz,
  available_until timestamptz,
  max_per_sponsor integer CHECK (max_per_sponsor IS NULL OR max_per_sponsor >= 1),
  exclusivity boolean NOT NULL DEFAULT false,
  audience_snapshot jsonb NOT NULL DEFAULT '{}',
  category_allow text[] NOT NULL DEFAULT '{}',
  sponsor_conflicts text[] NOT NULL DEFAULT '{}',
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
  is_active boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  published_at timestamptz,
  quality_score numeric(4, 3),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (available_until IS NULL OR available_from IS NULL OR available_until > available_from)
);
CREATE INDEX sponsorship_packages_event_active_vis_idx ON sponsorship_packages (event_id, is_active, visibility) WHERE is_active;
CREATE INDEX sponsorship_packages_event_idx ON sponsorship_packages (event_id, price_cents DESC);

-- Every version of a package's terms: an offer made on version N keeps version N's terms.
CREATE TABLE package_versions (
  package_id uuid NOT NULL REFERENCES sponsorship_packages (id) ON DELETE CASCADE,
  version integer NOT NULL,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  terms jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (package_id, version)
);

CREATE TABLE proposal_threads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  package_id uuid NOT NULL REFERENCES sponsorship_packages (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'counter', 'accepted', 'rejected', 'expired')),
  created_by_side text NOT NULL CHECK (created_by_side IN ('organizer', 'sponsor')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  order_id uuid,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_threads_event_status_updated_idx ON proposal_threads (event_id, status, updated_at DESC);
CREATE INDEX proposal_threads_sponsor_org_idx ON proposal_threads (sponsor_org_id, updated_at DESC);

CREATE TABLE proposal_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id uuid NOT NULL REFERENCES proposal_threads (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sender_type text NOT NULL CHECK (sender_type IN ('organizer', 'sponsor')),
  sender_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) <= 10000),
  offer jsonb,
  package_version integer NOT NULL,
  seq bigserial,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_messages_thread_created_idx ON proposal_messages (thread_id, seq DESC);

CREATE TABLE sponsorship_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id),
  event_id uuid NOT NULL REFERENCES events (id),
  package_id uuid NOT NULL REFERENCES sponsorship_packages (id),
  package_version integer NOT NULL,
  thread_id uuid REFERENCES proposal_threads (id),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 50),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  benefits jsonb NOT NULL DEFAULT '{}',
  cancellation_window_days integer NOT NULL DEFAULT 14 CHECK (cancellation_window_days BETWEEN 0 AND 365),
  cancellation_penalty_pct numeric(5, 4) NOT NULL DEFAULT 0 CHECK (cancellation_penalty_pct BETWEEN 0 AND 1),
  platform_fee_percentage numeric(7, 6),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'funded', 'completed', 'cancelled', 'refunded')),
  escrow_state text NOT NULL DEFAULT 'pending'
    CHECK (escrow_state IN ('pending', 'requires_action', 'funded', 'locked', 'released', 'cancelled', 'refunded')),
  payout_status text CHECK (payout_status IN ('queued', 'processing', 'paid', 'failed', 'dead')),
  stripe_payment_intent_id text,
  stripe_charge_id text,
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  funded_at timestamptz,
  locked_at timestamptz,
  released_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (refunded_cents <= amount_cents)
);
CREATE UNIQUE INDEX sponsorship_orders_thread_key ON sponsorship_orders (thread_id) WHERE thread_id IS NOT NULL;
CREATE INDEX sponsorship_orders_event_status_created_idx ON sponsorship_orders (event_id, status, created_at DESC);
CREATE INDEX sponsorship_orders_sponsor_org_idx ON sponsorship_orders (sponsor_org_id, created_at DESC);
CREATE INDEX sponsorship_orders_package_idx ON sponsorship_orders (package_id);
ALTER TABLE proposal_threads ADD FOREIGN KEY (order_id) REFERENCES sponsorship_orders (id);

-- Each attempt to take the sponsor's money: its idempotency key is fixed before Stripe is called,
-- so a retry after a crash replays the same PaymentIntent rather than charging twice.
CREATE TABLE order_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  payment_method text NOT NULL,
  amount_cents bigint NOT NULL,
  stripe_payment_intent_id text UNIQUE,
  stripe_charge_id text,
  status text NOT NULL DEFAULT 'creating' CHECK (status IN ('creating', 'requires_action', 'succeeded', 'failed')),
  failure_code text,
  failure_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, attempt)
);
CREATE INDEX order_payments_open_idx ON order_payments (status, updated_at) WHERE status IN ('creating', 'requires_action');

-- A refund is recorded (with its idempotency key) before Stripe is asked, like a payment attempt.
CREATE TABLE order_refunds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('cancel', 'refund')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded')),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  penalty_cents bigint NOT NULL DEFAULT 0 CHECK (penalty_cents >= 0),
  reversed_cents bigint NOT NULL DEFAULT 0,
  reason text CHECK (reason IS NULL OR length(reason) <= 500),
  stripe_refund_id text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_refunds_order_idx ON order_refunds (order_id);

-- Seed 002's payout queue: one payout per order, claimed by one worker at a time.
CREATE TABLE payout_queue (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL UNIQUE REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'dead')),
  -- Fixed when first claimed, so every retry asks Stripe for the same transfer.
  amount_cents bigint,
  fee_cents bigint,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payout_queue_due_idx ON payout_queue (next_attempt_at) WHERE status IN ('pending', 'failed', 'processing');

CREATE TABLE sponsorship_payouts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL UNIQUE REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  amount_cents bigint NOT NULL,
  fee_cents bigint NOT NULL,
  currency text NOT NULL,
  destination_account text NOT NULL,
  stripe_transfer_id text NOT NULL UNIQUE,
  reversed_cents bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Double-entry ledger: every movement of money is a transaction whose entries sum to zero.
-- (kind, reference) is unique, so applying the same Stripe object twice records it once.
CREATE TABLE ledger_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('charge', 'hold', 'fee', 'transfer', 'refund', 'reversal', 'penalty', 'fee_return')),
  reference text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, reference)
);
CREATE INDEX ledger_transactions_order_idx ON ledger_transactions (order_id);

CREATE TABLE ledger_entries (
  id bigserial PRIMARY KEY,
  transaction_id uuid NOT NULL REFERENCES ledger_transactions (id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES sponsorship_orders (id) ON DELETE CASCADE,
  account text NOT NULL CHECK (account IN ('stripe_balance', 'escrow', 'escrow_held', 'platform_fees')),
  amount_cents bigint NOT NULL CHECK (amount_cents <> 0)
);
CREATE INDEX ledger_entries_order_account_idx ON ledger_entries (order_id, account);
CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id);

-- Refuses, at commit, any ledger transaction whose entries do not sum to zero.
CREATE FUNCTION ledger_transaction_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  SELECT coalesce(sum(amount_cents), 0) INTO total FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced by % cents', NEW.transaction_id, total USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT OR UPDATE ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balances();

-- Stripe events applied, by id: a redelivered event is acknowledged and not applied again.
CREATE TABLE stripe_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- What needs a person: a payout that failed every attempt, a ledger that disagrees with Stripe.
CREATE TABLE admin_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  subject_id text NOT NULL,
  message text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, subject_id)
);

-- Row-level security: the organizer owns packages and payout settings; a thread or an order is
-- visible to its two parties; a published public package is visible to everyone.
ALTER TABLE payout_configurations ENABLE ROW LEVEL SECURITY;
CREATE POLICY payout_configurations_tenant ON payout_configurations USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE sponsorship_packages ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsorship_packages_owner ON sponsorship_packages USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY sponsorship_packages_market ON sponsorship_packages FOR SELECT USING (is_active AND visibility = 'public');
ALTER TABLE package_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY package_versions_owner ON package_versions USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE proposal_threads ENABLE ROW LEVEL SECURITY;
CREATE POLICY proposal_threads_parties ON proposal_threads
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id() OR sponsor_org_id = app_org_id());
ALTER TABLE proposal_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY proposal_messages_parties ON proposal_messages
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id() OR sponsor_org_id = app_org_id());
ALTER TABLE sponsorship_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsorship_orders_parties ON sponsorship_orders
  USING (org_id = app_org_id() OR sponsor_org_id = app_org_id()) WITH CHECK (org_id = app_org_id() OR sponsor_org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON payout_configurations, sponsorship_packages, package_versions, proposal_threads,
  proposal_messages, sponsorship_orders TO yardpass_app;
GRANT USAGE ON SEQUENCE proposal_messages_seq_seq TO yardpass_app;
