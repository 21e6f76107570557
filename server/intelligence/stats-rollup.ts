// Seed 001 §5's hourly rollup, set-based: one statement writes event_stat_snapshots for every event that
// started in the last 90 days (or has yet to start), another refreshes event_audience_insights (seed 003).
//
// engagement_score (0–1) = 0.5·min(1, avg dwell / 30 s) + 0.5·avg watch percentage / 100 over the last 30 days'
// post views (0 without views); ticket_conversion_rate = ticket purchases / ticket opens over 30 days (capped at 1);
// geo_distribution and age_segments count the last 30 days' impressions by country and age bucket.
// social_mentions and sentiment_score have no source yet: they are kept as they are.
import type { Queryable } from '../db/database'

export const snapshotMetrics = [
  'impressions_24h',
  'impressions_total',
  'video_avg_dwell_ms_7d',
  'ticket_conv_rate_30d',
  'booth_leads_total',
] as const

const snapshotSql = `
WITH ev AS (SELECT id, org_id FROM events WHERE start_at >= $1::timestamptz - interval '90 days'),
imp AS (
  SELECT i.event_id, count(*) AS total, count(*) FILTER (WHERE i.created_at >= $1::timestamptz - interval '24 hours') AS day
  FROM event_impressions_p i WHERE i.event_id IN (SELECT id FROM ev) GROUP BY i.event_id
), dwell AS (
  SELECT v.event_id, avg(v.dwell_ms)::float8 AS avg_dwell FROM post_views v
  WHERE v.event_id IN (SELECT id FROM ev) AND v.created_at >= $1::timestamptz - interval '7 days' GROUP BY v.event_id
), conv AS (
  SELECT t.event_id, sum(t.quantity) FILTER (WHERE t.interaction_type = 'ticket_open') AS opens,
    sum(t.quantity) FILTER (WHERE t.interaction_type = 'ticket_purchase') AS purchases
  FROM ticket_analytics_p t WHERE t.event_id IN (SELECT id FROM ev) AND t.created_at >= $1::timestamptz - interval '30 days' GROUP BY t.event_id
), booth AS (
  SELECT l.event_id, count(*) AS leads FROM leads l WHERE l.event_id IN (SELECT id FROM ev) GROUP BY l.event_id
)
INSERT INTO event_stat_snapshots (event_id, org_id, metric_key, metric_value, captured_at)
SELECT ev.id, ev.org_id, m.key, m.value, $1::timestamptz
FROM ev LEFT JOIN imp ON imp.event_id = ev.id LEFT JOIN dwell ON dwell.event_id = ev.id
  LEFT JOIN conv ON conv.event_id = ev.id LEFT JOIN booth ON booth.event_id = ev.id
CROSS JOIN LATERAL (VALUES
  ('impressions_24h', coalesce(imp.day, 0)::numeric),
  ('impressions_total', coalesce(imp.total, 0)::numeric),
  ('video_avg_dwell_ms_7d', round(coalesce(dwell.avg_dwell, 0)::numeric, 2)),
  ('ticket_conv_rate_30d', round(CASE WHEN coalesce(conv.opens, 0) > 0 THEN least(1, coalesce(conv.purchases, 0)::numeric / conv.opens) ELSE 0 END, 6)),
  ('booth_leads_total', coalesce(booth.leads, 0)::numeric)
) m (key, value)`

const insightsSql = `
WITH ev AS (SELECT id, org_id FROM events WHERE start_at >= $1::timestamptz - interval '90 days'),
views AS (
  SELECT v.event_id, avg(v.dwell_ms)::float8 AS dwell, avg(v.watch_percentage)::float8 AS watch FROM post_views v
  WHERE v.event_id IN (SELECT id FROM ev) AND v.created_at >= $1::timestamptz - interval '30 days' GROUP BY v.event_id
), conv AS (
  SELECT t.event_id, sum(t.quantity) FILTER (WHERE t.interaction_type = 'ticket_open') AS opens,
    sum(t.quantity) FILTER (WHERE t.interaction_type = 'ticket_purchase') AS purchases
  FROM ticket_analytics_p t WHERE t.event_id IN (SELECT id FROM ev) AND t.created_at >= $1::timestamptz - interval '30 days' GROUP BY t.event_id
), geo AS (
  SELECT event_id, jsonb_object_agg(country, n) AS dist FROM (
    SELECT i.event_id, i.country, count(*) AS n FROM event_impressions_p i
    WHERE i.event_id IN (SELECT id FROM ev) AND i.created_at >= $1::timestamptz - interval '30 days' AND i.country IS NOT NULL GROUP BY 1, 2) g
  GROUP BY event_id
), age AS (
  SELECT event_id, jsonb_object_agg(age_bucket, share) AS segs FROM (
    SELECT i.event_id, i.age_bucket, round(count(*)::numeric / sum(count(*)) OVER (PARTITION BY i.event_id), 4) AS share FROM event_impressions_p i
    WHERE i.event_id IN (SELECT id FROM ev) AND i.created_at >= $1::timestamptz - interval '30 days' AND i.age_bucket IS NOT NULL GROUP BY 1, 2) a
  GROUP BY event_id
), att AS (
  SELECT a.event_id, count(*)::int AS n FROM attendees a WHERE a.event_id IN (SELECT id FROM ev) GROUP BY a.event_id
), fresh AS (
  SELECT ev.id AS event_id, ev.org_id, coalesce(att.n, 0) AS attendee_count, round(coalesce(views.dwell, 0)::numeric, 2)::float8 AS avg_dwell_time_ms,
    coalesce(geo.dist, '{}') AS geo_distribution, coalesce(age.segs, '{}') AS age_segments,
    round(CASE WHEN views.event_id IS NULL THEN 0
      ELSE 0.5 * least(1, coalesce(views.dwell, 0) / 30000) + 0.5 * least(100, coalesce(views.watch, 0)) / 100 END::numeric, 6)::float8 AS engagement_score,
    round(CASE WHEN coalesce(conv.opens, 0) > 0 THEN least(1, coalesce(conv.purchases, 0)::numeric / conv.opens) ELSE 0 END, 6)::float8 AS ticket_conversion_rate
  FROM ev LEFT JOIN views ON views.event_id = ev.id LEFT JOIN conv ON conv.event_id = ev.id LEFT JOIN geo ON geo.event_id = ev.id
    LEFT JOIN age ON age.event_id = ev.id LEFT JOIN att ON att.event_id = ev.id
)
INSERT INTO event_audience_insights AS x (event_id, org_id, attendee_count, avg_dwell_time_ms, geo_distribution, age_segments, engagement_score, ticket_conversion_rate, updated_at)
SELECT event_id, org_id, attendee_count, avg_dwell_time_ms, geo_distribution, age_segments, engagement_score, ticket_conversion_rate, $1::timestamptz FROM fresh
ON CONFLICT (event_id) DO UPDATE SET attendee_count = EXCLUDED.attendee_count, avg_dwell_time_ms = EXCLUDED.avg_dwell_time_ms,
  geo_distribution = EXCLUDED.geo_distribution, age_segments = EXCLUDED.age_segments, engagement_score = EXCLUDED.engagement_score,
  ticket_conversion_rate = EXCLUDED.ticket_conversion_rate, updated_at = EXCLUDED.updated_at
WHERE (x.attendee_count, x.avg_dwell_time_ms, x.geo_distribution, x.age_segments, x.engagement_score, x.ticket_conversion_rate)
  IS DISTINCT FROM (EXCLUDED.attendee_count, EXCLUDED.avg_dwell_time_ms, EXCLUDED.geo_distribution, EXCLUDED.age_segments, EXCLUDED.engagement_score, EXCLUDED.ticket_conversion_rate)`

export interface RollupResult {
  snapshots: number
  insights_changed: number
  captured_at: string
  duration_ms: number
  /** Seconds from the hour the run belongs to until its snapshots were written (seed 001 §13: under 10 minutes). */
  lag_seconds: number
}

/** One hourly run: snapshots and insights as of `now`, logged to mv_refresh_log with its lag. */
export async function runStatsRollup(db: Queryable, now = new Date()): Promise<RollupResult> {
  const started = performance.now()
  const snapshots = await db.query(snapshotSql, [now])
  const insights = await db.query(insightsSql, [now])
  const hour = new Date(now)
  hour.setUTCMinutes(0, 0, 0)
  const result: RollupResult = {
    snapshots: snapshots.rowCount ?? 0,
    insights_changed: insights.rowCount ?? 0,
    captured_at: now.toISOString(),
    duration_ms: Math.round(performance.now() - started),
    lag_seconds: Math.round((now.getTime() - hour.getTime() + (performance.now() - started)) / 1000),
  }
  await db.query(`INSERT INTO mv_refresh_log (note, duration_ms, details) VALUES ('stats_rollup', $1, $2)`, [
    result.duration_ms,
    JSON.stringify(result),
  ])
  return result
}
