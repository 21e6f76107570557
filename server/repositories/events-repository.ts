// Events owned by organizer organizations. Called inside tenant transactions, so RLS applies too.
import type { Queryable } from '../db/database'
import { setClauses } from '../db/patch'

export interface Event {
  id: string
  orgId: string
  title: string
  startAt: Date
  endAt: Date
  city: string | null
  region: string | null
  country: string | null
  categories: string[]
  targetAudience: Record<string, unknown>
  brandSafetyTags: string[]
  capacity: number | null
  createdAt: Date
  updatedAt: Date
}

export type EventFields = Omit<Event, 'id' | 'orgId' | 'createdAt' | 'updatedAt'>

interface EventRow {
  id: string
  org_id: string
  title: string
  start_at: Date
  end_at: Date
  city: string | null
  region: string | null
  country: string | null
  categories: string[]
  target_audience: Record<string, unknown>
  brand_safety_tags: string[]
  capacity: number | null
  created_at: Date
  updated_at: Date
}

const columns = `id, org_id, title, start_at, end_at, city, region, country, categories,
  target_audience, brand_safety_tags, capacity, created_at, updated_at`

const toEvent = (row: EventRow): Event => ({
  id: row.id,
  orgId: row.org_id,
  title: row.title,
  startAt: row.start_at,
  endAt: row.end_at,
  city: row.city,
  region: row.region,
  country: row.country,
  categories: row.categories,
  targetAudience: row.target_audience,
  brandSafetyTags: row.brand_safety_tags,
  capacity: row.capacity,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/** Column for each updatable field, in one place so insert and patch agree. */
const fieldColumns = {
  title: 'title',
  startAt: 'start_at',
  endAt: 'end_at',
  city: 'city',
  region: 'region',
  country: 'country',
  categories: 'categories',
  targetAudience: 'target_audience',
  brandSafetyTags: 'brand_safety_tags',
  capacity: 'capacity',
} as const satisfies Record<keyof EventFields, string>

const toParam = (key: keyof EventFields, value: unknown) => (key === 'targetAudience' ? JSON.stringify(value) : value)

export async function insertEvent(db: Queryable, orgId: string, fields: EventFields) {
  const keys = Object.keys(fieldColumns) as (keyof EventFields)[]
  const { rows } = await db.query<EventRow>(
    `INSERT INTO events (org_id, ${keys.map((key) => fieldColumns[key]).join(', ')})
     VALUES ($1, ${keys.map((_, index) => `$${index + 2}`).join(', ')}) RETURNING ${columns}`,
    [orgId, ...keys.map((key) => toParam(key, fields[key]))],
  )
  return toEvent(rows[0]!)
}

export async function listEvents(db: Queryable, orgId: string, page: { limit: number; offset: number }) {
  const { rows } = await db.query<EventRow>(
    `SELECT ${columns} FROM events WHERE org_id = $1 ORDER BY start_at, id LIMIT $2 OFFSET $3`,
    [orgId, page.limit, page.offset],
  )
  return rows.map(toEvent)
}

export async function findEvent(db: Queryable, orgId: string, id: string) {
  const { rows } = await db.query<EventRow>(`SELECT ${columns} FROM events WHERE org_id = $1 AND id = $2`, [orgId, id])
  return rows[0] ? toEvent(rows[0]) : null
}

export async function updateEvent(db: Queryable, orgId: string, id: string, patch: Partial<EventFields>) {
  const { sets, values } = setClauses(patch, fieldColumns, 3, toParam)
  const { rows } = await db.query<EventRow>(
    `UPDATE events SET ${sets} WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
    [orgId, id, ...values],
  )
  return rows[0] ? toEvent(rows[0]) : null
}

export interface EventSummary {
  id: string
  title: string
  startAt: Date
  endAt: Date
}

/** Events' titles and dates by id, read as the server: for sponsorships the caller was already allowed to see. */
export async function eventSummaries(db: Queryable, ids: readonly string[]) {
  const { rows } = await db.query<EventSummary>(
    'SELECT id, title, start_at AS "startAt", end_at AS "endAt" FROM events WHERE id = ANY($1::uuid[])',
    [ids],
  )
  return rows
}
