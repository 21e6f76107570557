// Attributed conversions (seed 001 §4.5's get_attributed_conversions input): one row per (event, external id).
import type { Queryable } from '../db/database'

export interface Conversion {
  id: string
  eventId: string
  sponsorId: string
  externalId: string
  utmSource: string | null
  valueCents: number
  occurredAt: Date
  createdAt: Date
}

type Row = {
  id: string
  event_id: string
  sponsor_id: string
  external_id: string
  utm_source: string | null
  value_cents: string
  occurred_at: Date
  created_at: Date
}
const fromRow = (r: Row): Conversion => ({
  id: r.id,
  eventId: r.event_id,
  sponsorId: r.sponsor_id,
  externalId: r.external_id,
  utmSource: r.utm_source,
  valueCents: Number(r.value_cents),
  occurredAt: r.occurred_at,
  createdAt: r.created_at,
})

/** Inserts the conversion unless its external id is already recorded for the event; returns the stored row and whether it is new. */
export async function recordConversion(
  db: Queryable,
  c: {
    orgId: string
    sponsorOrgId: string
    eventId: string
    sponsorId: string
    externalId: string
    utmSource: string | null
    valueCents: number
    occurredAt: Date
    userId: string | null
    apiKeyId: string | null
  },
) {
  const inserted = await db.query<Row>(
    `INSERT INTO sponsor_conversions (org_id, sponsor_org_id, event_id, sponsor_id, external_id, utm_source, value_cents, occurred_at, recorded_by_user, recorded_by_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id, external_id) DO NOTHING RETURNING *`,
    [
      c.orgId,
      c.sponsorOrgId,
      c.eventId,
      c.sponsorId,
      c.externalId,
      c.utmSource,
      c.valueCents,
      c.occurredAt,
      c.userId,
      c.apiKeyId,
    ],
  )
  if (inserted.rows[0]) return { conversion: fromRow(inserted.rows[0]), isNew: true }
  const { rows } = await db.query<Row>(`SELECT * FROM sponsor_conversions WHERE event_id = $1 AND external_id = $2`, [
    c.eventId,
    c.externalId,
  ])
  return { conversion: fromRow(rows[0]!), isNew: false }
}
