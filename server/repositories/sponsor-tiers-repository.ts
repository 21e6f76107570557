// Sponsor tiers of an event. Called inside tenant transactions, so RLS applies too.
import type { Queryable } from '../db/database'
import { setClauses } from '../db/patch'

export interface SponsorTier {
  id: string
  orgId: string
  eventId: string
  name: string
  displayOrder: number
  color: string | null
  priceCents: number | null
  benefits: string[]
  isActive: boolean
  createdAt: Date
  updatedAt: Date
}

export type TierFields = Pick<SponsorTier, 'name' | 'displayOrder' | 'color' | 'priceCents' | 'benefits' | 'isActive'>

interface TierRow {
  id: string
  org_id: string
  event_id: string
  name: string
  display_order: number
  color: string | null
  price_cents: string | null
  benefits: string[]
  is_active: boolean
  created_at: Date
  updated_at: Date
}

const columns =
  'id, org_id, event_id, name, display_order, color, price_cents, benefits, is_active, created_at, updated_at'

const toTier = (row: TierRow): SponsorTier => ({
  id: row.id,
  orgId: row.org_id,
  eventId: row.event_id,
  name: row.name,
  displayOrder: row.display_order,
  color: row.color,
  priceCents: row.price_cents === null ? null : Number(row.price_cents),
  benefits: row.benefits,
  isActive: row.is_active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const fieldColumns = {
  name: 'name',
  displayOrder: 'display_order',
  color: 'color',
  priceCents: 'price_cents',
  benefits: 'benefits',
  isActive: 'is_active',
} as const satisfies Record<keyof TierFields, string>

/** Inserts a tier; with skipExisting, a name the event already has is left alone (returns null). */
export async function insertTier(
  db: Queryable,
  orgId: string,
  eventId: string,
  tier: TierFields,
  { skipExisting = false } = {},
) {
  const { rows } = await db.query<TierRow>(
    `INSERT INTO sponsor_tiers (org_id, event_id, name, display_order, color, price_cents, benefits, is_active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ${skipExisting ? 'ON CONFLICT (event_id, lower(name)) DO NOTHING' : ''}
     RETURNING ${columns}`,
    [orgId, eventId, tier.name, tier.displayOrder, tier.color, tier.priceCents, tier.benefits, tier.isActive],
  )
  return rows[0] ? toTier(rows[0]) : null
}

export async function listTiers(db: Queryable, orgId: string, eventId: string) {
  const { rows } = await db.query<TierRow>(
    `SELECT ${columns} FROM sponsor_tiers WHERE org_id = $1 AND event_id = $2 ORDER BY display_order, name`,
    [orgId, eventId],
  )
  return rows.map(toTier)
}

export async function updateTier(db: Queryable, orgId: string, id: string, patch: Partial<TierFields>) {
  const { sets, values } = setClauses(patch, fieldColumns, 3)
  const { rows } = await db.query<TierRow>(
    `UPDATE sponsor_tiers SET ${sets} WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
    [orgId, id, ...values],
  )
  return rows[0] ? toTier(rows[0]) : null
}

export async function findTier(db: Queryable, orgId: string, id: string) {
  const { rows } = await db.query<TierRow>(`SELECT ${columns} FROM sponsor_tiers WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ])
  return rows[0] ? toTier(rows[0]) : null
}

/** How many sponsorships (archived ones too) hold the tier. */
export async function countTierHolders(db: Queryable, tierId: string) {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM event_sponsorships WHERE tier_id = $1',
    [tierId],
  )
  return rows[0]!.n
}

export async function deleteTier(db: Queryable, orgId: string, id: string) {
  const { rows } = await db.query<TierRow>(
    `DELETE FROM sponsor_tiers WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
    [orgId, id],
  )
  return rows[0] ? toTier(rows[0]) : null
}

/** Tiers by id, read as the server: for sponsorships the caller was already allowed to see (a tier is public: name, colour, benefits). */
export async function tiersByIds(db: Queryable, ids: readonly string[]) {
  const { rows } = await db.query<TierRow>(`SELECT ${columns} FROM sponsor_tiers WHERE id = ANY($1::uuid[])`, [ids])
  return rows.map(toTier)
}
