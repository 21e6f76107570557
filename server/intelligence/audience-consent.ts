// Seed 001 §12's consent rule, in one place: an event's audience segment (geo, age) is shared only under a live
// audience_consents row for that segment at the scope it is shared at. Stats snapshots and ROI reports use it.
import type { Queryable } from '../db/database'

export type ConsentScope = 'aggregated' | 'cohort' | 'pseudonymous'

export interface ConsentedSegments {
  geo_distribution?: Record<string, unknown>
  age_segments?: Record<string, unknown>
}

/** The event's audience segments that may be shared at `scope` now (none without insights or consent). */
export async function consentedSegments(
  db: Queryable,
  eventId: string,
  scope: ConsentScope,
): Promise<ConsentedSegments> {
  const { rows } = await db.query<{ geo: Record<string, unknown> | null; age: Record<string, unknown> | null }>(
    `SELECT CASE WHEN live.geo THEN i.geo_distribution END AS geo, CASE WHEN live.age THEN i.age_segments END AS age
     FROM event_audience_insights i
     CROSS JOIN LATERAL (SELECT
       bool_or(c.segment_key = 'geo') AS geo, bool_or(c.segment_key = 'age') AS age
       FROM audience_consents c WHERE c.event_id = $1 AND c.scope = $2 AND (c.expires_at IS NULL OR c.expires_at > now())) live
     WHERE i.event_id = $1`,
    [eventId, scope],
  )
  const r = rows[0]
  return { ...(r?.geo ? { geo_distribution: r.geo } : {}), ...(r?.age ? { age_segments: r.age } : {}) }
}
