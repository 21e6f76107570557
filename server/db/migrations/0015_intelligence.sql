-- Intelligence (issue 16; seed 001 §5, §6, §9, §20.3; seeds 002 and 003): organization API keys for
-- ingestion, month-partitioned impressions and ticket analytics, post views, stat snapshots, audience
-- insights, sponsor-event matches with their explanation, the recalculation queue and its triggers,
-- match feedback, event quality scores and the marketplace's package cards.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ---------------------------------------------------------------- API keys (ingestion only)
-- The key itself (yk_…) is shown once; only its SHA-256 is kept.
CREATE TABLE organization_api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL DEFAULT '{ingestion}' CHECK (scopes <@ ARRAY['ingestion']),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX organization_api_keys_org_idx ON organization_api_keys (org_id, created_at DESC);
ALTER TABLE organization_api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_api_keys_tenant ON organization_api_keys USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON organization_api_keys TO yardpass_app;

-- One row per accepted batch: a batch id seen again answers the first outcome and writes nothing.
CREATE TABLE ingestion_batches (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('impressions', 'post_views', 'ticket_analytics')),
  batch_id text NOT NULL CHECK (length(batch_id) BETWEEN 1 AND 200),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  api_key_id uuid REFERENCES organization_api_keys (id) ON DELETE SET NULL,
  fingerprint text NOT NULL,
  row_count integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, kind, batch_id)
);
CREATE INDEX ingestion_batches_received_idx ON ingestion_batches (received_at);

-- ---------------------------------------------------------------- raw behaviour, partitioned by month
-- Declarative range partitions named <table>_yYYYYmMM; the default partition catches a month that has
-- none yet, and ensure_month_partitions() moves such rows into their month when it makes it.
CREATE TABLE event_impressions_p (
  event_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  session_id text,
  country text,
  age_bucket text,
  source text
) PARTITION BY RANGE (created_at);
CREATE TABLE event_impressions_p_default PARTITION OF event_impressions_p DEFAULT;
CREATE INDEX event_impressions_p_event_created_idx ON event_impressions_p (event_id, created_at);

CREATE TABLE ticket_analytics_p (
  event_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  interaction_type text NOT NULL,
  session_id text,
  quantity integer NOT NULL DEFAULT 1
) PARTITION BY RANGE (created_at);
CREATE TABLE ticket_analytics_p_default PARTITION OF ticket_analytics_p DEFAULT;
CREATE INDEX ticket_analytics_p_event_created_idx ON ticket_analytics_p (event_id, created_at);

CREATE TABLE post_views (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  post_id text,
  session_id text,
  dwell_ms integer NOT NULL CHECK (dwell_ms >= 0),
  watch_percentage numeric(5, 2) CHECK (watch_percentage IS NULL OR watch_percentage BETWEEN 0 AND 100)
);
CREATE INDEX post_views_event_created_idx ON post_views (event_id, created_at);

CREATE FUNCTION month_partition_name(p_table text, p_month date) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT p_table || '_y' || to_char(p_month, 'YYYY') || 'm' || to_char(p_month, 'MM') $$;

-- Makes the partitions of p_months months from p_from's month on (moving rows the default partition
-- holds for them); returns how many it made.
CREATE FUNCTION ensure_month_partitions(p_table text, p_from date, p_months integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  made integer := 0;
  m date;
  part text;
BEGIN
  FOR i IN 0 .. p_months - 1 LOOP
    m := (date_trunc('month', p_from) + make_interval(months => i))::date;
    part := month_partition_name(p_table, m);
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, p_table);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE created_at >= %L AND created_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
      p_table || '_default', m, (m + interval '1 month')::date, part);
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', p_table, part, m, (m + interval '1 month')::date);
    made := made + 1;
  END LOOP;
  RETURN made;
END $$;

-- Drops the month partitions that end before p_keep_from, and the default partition's rows before it.
CREATE FUNCTION drop_month_partitions_before(p_table text, p_keep_from date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  dropped integer := 0;
  r record;
BEGIN
  FOR r IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = p_table::regclass AND c.relname ~ ('^' || p_table || '_y[0-9]{4}m[0-9]{2}$')
  LOOP
    IF (to_date(right(r.relname, 8), '"y"YYYY"m"MM') + interval '1 month') <= p_keep_from THEN
      EXECUTE format('DROP TABLE %I', r.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  EXECUTE format('DELETE FROM %I WHERE created_at < %L', p_table || '_default', p_keep_from);
  RETURN dropped;
END $$;

SELECT ensure_month_partitions('event_impressions_p', (now() - interval '1 month')::date, 5);
SELECT ensure_month_partitions('ticket_analytics_p', (now() - interval '1 month')::date, 5);

-- ---------------------------------------------------------------- rollups (seed 001 §5, seed 003)
CREATE TABLE event_stat_snapshots (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  metric_key text NOT NULL,
  metric_value numeric NOT NULL,
  captured_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_stat_snapshots_event_captured_idx ON event_stat_snapshots (event_id, captured_at DESC);
CREATE INDEX event_stat_snapshots_captured_idx ON event_stat_snapshots (captured_at);

CREATE TABLE event_audience_insights (
  event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  attendee_count integer NOT NULL DEFAULT 0,
  avg_dwell_time_ms double precision NOT NULL DEFAULT 0,
  geo_distribution jsonb NOT NULL DEFAULT '{}',
  age_segments jsonb NOT NULL DEFAULT '{}',
  engagement_score double precision NOT NULL DEFAULT 0 CHECK (engagement_score BETWEEN 0 AND 1),
  ticket_conversion_rate double precision NOT NULL DEFAULT 0 CHECK (ticket_conversion_rate BETWEEN 0 AND 1),
  social_mentions integer NOT NULL DEFAULT 0,
  sentiment_score double precision CHECK (sentiment_score IS NULL OR sentiment_score BETWEEN -1 AND 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_audience_insights_engagement_idx ON event_audience_insights (engagement_score DESC);

-- Seed 001 §12: a segment breakdown (geo, age) is shared with sponsors only under a live consent.
CREATE TABLE audience_consents (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  segment_key text NOT NULL CHECK (segment_key IN ('geo', 'age')),
  scope text NOT NULL CHECK (scope IN ('aggregated', 'cohort', 'pseudonymous')),
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, segment_key, scope)
);

CREATE TABLE mv_refresh_log (
  id bigserial PRIMARY KEY,
  ran_at timestamptz NOT NULL DEFAULT now(),
  note text NOT NULL,
  duration_ms integer NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX mv_refresh_log_note_ran_idx ON mv_refresh_log (note, ran_at DESC);

ALTER TABLE event_stat_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_stat_snapshots_tenant ON event_stat_snapshots USING (org_id = app_org_id());
ALTER TABLE event_audience_insights ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_audience_insights_tenant ON event_audience_insights USING (org_id = app_org_id());
ALTER TABLE audience_consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY audience_consents_tenant ON audience_consents USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT ON event_stat_snapshots, event_audience_insights TO yardpass_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON audience_consents TO yardpass_app;

-- ---------------------------------------------------------------- matching (seed 003, seed 001 §6)
CREATE TABLE sponsorship_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sponsor_id uuid NOT NULL REFERENCES sponsors (id) ON DELETE CASCADE,
  -- Copied from the event and the sponsor (whose foreign keys already cascade): no check of their own, so a
  -- million-pair upsert pays for two foreign keys, not four.
  event_org_id uuid NOT NULL,
  sponsor_org_id uuid NOT NULL,
  score double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
  overlap_metrics jsonb NOT NULL,
  brand_safe boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'suggested', 'accepted', 'rejected')),
  viewed_at timestamptz,
  contacted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, sponsor_id)
);
CREATE INDEX sponsorship_matches_event_score_idx ON sponsorship_matches (event_id, score DESC);
CREATE INDEX sponsorship_matches_sponsor_score_idx ON sponsorship_matches (sponsor_id, score DESC);
CREATE INDEX sponsorship_matches_pending_idx ON sponsorship_matches (event_id) WHERE status IN ('pending', 'suggested');
ALTER TABLE sponsorship_matches ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsorship_matches_parties ON sponsorship_matches USING (event_org_id = app_org_id() OR sponsor_org_id = app_org_id());
GRANT SELECT ON sponsorship_matches TO yardpass_app;

CREATE TABLE match_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  match_id uuid NOT NULL REFERENCES sponsorship_matches (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  side text NOT NULL CHECK (side IN ('organizer', 'sponsor')),
  useful boolean NOT NULL,
  reason text CHECK (reason IS NULL OR reason IN ('budget', 'audience', 'geography', 'engagement', 'objectives', 'brand_safety', 'other')),
  comment text CHECK (comment IS NULL OR length(comment) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_feedback_match_idx ON match_feedback (match_id, side, created_at DESC);
ALTER TABLE match_feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY match_feedback_tenant ON match_feedback USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT ON match_feedback TO yardpass_app;

-- The words of a JSON array of strings, space-separated ('' for anything else): objective texts.
CREATE FUNCTION json_words(p jsonb) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT coalesce(string_agg(x, ' '), '') FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p) = 'array' THEN p ELSE '[]' END) x $$;

-- An unprocessed row asks for: the pair (both ids), an event against every sponsor (event only), a
-- sponsor against every event (sponsor only), or everything (neither). One unprocessed row per target.
CREATE TABLE fit_recalc_queue (
  id bigserial PRIMARY KEY,
  event_id uuid,
  sponsor_id uuid,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 100),
  queued_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE UNIQUE INDEX fit_recalc_queue_pending_key ON fit_recalc_queue
  (coalesce(event_id, '00000000-0000-0000-0000-000000000000'), coalesce(sponsor_id, '00000000-0000-0000-0000-000000000000'))
  WHERE processed_at IS NULL;
CREATE INDEX fit_recalc_queue_processed_idx ON fit_recalc_queue (processed_at);

CREATE FUNCTION enqueue_fit_recalc(p_event_id uuid, p_sponsor_id uuid, p_reason text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO fit_recalc_queue (event_id, sponsor_id, reason) VALUES (p_event_id, p_sponsor_id, p_reason)
  ON CONFLICT (coalesce(event_id, '00000000-0000-0000-0000-000000000000'), coalesce(sponsor_id, '00000000-0000-0000-0000-000000000000'))
    WHERE processed_at IS NULL DO NOTHING
$$;

CREATE FUNCTION sponsor_profile_fit_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM enqueue_fit_recalc(NULL, NEW.sponsor_id, 'profile_update');
  RETURN NULL;
END $$;
CREATE TRIGGER sponsor_profiles_fit AFTER INSERT OR UPDATE ON sponsor_profiles
  FOR EACH ROW EXECUTE FUNCTION sponsor_profile_fit_trigger();

CREATE FUNCTION event_fit_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM enqueue_fit_recalc(NEW.event_id, NULL, TG_ARGV[0]);
  RETURN NULL;
END $$;
CREATE TRIGGER event_audience_insights_fit AFTER INSERT OR UPDATE ON event_audience_insights
  FOR EACH ROW EXECUTE FUNCTION event_fit_trigger('insights_update');

CREATE FUNCTION events_fit_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM enqueue_fit_recalc(NEW.id, NULL, 'event_update');
  RETURN NULL;
END $$;
CREATE TRIGGER events_fit_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_fit_trigger();
CREATE TRIGGER events_fit_update AFTER UPDATE OF title, start_at, end_at, city, region, country, categories, target_audience, brand_safety_tags
  ON events FOR EACH ROW EXECUTE FUNCTION events_fit_trigger();

-- ---------------------------------------------------------------- quality and package cards (seed 002)
-- quality_score was numeric(4,3), which cannot hold seed 002's 0–100 scale; nothing wrote it yet.
ALTER TABLE sponsorship_packages ALTER COLUMN quality_score TYPE numeric(5, 2) USING (quality_score * 100);
ALTER TABLE sponsorship_packages ADD CONSTRAINT sponsorship_packages_quality_range CHECK (quality_score IS NULL OR quality_score BETWEEN 0 AND 100);

-- 0–100: 40 engagement, 30 ticket conversion, 30 reach (log-scaled impressions, 100,000 = full marks).
CREATE MATERIALIZED VIEW mv_event_quality_scores AS
  SELECT e.id AS event_id, e.org_id, q.quality_score,
    CASE WHEN q.quality_score >= 85 THEN 'premium' WHEN q.quality_score >= 70 THEN 'high'
         WHEN q.quality_score >= 50 THEN 'standard' ELSE 'emerging' END AS quality_tier,
    now() AS computed_at
  FROM events e
  LEFT JOIN event_audience_insights i ON i.event_id = e.id
  LEFT JOIN LATERAL (
    SELECT s.metric_value FROM event_stat_snapshots s
    WHERE s.event_id = e.id AND s.metric_key = 'impressions_total' ORDER BY s.captured_at DESC LIMIT 1
  ) imp ON true
  CROSS JOIN LATERAL (SELECT round((100 * (
      0.4 * coalesce(i.engagement_score, 0)
    + 0.3 * coalesce(i.ticket_conversion_rate, 0)
    + 0.3 * least(1, ln(1 + coalesce(imp.metric_value, 0)) / ln(100001))))::numeric, 2) AS quality_score) q;
CREATE UNIQUE INDEX mv_event_quality_scores_event_key ON mv_event_quality_scores (event_id);

CREATE MATERIALIZED VIEW v_sponsorship_package_cards AS
  SELECT p.id AS package_id, p.event_id, p.org_id, p.title, p.tier, p.price_cents, p.currency, p.inventory, p.sold,
    p.inventory - p.sold AS available_inventory, p.is_active, p.visibility, p.quality_score,
    coalesce(q.quality_tier, 'emerging') AS quality_tier,
    e.title AS event_title, e.start_at AS event_start_at, e.city AS event_city, e.country AS event_country, e.categories AS event_categories,
    coalesce((SELECT jsonb_object_agg(l.metric_key, l.metric_value) FROM (
      SELECT DISTINCT ON (s.metric_key) s.metric_key, s.metric_value FROM event_stat_snapshots s
      WHERE s.event_id = p.event_id ORDER BY s.metric_key, s.captured_at DESC) l), '{}') AS stats,
    now() AS refreshed_at
  FROM sponsorship_packages p
  JOIN events e ON e.id = p.event_id
  LEFT JOIN mv_event_quality_scores q ON q.event_id = p.event_id;
CREATE UNIQUE INDEX v_sponsorship_package_cards_key ON v_sponsorship_package_cards (package_id);
CREATE INDEX v_sponsorship_package_cards_quality_idx ON v_sponsorship_package_cards (quality_score DESC);

-- ---------------------------------------------------------------- search (typo tolerance)
CREATE INDEX events_title_trgm ON events USING gin (lower(title) gin_trgm_ops);
CREATE INDEX sponsors_company_name_trgm ON sponsors USING gin (lower(company_name) gin_trgm_ops);
