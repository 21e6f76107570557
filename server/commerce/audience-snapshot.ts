// The event's audience as it stands when a package is published (seed 001 §5 "attach stats to package").
import type { Queryable } from '../db/database'
import { statsSnapshot } from '../intelligence/publish-snapshot'

export async function eventAudienceSnapshot(db: Queryable, eventId: string): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{
    capacity: number | null
    city: string | null
    region: string | null
    country: string | null
    categories: string[]
    target_audience: Record<string, unknown>
    attendees: number
    consented: number
  }>(
    `SELECT e.capacity, e.city, e.region, e.country, e.categories, e.target_audience,
       (SELECT count(*)::int FROM attendees a WHERE a.event_id = e.id) AS attendees,
       (SELECT count(*)::int FROM attendees a WHERE a.event_id = e.id AND a.consent_to_share) AS consented
     FROM events e WHERE e.id = $1`,
    [eventId],
  )
  const e = rows[0]
  if (!e) return {}
  return {
    estimated_reach: Math.max(e.attendees, e.capacity ?? 0),
    registered_attendees: e.attendees,
    attendees_sharing_contact: e.consented,
    capacity: e.capacity,
    geo: [e.city, e.region, e.country].filter(Boolean).join(', ') || null,
    categories: e.categories,
    target_audience: e.target_audience,
    snapshot_at: new Date().toISOString(),
    // The stats pipeline's last hour (captured_at, metrics) and the segments consent allows.
    ...(await statsSnapshot(db, eventId)),
  }
}
