-- The command center's counters (issue 13): what its metrics, series and leaderboards show, kept up to date by
-- triggers in the same transaction as the change, so a read sums a few hundred counter rows instead of scanning every
-- lead and order in scope. Triggers rather than service code because leads, orders, proposals and payouts are written
-- by several services (capture, sync batches, edits, checkout, escrow jobs, payouts).
--
-- Every trigger is statement-level with transition tables: a statement's rows are summed and applied as one
-- INSERT … ON CONFLICT DO UPDATE increment per counter table, keys in sorted order (two writers lock shared counter
-- rows in the same order). Counters that every capture of an event touches are split into 16 shards, one per
-- connection (pg_backend_pid), so simultaneous captures do not wait on one row until the other commits; a read sums
-- the shards, and the rollup job folds them back into shard 0.
-- Reads are made as the server: the tables are not granted to yardpass_app.

-- No writer may commit between the backfill's read and the triggers' start.
LOCK TABLE leads, lead_captures, sponsorship_orders, sponsorship_payouts, proposal_threads IN SHARE ROW EXCLUSIVE MODE;

-- The shard a connection writes: a slot of its own (1 to 63), claimed with a session advisory lock the first time it
-- counts something and kept until it disconnects. Simultaneous writers are on different connections, so they
-- increment different rows and never wait for each other's commit; a read sums the shards, and shard 0 is where the
-- rollup job folds them. Past 63 writing connections, slots are shared (still exact, only waits). The setting
-- command_center.shard pins it (tests make writers share rows with it).
CREATE FUNCTION command_center_shard() RETURNS smallint LANGUAGE plpgsql AS $$
DECLARE
  pinned text := current_setting('command_center.shard', true);
  slot integer := nullif(current_setting('command_center.slot', true), '')::integer;
BEGIN
  IF coalesce(pinned, '') <> '' THEN RETURN pinned::smallint; END IF;
  IF slot IS NOT NULL THEN RETURN slot; END IF;
  FOR candidate IN 1..63 LOOP
    IF pg_try_advisory_lock(727029, candidate) THEN
      slot := candidate;
      EXIT;
    END IF;
  END LOOP;
  slot := coalesce(slot, 1 + pg_backend_pid() % 63);
  -- Session-wide (a rollback forgets it; the next call finds the slot it still holds).
  PERFORM set_config('command_center.slot', slot::text, false);
  RETURN slot;
END $$;
-- The UTC hour a moment falls in (whatever the session's time zone).
CREATE FUNCTION command_center_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_bin('1 hour', at, timestamptz '2000-01-01 00:00:00+00') $$;

-- Leads by event, sponsor and current intent: count and sum(capture_count).
CREATE TABLE command_center_lead_counts (
  event_id uuid NOT NULL,
  sponsor_id uuid NOT NULL,
  intent_level text NOT NULL,
  shard smallint NOT NULL,
  leads bigint NOT NULL,
  captures bigint NOT NULL,
  PRIMARY KEY (event_id, sponsor_id, intent_level, shard)
);

-- Leads by event, the UTC hour they were created and current intent.
CREATE TABLE command_center_lead_hours (
  event_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  intent_level text NOT NULL,
  shard smallint NOT NULL,
  leads bigint NOT NULL,
  PRIMARY KEY (event_id, hour, intent_level, shard)
);

-- Captures (lead_captures rows) by the lead's event and the representative who made them.
CREATE TABLE command_center_rep_captures (
  event_id uuid NOT NULL,
  user_id uuid NOT NULL,
  shard smallint NOT NULL,
  captures bigint NOT NULL,
  PRIMARY KEY (event_id, user_id, shard)
);

-- Orders by event, package, escrow state and the steps they went through: count and sum(amount - refunded).
CREATE TABLE command_center_order_counts (
  event_id uuid NOT NULL,
  package_id uuid NOT NULL,
  escrow_state text NOT NULL,
  is_funded boolean NOT NULL,
  is_locked boolean NOT NULL,
  is_released boolean NOT NULL,
  is_paid_out boolean NOT NULL,
  orders bigint NOT NULL,
  net_cents bigint NOT NULL,
  PRIMARY KEY (event_id, package_id, escrow_state, is_funded, is_locked, is_released, is_paid_out)
);
CREATE INDEX command_center_order_counts_package_idx ON command_center_order_counts (package_id);

-- GMV (funded, locked or released orders, amount - refunded) by event and the UTC hour the order was funded.
CREATE TABLE command_center_gmv_hours (
  event_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  orders bigint NOT NULL,
  net_cents bigint NOT NULL,
  PRIMARY KEY (event_id, hour)
);

-- The same for all an organization's events together (the event's organizer), for workspaces that cover them all.
CREATE TABLE command_center_org_gmv_hours (
  org_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  orders bigint NOT NULL,
  net_cents bigint NOT NULL,
  PRIMARY KEY (org_id, hour)
);

CREATE TABLE command_center_proposal_counts (
  event_id uuid NOT NULL,
  package_id uuid NOT NULL,
  status text NOT NULL,
  threads bigint NOT NULL,
  PRIMARY KEY (event_id, package_id, status)
);
CREATE INDEX command_center_proposal_counts_package_idx ON command_center_proposal_counts (package_id);

-- Payouts made, by the order's event.
CREATE TABLE command_center_payout_sums (
  event_id uuid PRIMARY KEY,
  payouts bigint NOT NULL,
  paid_cents bigint NOT NULL
);

-- Counters are updated in place all day: room on each page keeps the updates HOT, and dead versions go early.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['command_center_lead_counts', 'command_center_lead_hours', 'command_center_rep_captures',
    'command_center_order_counts', 'command_center_gmv_hours', 'command_center_org_gmv_hours', 'command_center_proposal_counts',
    'command_center_payout_sums'] LOOP
    EXECUTE format('ALTER TABLE %I SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
      autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000)', t);
  END LOOP;
END $$;

-- Day boundaries in a time zone a fraction of an hour off UTC are corrected from the orders themselves.
CREATE INDEX sponsorship_orders_event_funded_idx ON sponsorship_orders (event_id, funded_at) WHERE funded_at IS NOT NULL;

-- The changes a statement made, one signed row per row before (-1) and after (+1); summed per counter key.
CREATE TYPE command_center_lead_change AS (
  id uuid, event_id uuid, sponsor_id uuid, intent_level text, capture_count integer, created_at timestamptz, sign integer);
CREATE TYPE command_center_capture_change AS (lead_id uuid, user_id uuid, sign integer);
CREATE TYPE command_center_order_change AS (
  event_id uuid, package_id uuid, escrow_state text, funded_at timestamptz, locked_at timestamptz, released_at timestamptz,
  payout_status text, net_cents bigint, sign integer);
CREATE TYPE command_center_proposal_change AS (event_id uuid, package_id uuid, status text, sign integer);
CREATE TYPE command_center_payout_change AS (order_id uuid, amount_cents bigint, sign integer);

CREATE FUNCTION command_center_apply_lead_changes(changes command_center_lead_change[], p_shard smallint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO command_center_lead_counts AS c (event_id, sponsor_id, intent_level, shard, leads, captures)
  SELECT x.event_id, x.sponsor_id, x.intent_level, p_shard, sum(x.sign), sum(x.sign * x.capture_count)
  FROM unnest(changes) x GROUP BY 1, 2, 3, 4
  HAVING sum(x.sign) <> 0 OR sum(x.sign * x.capture_count) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (event_id, sponsor_id, intent_level, shard)
  DO UPDATE SET leads = c.leads + EXCLUDED.leads, captures = c.captures + EXCLUDED.captures;

  INSERT INTO command_center_lead_hours AS h (event_id, hour, intent_level, shard, leads)
  SELECT x.event_id, command_center_hour(x.created_at), x.intent_level, p_shard, sum(x.sign)
  FROM unnest(changes) x GROUP BY 1, 2, 3, 4 HAVING sum(x.sign) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (event_id, hour, intent_level, shard) DO UPDATE SET leads = h.leads + EXCLUDED.leads;
END $$;

-- A capture counts for its lead's event; captures of a lead being deleted are taken off by leads' delete trigger.
CREATE FUNCTION command_center_apply_capture_changes(changes command_center_capture_change[], p_shard smallint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO command_center_rep_captures AS r (event_id, user_id, shard, captures)
  SELECT l.event_id, x.user_id, p_shard, sum(x.sign)
  FROM unnest(changes) x JOIN leads l ON l.id = x.lead_id
  WHERE x.user_id IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(x.sign) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (event_id, user_id, shard) DO UPDATE SET captures = r.captures + EXCLUDED.captures;
END $$;

CREATE FUNCTION command_center_apply_order_changes(changes command_center_order_change[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO command_center_order_counts AS c (event_id, package_id, escrow_state, is_funded, is_locked, is_released,
    is_paid_out, orders, net_cents)
  SELECT x.event_id, x.package_id, x.escrow_state, x.funded_at IS NOT NULL, x.locked_at IS NOT NULL,
    x.released_at IS NOT NULL, coalesce(x.payout_status = 'paid', false), sum(x.sign), sum(x.sign * x.net_cents)
  FROM unnest(changes) x GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(x.sign) <> 0 OR sum(x.sign * x.net_cents) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (event_id, package_id, escrow_state, is_funded, is_locked, is_released, is_paid_out)
  DO UPDATE SET orders = c.orders + EXCLUDED.orders, net_cents = c.net_cents + EXCLUDED.net_cents;

  INSERT INTO command_center_gmv_hours AS g (event_id, hour, orders, net_cents)
  SELECT x.event_id, command_center_hour(x.funded_at), sum(x.sign), sum(x.sign * x.net_cents)
  FROM unnest(changes) x WHERE x.funded_at IS NOT NULL AND x.escrow_state IN ('funded', 'locked', 'released')
  GROUP BY 1, 2 HAVING sum(x.sign) <> 0 OR sum(x.sign * x.net_cents) <> 0 ORDER BY 1, 2
  ON CONFLICT (event_id, hour) DO UPDATE SET orders = g.orders + EXCLUDED.orders, net_cents = g.net_cents + EXCLUDED.net_cents;

  INSERT INTO command_center_org_gmv_hours AS g (org_id, hour, orders, net_cents)
  SELECT e.org_id, command_center_hour(x.funded_at), sum(x.sign), sum(x.sign * x.net_cents)
  FROM unnest(changes) x JOIN events e ON e.id = x.event_id
  WHERE x.funded_at IS NOT NULL AND x.escrow_state IN ('funded', 'locked', 'released')
  GROUP BY 1, 2 HAVING sum(x.sign) <> 0 OR sum(x.sign * x.net_cents) <> 0 ORDER BY 1, 2
  ON CONFLICT (org_id, hour) DO UPDATE SET orders = g.orders + EXCLUDED.orders, net_cents = g.net_cents + EXCLUDED.net_cents;
END $$;

CREATE FUNCTION command_center_apply_proposal_changes(changes command_center_proposal_change[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO command_center_proposal_counts AS p (event_id, package_id, status, threads)
  SELECT x.event_id, x.package_id, x.status, sum(x.sign) FROM unnest(changes) x
  GROUP BY 1, 2, 3 HAVING sum(x.sign) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (event_id, package_id, status) DO UPDATE SET threads = p.threads + EXCLUDED.threads;
END $$;

-- A payout counts for its order's event; payouts of an order being deleted are taken off by orders' delete trigger.
CREATE FUNCTION command_center_apply_payout_changes(changes command_center_payout_change[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO command_center_payout_sums AS s (event_id, payouts, paid_cents)
  SELECT o.event_id, sum(x.sign), sum(x.sign * x.amount_cents) FROM unnest(changes) x JOIN sponsorship_orders o ON o.id = x.order_id
  GROUP BY 1 HAVING sum(x.sign) <> 0 OR sum(x.sign * x.amount_cents) <> 0 ORDER BY 1
  ON CONFLICT (event_id) DO UPDATE SET payouts = s.payouts + EXCLUDED.payouts, paid_cents = s.paid_cents + EXCLUDED.paid_cents;
END $$;

-- The triggers. Each runs as the table owner (tenant transactions cannot touch the counters themselves); an UPDATE
-- adds each row's new contribution and takes its old one off, so unchanged rows cancel out and write nothing.
CREATE FUNCTION command_center_count_leads() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM command_center_apply_lead_changes(ARRAY(SELECT ROW(n.id, n.event_id, n.sponsor_id, n.intent_level,
      n.capture_count, n.created_at, 1)::command_center_lead_change FROM new_rows n), command_center_shard());
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM command_center_apply_lead_changes(ARRAY(SELECT ROW(o.id, o.event_id, o.sponsor_id, o.intent_level,
      o.capture_count, o.created_at, -1)::command_center_lead_change FROM old_rows o), command_center_shard());
  ELSE
    PERFORM command_center_apply_lead_changes(ARRAY(
      SELECT ROW(o.id, o.event_id, o.sponsor_id, o.intent_level, o.capture_count, o.created_at, -1)::command_center_lead_change
      FROM old_rows o
      UNION ALL
      SELECT ROW(n.id, n.event_id, n.sponsor_id, n.intent_level, n.capture_count, n.created_at, 1)::command_center_lead_change
      FROM new_rows n), command_center_shard());
    -- A lead moved to another event takes its captures with it.
    INSERT INTO command_center_rep_captures AS r (event_id, user_id, shard, captures)
    SELECT m.event_id, c.captured_by, command_center_shard(), sum(m.sign)
    FROM (SELECT o.id, o.event_id, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.event_id <> o.event_id
          UNION ALL
          SELECT n.id, n.event_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.event_id <> o.event_id) m
    JOIN lead_captures c ON c.lead_id = m.id
    WHERE c.captured_by IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(m.sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (event_id, user_id, shard) DO UPDATE SET captures = r.captures + EXCLUDED.captures;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER leads_tally_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_leads();
CREATE TRIGGER leads_tally_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_leads();
CREATE TRIGGER leads_tally_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_leads();

-- Before a lead goes (its captures go with it, by cascade, and can no longer say which event they counted for).
CREATE FUNCTION command_center_uncount_lead_captures() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM command_center_apply_capture_changes(ARRAY(SELECT ROW(c.lead_id, c.captured_by, -1)::command_center_capture_change
    FROM lead_captures c WHERE c.lead_id = OLD.id), command_center_shard());
  RETURN OLD;
END $$;
CREATE TRIGGER leads_tally_captures_before_delete BEFORE DELETE ON leads
  FOR EACH ROW EXECUTE FUNCTION command_center_uncount_lead_captures();

CREATE FUNCTION command_center_count_captures() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM command_center_apply_capture_changes(ARRAY(SELECT ROW(n.lead_id, n.captured_by, 1)::command_center_capture_change
      FROM new_rows n), command_center_shard());
  ELSIF TG_OP = 'DELETE' THEN
    -- Captures deleted with their lead find no lead here: they were taken off before it went.
    PERFORM command_center_apply_capture_changes(ARRAY(SELECT ROW(o.lead_id, o.captured_by, -1)::command_center_capture_change
      FROM old_rows o), command_center_shard());
  ELSE
    PERFORM command_center_apply_capture_changes(ARRAY(
      SELECT ROW(o.lead_id, o.captured_by, -1)::command_center_capture_change FROM old_rows o
      UNION ALL
      SELECT ROW(n.lead_id, n.captured_by, 1)::command_center_capture_change FROM new_rows n), command_center_shard());
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER lead_captures_tally_insert AFTER INSERT ON lead_captures REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_captures();
CREATE TRIGGER lead_captures_tally_update AFTER UPDATE ON lead_captures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_captures();
CREATE TRIGGER lead_captures_tally_delete AFTER DELETE ON lead_captures REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_captures();

CREATE FUNCTION command_center_count_orders() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM command_center_apply_order_changes(ARRAY(SELECT ROW(n.event_id, n.package_id, n.escrow_state, n.funded_at,
      n.locked_at, n.released_at, n.payout_status, n.amount_cents - n.refunded_cents, 1)::command_center_order_change FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM command_center_apply_order_changes(ARRAY(SELECT ROW(o.event_id, o.package_id, o.escrow_state, o.funded_at,
      o.locked_at, o.released_at, o.payout_status, o.amount_cents - o.refunded_cents, -1)::command_center_order_change FROM old_rows o));
  ELSE
    PERFORM command_center_apply_order_changes(ARRAY(
      SELECT ROW(o.event_id, o.package_id, o.escrow_state, o.funded_at, o.locked_at, o.released_at, o.payout_status,
        o.amount_cents - o.refunded_cents, -1)::command_center_order_change FROM old_rows o
      UNION ALL
      SELECT ROW(n.event_id, n.package_id, n.escrow_state, n.funded_at, n.locked_at, n.released_at, n.payout_status,
        n.amount_cents - n.refunded_cents, 1)::command_center_order_change FROM new_rows n));
    -- An order moved to another event takes its payout with it.
    INSERT INTO command_center_payout_sums AS s (event_id, payouts, paid_cents)
    SELECT m.event_id, sum(m.sign), sum(m.sign * p.amount_cents)
    FROM (SELECT o.id, o.event_id, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.event_id <> o.event_id
          UNION ALL
          SELECT n.id, n.event_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.event_id <> o.event_id) m
    JOIN sponsorship_payouts p ON p.order_id = m.id
    GROUP BY 1 HAVING sum(m.sign) <> 0 ORDER BY 1
    ON CONFLICT (event_id) DO UPDATE SET payouts = s.payouts + EXCLUDED.payouts, paid_cents = s.paid_cents + EXCLUDED.paid_cents;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sponsorship_orders_tally_insert AFTER INSERT ON sponsorship_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_orders();
CREATE TRIGGER sponsorship_orders_tally_update AFTER UPDATE ON sponsorship_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_orders();
CREATE TRIGGER sponsorship_orders_tally_delete AFTER DELETE ON sponsorship_orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_orders();

CREATE FUNCTION command_center_uncount_order_payouts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM command_center_apply_payout_changes(ARRAY(SELECT ROW(p.order_id, p.amount_cents, -1)::command_center_payout_change
    FROM sponsorship_payouts p WHERE p.order_id = OLD.id));
  RETURN OLD;
END $$;
CREATE TRIGGER sponsorship_orders_tally_payouts_before_delete BEFORE DELETE ON sponsorship_orders
  FOR EACH ROW EXECUTE FUNCTION command_center_uncount_order_payouts();

CREATE FUNCTION command_center_count_payouts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM command_center_apply_payout_changes(ARRAY(SELECT ROW(n.order_id, n.amount_cents, 1)::command_center_payout_change
      FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM command_center_apply_payout_changes(ARRAY(SELECT ROW(o.order_id, o.amount_cents, -1)::command_center_payout_change
      FROM old_rows o));
  ELSE
    PERFORM command_center_apply_payout_changes(ARRAY(
      SELECT ROW(o.order_id, o.amount_cents, -1)::command_center_payout_change FROM old_rows o
      UNION ALL
      SELECT ROW(n.order_id, n.amount_cents, 1)::command_center_payout_change FROM new_rows n));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sponsorship_payouts_tally_insert AFTER INSERT ON sponsorship_payouts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_payouts();
CREATE TRIGGER sponsorship_payouts_tally_update AFTER UPDATE ON sponsorship_payouts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_payouts();
CREATE TRIGGER sponsorship_payouts_tally_delete AFTER DELETE ON sponsorship_payouts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_payouts();

CREATE FUNCTION command_center_count_proposals() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM command_center_apply_proposal_changes(ARRAY(SELECT ROW(n.event_id, n.package_id, n.status, 1)::command_center_proposal_change
      FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM command_center_apply_proposal_changes(ARRAY(SELECT ROW(o.event_id, o.package_id, o.status, -1)::command_center_proposal_change
      FROM old_rows o));
  ELSE
    PERFORM command_center_apply_proposal_changes(ARRAY(
      SELECT ROW(o.event_id, o.package_id, o.status, -1)::command_center_proposal_change FROM old_rows o
      UNION ALL
      SELECT ROW(n.event_id, n.package_id, n.status, 1)::command_center_proposal_change FROM new_rows n));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER proposal_threads_tally_insert AFTER INSERT ON proposal_threads REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_proposals();
CREATE TRIGGER proposal_threads_tally_update AFTER UPDATE ON proposal_threads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_proposals();
CREATE TRIGGER proposal_threads_tally_delete AFTER DELETE ON proposal_threads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION command_center_count_proposals();

-- TRUNCATE fires no row or statement change triggers: the counters it empties are emptied with it.
CREATE FUNCTION command_center_truncated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'leads' THEN DELETE FROM command_center_lead_counts; DELETE FROM command_center_lead_hours;
      DELETE FROM command_center_rep_captures;
    WHEN 'lead_captures' THEN DELETE FROM command_center_rep_captures;
    WHEN 'sponsorship_orders' THEN DELETE FROM command_center_order_counts; DELETE FROM command_center_gmv_hours;
      DELETE FROM command_center_org_gmv_hours; DELETE FROM command_center_payout_sums;
    WHEN 'sponsorship_payouts' THEN DELETE FROM command_center_payout_sums;
    WHEN 'proposal_threads' THEN DELETE FROM command_center_proposal_counts;
  END CASE;
  RETURN NULL;
END $$;
CREATE TRIGGER leads_tally_truncate AFTER TRUNCATE ON leads FOR EACH STATEMENT EXECUTE FUNCTION command_center_truncated();
CREATE TRIGGER lead_captures_tally_truncate AFTER TRUNCATE ON lead_captures FOR EACH STATEMENT EXECUTE FUNCTION command_center_truncated();
CREATE TRIGGER sponsorship_orders_tally_truncate AFTER TRUNCATE ON sponsorship_orders FOR EACH STATEMENT EXECUTE FUNCTION command_center_truncated();
CREATE TRIGGER sponsorship_payouts_tally_truncate AFTER TRUNCATE ON sponsorship_payouts FOR EACH STATEMENT EXECUTE FUNCTION command_center_truncated();
CREATE TRIGGER proposal_threads_tally_truncate AFTER TRUNCATE ON proposal_threads FOR EACH STATEMENT EXECUTE FUNCTION command_center_truncated();

-- Every counter recounted from the tables it counts (the backfill below; a repair for ops). Lock the counted tables
-- against writers first (as this migration does) or a change committed meanwhile may be counted twice or not at all.
CREATE FUNCTION command_center_rebuild_counters() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM command_center_lead_counts;
  DELETE FROM command_center_lead_hours;
  DELETE FROM command_center_rep_captures;
  DELETE FROM command_center_order_counts;
  DELETE FROM command_center_gmv_hours;
  DELETE FROM command_center_org_gmv_hours;
  DELETE FROM command_center_proposal_counts;
  DELETE FROM command_center_payout_sums;
  INSERT INTO command_center_lead_counts (event_id, sponsor_id, intent_level, shard, leads, captures)
  SELECT event_id, sponsor_id, intent_level, 0, count(*), sum(capture_count) FROM leads GROUP BY 1, 2, 3;
  INSERT INTO command_center_lead_hours (event_id, hour, intent_level, shard, leads)
  SELECT event_id, command_center_hour(created_at), intent_level, 0, count(*) FROM leads GROUP BY 1, 2, 3;
  INSERT INTO command_center_rep_captures (event_id, user_id, shard, captures)
  SELECT l.event_id, c.captured_by, 0, count(*) FROM lead_captures c JOIN leads l ON l.id = c.lead_id
  WHERE c.captured_by IS NOT NULL GROUP BY 1, 2;
  INSERT INTO command_center_order_counts (event_id, package_id, escrow_state, is_funded, is_locked, is_released,
    is_paid_out, orders, net_cents)
  SELECT event_id, package_id, escrow_state, funded_at IS NOT NULL, locked_at IS NOT NULL, released_at IS NOT NULL,
    coalesce(payout_status = 'paid', false), count(*), sum(amount_cents - refunded_cents)
  FROM sponsorship_orders GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO command_center_gmv_hours (event_id, hour, orders, net_cents)
  SELECT event_id, command_center_hour(funded_at), count(*), sum(amount_cents - refunded_cents) FROM sponsorship_orders
  WHERE funded_at IS NOT NULL AND escrow_state IN ('funded', 'locked', 'released') GROUP BY 1, 2;
  INSERT INTO command_center_org_gmv_hours (org_id, hour, orders, net_cents)
  SELECT e.org_id, command_center_hour(o.funded_at), count(*), sum(o.amount_cents - o.refunded_cents)
  FROM sponsorship_orders o JOIN events e ON e.id = o.event_id
  WHERE o.funded_at IS NOT NULL AND o.escrow_state IN ('funded', 'locked', 'released') GROUP BY 1, 2;
  INSERT INTO command_center_proposal_counts (event_id, package_id, status, threads)
  SELECT event_id, package_id, status, count(*) FROM proposal_threads GROUP BY 1, 2, 3;
  INSERT INTO command_center_payout_sums (event_id, payouts, paid_cents)
  SELECT o.event_id, count(*), sum(p.amount_cents) FROM sponsorship_payouts p JOIN sponsorship_orders o ON o.id = p.order_id
  GROUP BY 1;
END $$;

-- Folds the shards of the lead counters into shard 0 (hours: those already past) and drops rows counting nothing,
-- so reads stay small. Exact while captures go on: a row folded away is re-created by the next increment. Gives up
-- (lock_timeout) rather than keep a capture waiting; the rollup job calls it and tries again next time.
CREATE FUNCTION command_center_fold_counters() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  folded bigint := 0;
  n bigint;
BEGIN
  PERFORM set_config('lock_timeout', '200ms', true);
  WITH gone AS (DELETE FROM command_center_lead_counts WHERE shard <> 0 RETURNING *)
  INSERT INTO command_center_lead_counts AS c (event_id, sponsor_id, intent_level, shard, leads, captures)
  SELECT event_id, sponsor_id, intent_level, 0, sum(leads), sum(captures) FROM gone GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (event_id, sponsor_id, intent_level, shard)
  DO UPDATE SET leads = c.leads + EXCLUDED.leads, captures = c.captures + EXCLUDED.captures;
  GET DIAGNOSTICS n = ROW_COUNT;
  folded := folded + n;
  WITH gone AS (DELETE FROM command_center_lead_hours WHERE shard <> 0 AND hour < command_center_hour(now()) RETURNING *)
  INSERT INTO command_center_lead_hours AS h (event_id, hour, intent_level, shard, leads)
  SELECT event_id, hour, intent_level, 0, sum(leads) FROM gone GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (event_id, hour, intent_level, shard) DO UPDATE SET leads = h.leads + EXCLUDED.leads;
  GET DIAGNOSTICS n = ROW_COUNT;
  folded := folded + n;
  WITH gone AS (DELETE FROM command_center_rep_captures WHERE shard <> 0 RETURNING *)
  INSERT INTO command_center_rep_captures AS r (event_id, user_id, shard, captures)
  SELECT event_id, user_id, 0, sum(captures) FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, user_id, shard) DO UPDATE SET captures = r.captures + EXCLUDED.captures;
  GET DIAGNOSTICS n = ROW_COUNT;
  folded := folded + n;
  DELETE FROM command_center_lead_counts WHERE leads = 0 AND captures = 0;
  DELETE FROM command_center_lead_hours WHERE leads = 0;
  DELETE FROM command_center_rep_captures WHERE captures = 0;
  DELETE FROM command_center_order_counts WHERE orders = 0 AND net_cents = 0;
  DELETE FROM command_center_gmv_hours WHERE orders = 0 AND net_cents = 0;
  DELETE FROM command_center_org_gmv_hours WHERE orders = 0 AND net_cents = 0;
  DELETE FROM command_center_proposal_counts WHERE threads = 0;
  DELETE FROM command_center_payout_sums WHERE payouts = 0 AND paid_cents = 0;
  RETURN folded;
END $$;

REVOKE ALL ON FUNCTION command_center_shard(), command_center_apply_lead_changes(command_center_lead_change[], smallint),
  command_center_apply_capture_changes(command_center_capture_change[], smallint),
  command_center_apply_order_changes(command_center_order_change[]),
  command_center_apply_proposal_changes(command_center_proposal_change[]),
  command_center_apply_payout_changes(command_center_payout_change[]),
  command_center_count_leads(), command_center_uncount_lead_captures(), command_center_count_captures(),
  command_center_count_orders(), command_center_uncount_order_payouts(), command_center_count_payouts(),
  command_center_count_proposals(), command_center_truncated(),
  command_center_rebuild_counters(), command_center_fold_counters() FROM PUBLIC;

SELECT command_center_rebuild_counters();
