// Sponsor tiers of an organizer's events (seed 004), for the REST routes and GraphQL alike: list, create,
// the default set, update, and delete (refused while a sponsor holds the tier).
import type { Database, Queryable } from '../db/database'
import type { CallerTenant } from './sponsor-access'
import { organizerReaders, organizerWriters } from '../auth/access-checks'
import { findEvent } from '../repositories/events-repository'
import {
  countTierHolders,
  deleteTier,
  findTier,
  insertTier,
  listTiers,
  updateTier,
  type SponsorTier,
  type TierFields,
} from '../repositories/sponsor-tiers-repository'
import { conflict, notFound } from '../errors'

/** Who may read and who may change tiers (the access layer checks these before a service runs). */
export const tierAccess = { read: organizerReaders, write: organizerWriters } as const

/** The tiers most events start from; applying them twice changes nothing. */
export const defaultTiers: TierFields[] = [
  {
    name: 'Platinum',
    displayOrder: 1,
    color: '#E5E4E2',
    priceCents: null,
    benefits: ['Main stage logo', 'Premium booth', 'Speaking slot', 'Lead capture'],
    isActive: true,
  },
  {
    name: 'Gold',
    displayOrder: 2,
    color: '#FFD700',
    priceCents: null,
    benefits: ['Stage logo', 'Standard booth', 'Lead capture'],
    isActive: true,
  },
  {
    name: 'Silver',
    displayOrder: 3,
    color: '#C0C0C0',
    priceCents: null,
    benefits: ['Website logo', 'Shared booth', 'Lead capture'],
    isActive: true,
  },
  { name: 'Bronze', displayOrder: 4, color: '#CD7F32', priceCents: null, benefits: ['Website logo'], isActive: true },
]

export type NewTier = Pick<TierFields, 'name'> & Partial<TierFields>

async function requireEvent(tx: Queryable, orgId: string, eventId: string) {
  if (!(await findEvent(tx, orgId, eventId))) throw notFound('Event')
}

export function listEventTiers(db: Database, tenant: CallerTenant, eventId: string): Promise<SponsorTier[]> {
  return db.tenantTransaction(tenant, async (tx) => {
    await requireEvent(tx, tenant.orgId, eventId)
    return listTiers(tx, tenant.orgId, eventId)
  })
}

export async function createTier(
  db: Database,
  tenant: CallerTenant,
  eventId: string,
  tier: NewTier,
): Promise<SponsorTier> {
  const created = await db.tenantTransaction(tenant, async (tx) => {
    await requireEvent(tx, tenant.orgId, eventId)
    return insertTier(tx, tenant.orgId, eventId, {
      name: tier.name,
      displayOrder: tier.displayOrder ?? 0,
      color: tier.color ?? null,
      priceCents: tier.priceCents ?? null,
      benefits: tier.benefits ?? [],
      isActive: tier.isActive ?? true,
    })
  })
  return created!
}

/** Adds the default tiers the event lacks (by name) and returns all its tiers. */
export function createDefaultTiers(db: Database, tenant: CallerTenant, eventId: string): Promise<SponsorTier[]> {
  return db.tenantTransaction(tenant, async (tx) => {
    await requireEvent(tx, tenant.orgId, eventId)
    for (const tier of defaultTiers) await insertTier(tx, tenant.orgId, eventId, tier, { skipExisting: true })
    return listTiers(tx, tenant.orgId, eventId)
  })
}

export async function changeTier(
  db: Database,
  tenant: CallerTenant,
  tierId: string,
  patch: Partial<TierFields>,
): Promise<SponsorTier> {
  const tier = await db.tenantTransaction(tenant, (tx) => updateTier(tx, tenant.orgId, tierId, patch))
  if (!tier) throw notFound('Sponsor tier')
  return tier
}

/** Deletes a tier no sponsorship holds; 409 tier-in-use (with the count) otherwise. */
export async function removeTier(db: Database, tenant: CallerTenant, tierId: string): Promise<SponsorTier> {
  return db.tenantTransaction(tenant, async (tx) => {
    const tier = await findTier(tx, tenant.orgId, tierId)
    if (!tier) throw notFound('Sponsor tier')
    // The lock keeps a sponsor from taking the tier between the count and the delete.
    await tx.query('SELECT 1 FROM sponsor_tiers WHERE id = $1 FOR UPDATE', [tierId])
    const holders = await countTierHolders(tx, tierId)
    if (holders > 0) {
      throw conflict(
        'tier-in-use',
        `${holders} sponsor${holders === 1 ? '' : 's'} hold${holders === 1 ? 's' : ''} the tier "${tier.name}"; move them to another tier (or deactivate this one) first.`,
        { sponsors: holders },
      )
    }
    return (await deleteTier(tx, tenant.orgId, tierId))!
  })
}
