// Seed 001 §5 "attach stats to package": at publish, the last hour's snapshot metrics, with seed 001 §12's
// consent rule for segment breakdowns — geo and age shares are shared only under a live aggregated consent.
import type { Queryable } from '../db/database'

export interface StatsSnapshot {
  captured_at: string
  metrics: Record<string, number>
  segments: { geo_distribution?: Record<string, unknown>; age_segments?: Record<string, unknown> }
}

export async function statsSnapshot(db: Queryable, eventId: string): Promise<StatsSnapshot> {
  const { rows } = await db.query<{ metrics: Record<string, string> | null; geo: Record<string, unknown> | null; age: Record<string, unknown> | null; now: Date }>(
    `SELECT (SELECT jsonb_object_agg(metric_key, metric_value) FROM (
        SELECT DISTINCT ON (metric_key) metric_key, metric_value FROM event_stat_snapshots
        WHERE event_id = $1 AND captured_at >= now() - interval '1 hour' ORDER BY metric_key, captured_at DESC) s) AS metrics,
      (SELECT i.geo_distribution FROM event_audience_insights i WHERE i.event_id = $1 AND EXISTS (
        SELECT 1 FROM audience_consents c WHERE c.event_id = $1 AND c.segment_key = 'geo' AND c.scope = 'aggregated' AND (c.expires_at IS NULL OR c.expires_at > now()))) AS geo,
      (SELECT i.age_segments FROM event_audience_insights i WHERE i.event_id = $1 AND EXISTS (
        SELECT 1 FROM audience_consents c WHERE c.event_id = $1 AND c.segment_key = 'age' AND c.scope = 'aggregated' AND (c.expires_at IS NULL OR c.expires_at > now()))) AS age,
      now() AS now`,
    [eventId],
  )
  const r = rows[0]!
  const metrics = Object.fromEntries(Object.entries(r.metrics ?? {}).map(([k, v]) => [k, Number(v)]))
  return {
    captured_at: r.now.toISOString(), metrics,
    segments: { ...(r.geo ? { geo_distribution: r.geo } : {}), ...(r.age ? { age_segments: r.age } : {}) },
  }
}
