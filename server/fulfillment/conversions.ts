// Conversions attributed to a sponsor at an event (seed 001 §4.5), posted by the event's organizer — its
// backend with an ingestion API key, or an owner or admin signed in — since the organizer runs the tracked links
// and checkout. Idempotent on external_id: a retry answers the stored conversion; other values under a used id
// are refused.
import type { Queryable } from '../db/database'
import { conflict, notFound } from '../errors'
import { recordConversion, type Conversion } from '../repositories/conversions-repository'

export interface ConversionInput {
  sponsorId: string
  externalId: string
  utmSource: string | null
  valueCents: number
  occurredAt: Date
}

const sameAs = (c: Conversion, input: ConversionInput) =>
  c.sponsorId === input.sponsorId &&
  c.utmSource === input.utmSource &&
  c.valueCents === input.valueCents &&
  c.occurredAt.getTime() === input.occurredAt.getTime()

export async function postConversion(
  tx: Queryable,
  poster: { orgId: string; userId: string | null; apiKeyId: string | null },
  eventId: string,
  input: ConversionInput,
) {
  const { rows } = await tx.query<{ sponsor_org_id: string }>(
    `SELECT s.org_id AS sponsor_org_id FROM events e JOIN sponsors s ON s.id = $3
     WHERE e.id = $1 AND e.org_id = $2 AND (
       EXISTS (SELECT 1 FROM event_sponsorships es WHERE es.event_id = e.id AND es.sponsor_id = s.id)
       OR EXISTS (SELECT 1 FROM sponsorship_orders o WHERE o.event_id = e.id AND o.sponsor_id = s.id))`,
    [eventId, poster.orgId, input.sponsorId],
  )
  if (!rows[0]) throw notFound('A sponsor of that event of yours')
  const stored = await recordConversion(tx, {
    orgId: poster.orgId,
    sponsorOrgId: rows[0].sponsor_org_id,
    eventId,
    ...input,
    userId: poster.userId,
    apiKeyId: poster.apiKeyId,
  })
  if (!stored.isNew && !sameAs(stored.conversion, input)) {
    throw conflict(
      'external-id-reused',
      `Conversion ${input.externalId} is already recorded for this event with other values; use a new external_id for another conversion.`,
    )
  }
  return stored
}
