// Seed 001 §5 "attach stats to package": at publish, the last hour's snapshot metrics, with seed 001 §12's
// consent rule for segment breakdowns — geo and age shares are shared only under a live aggregated consent.
import type { Queryable } from '../db/database'
import { consentedSegments } from './audience-consent'

export interface StatsSnapshot {
  captured_at: string
  metrics: Record<string, number>
  segments: { geo_distribution?: Record<string, unknown>; age_segments?: Record<string, unknown> }
}

export async function statsSnapshot(db: Queryable, eventId: string): Promise<StatsSnapshot> {
  const { rows } = await db.query<{ metrics: Record<string, string> | null; now: Date }>(
    `SELECT (SELECT jsonb_object_agg(metric_key, metric_value) FROM (
        SELECT DISTINCT ON (metric_key) metric_key, metric_value FROM event_stat_snapshots
        WHERE event_id = $1 AND captured_at >= now() - interval '1 hour' ORDER BY metric_key, captured_at DESC) s) AS metrics,
      now() AS now`,
    [eventId],
  )
  const r = rows[0]!
  const metrics = Object.fromEntries(Object.entries(r.metrics ?? {}).map(([k, v]) => [k, Number(v)]))
  // Segments go into a package's snapshot aggregated, so only an aggregated-scope consent shares them.
  return { captured_at: r.now.toISOString(), metrics, segments: await consentedSegments(db, eventId, 'aggregated') }
}
