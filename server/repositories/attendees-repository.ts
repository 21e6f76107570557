// An event's attendee directory, owned by the organizer. Columns are aliased to camelCase once, here.
import type { Queryable } from '../db/database'

export interface AttendeeFields {
  badgeCode: string
  name: string
  email: string | null
  company: string | null
  title: string | null
  consentToShare: boolean
}

export interface Attendee extends AttendeeFields {
  id: string
  eventId: string
  createdAt: Date
  updatedAt: Date
}

const columns = `id, event_id AS "eventId", badge_code AS "badgeCode", name, email, company, title,
  consent_to_share AS "consentToShare", created_at AS "createdAt", updated_at AS "updatedAt"`

const batchSize = 5000

/** Inserts or updates attendees by badge code; returns how many were new and how many changed. */
export async function upsertAttendees(
  db: Queryable,
  orgId: string,
  eventId: string,
  attendees: readonly AttendeeFields[],
  onBatch: (done: number) => void = () => {},
) {
  let inserted = 0
  let updated = 0
  for (let start = 0; start < attendees.length; start += batchSize) {
    const batch = attendees.slice(start, start + batchSize)
    const { rows } = await db.query<{ inserted: boolean }>(
      `INSERT INTO attendees (org_id, event_id, badge_code, name, email, company, title, consent_to_share)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[])
       ON CONFLICT (event_id, badge_code) DO UPDATE SET
         name = excluded.name, email = excluded.email, company = excluded.company, title = excluded.title,
         consent_to_share = excluded.consent_to_share, updated_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        orgId,
        eventId,
        batch.map((a) => a.badgeCode),
        batch.map((a) => a.name),
        batch.map((a) => a.email),
        batch.map((a) => a.company),
        batch.map((a) => a.title),
        batch.map((a) => a.consentToShare),
      ],
    )
    const added = rows.filter((row) => row.inserted).length
    inserted += added
    updated += rows.length - added
    onBatch(start + batch.length)
  }
  return { inserted, updated }
}

export async function listAttendees(
  db: Queryable,
  eventId: string,
  filter: { q?: string; consent?: boolean; limit: number; offset: number },
) {
  const where = `event_id = $1 AND ($2::text IS NULL OR name ILIKE $2 OR email ILIKE $2 OR company ILIKE $2 OR badge_code ILIKE $2)
    AND ($3::boolean IS NULL OR consent_to_share = $3)`
  const params = [eventId, filter.q ? `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` : null, filter.consent ?? null]
  // One after the other: both may run on one transaction's connection.
  const { rows } = await db.query<Attendee>(
    `SELECT ${columns} FROM attendees WHERE ${where} ORDER BY name, badge_code LIMIT $4 OFFSET $5`,
    [...params, filter.limit, filter.offset],
  )
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attendees WHERE ${where}`, params)
  return { attendees: rows, total: total.rows[0]!.n }
}
