// What an ROI report reads (seed 001 §4.5): the event's impressions and the sponsor's attributed conversions in a
// window, each deliverable's latest proof metrics, and the sponsor's booth leads at the event by intent and by
// representative. Each is one indexed aggregate, so a report over 10,000 leads stays fast.
import type { Queryable } from '../db/database'

export interface Window {
  from: Date
  to: Date
}

export async function impressionsIn(db: Queryable, eventId: string, w: Window) {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_impressions_p WHERE event_id = $1 AND created_at >= $2 AND created_at < $3`,
    [eventId, w.from, w.to],
  )
  return Number(rows[0]!.n)
}

export async function conversionsIn(
  db: Queryable,
  p: { eventId: string; sponsorId: string; utmSource: string | null } & Window,
) {
  const { rows } = await db.query<{ n: string; value: string | null }>(
    `SELECT count(*) AS n, sum(value_cents) AS value FROM sponsor_conversions
     WHERE sponsor_id = $1 AND event_id = $2 AND occurred_at >= $3 AND occurred_at < $4 AND ($5::text IS NULL OR utm_source = $5)`,
    [p.sponsorId, p.eventId, p.from, p.to, p.utmSource],
  )
  return { count: Number(rows[0]!.n), valueCents: Number(rows[0]!.value ?? 0) }
}

/** Each of the order's deliverables with the metrics of its latest proof ({} before any). */
export async function deliverableMetrics(db: Queryable, orderId: string) {
  const { rows } = await db.query<{
    type: string
    spec: Record<string, unknown>
    metrics: Record<string, unknown> | null
  }>(
    `SELECT d.type, d.spec, (SELECT p.metrics FROM deliverable_proofs p WHERE p.deliverable_id = d.id ORDER BY p.seq DESC LIMIT 1) AS metrics
     FROM deliverables d WHERE d.order_id = $1 ORDER BY d.due_at NULLS LAST, d.created_at`,
    [orderId],
  )
  return rows.map((r) => ({ type: r.type, spec: r.spec, actual_metrics: r.metrics ?? {} }))
}

export interface LeadTally {
  userId: string | null
  name: string
  total: number
  hot: number
  warm: number
  cold: number
}

/** The sponsor's leads at the event first captured in the window, per representative who captured them. */
export async function boothLeads(
  db: Queryable,
  p: { eventId: string; sponsorId: string } & Window,
): Promise<LeadTally[]> {
  const { rows } = await db.query<{
    captured_by: string | null
    name: string | null
    total: number
    hot: number
    warm: number
    cold: number
  }>(
    `SELECT l.captured_by, u.name, count(*)::int AS total,
       (count(*) FILTER (WHERE l.intent_level = 'hot'))::int AS hot,
       (count(*) FILTER (WHERE l.intent_level = 'warm'))::int AS warm,
       (count(*) FILTER (WHERE l.intent_level = 'cold'))::int AS cold
     FROM leads l LEFT JOIN users u ON u.id = l.captured_by
     WHERE l.sponsor_id = $1 AND l.event_id = $2 AND l.first_captured_at >= $3 AND l.first_captured_at < $4
     GROUP BY l.captured_by, u.name ORDER BY count(*) DESC, u.name`,
    [p.sponsorId, p.eventId, p.from, p.to],
  )
  return rows.map((r) => ({
    userId: r.captured_by,
    name: r.name ?? 'Unknown representative',
    total: r.total,
    hot: r.hot,
    warm: r.warm,
    cold: r.cold,
  }))
}
