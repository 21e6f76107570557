// Who the caller is in a deal: the organizer or the sponsor side, from the organization it acts for;
// and what of the other side it may see when it starts one.
import type { Side } from '../../shared/commerce/commerce-records'
import type { Queryable } from '../db/database'
import type { OrgAccess, Tenant } from '../plugins/access'
import { notFound } from '../errors'
import { findPackage, type SponsorshipPackage } from '../repositories/packages-repository'
import { findBuyer, type Buyer } from './package-sale'
import { assertBrandSafe } from './brand-safety'

export interface Party {
  orgId: string
  side: Side
}

/** Money and negotiation actions: owners and admins of either side. */
export const commerceWriters: OrgAccess = { roles: ['owner', 'admin'] }

export const sideOf = (tenant: Pick<Tenant, 'orgKind'>): Side =>
  tenant.orgKind === 'organizer' ? 'organizer' : 'sponsor'

/**
 * The package and the buyer of a new proposal or order, as the caller may see them: an organizer its own
 * packages for any sponsor; a sponsor published public packages for its own company. Anything else is a
 * 404, never a hint that it exists.
 */
export async function dealPartiesFor(
  tx: Queryable,
  caller: Party,
  ids: { packageId: string; eventId: string; sponsorId: string },
): Promise<{ pkg: SponsorshipPackage; buyer: Buyer & { orgId: string } }> {
  const pkg = await findPackage(tx, ids.packageId)
  const isVisible =
    pkg &&
    pkg.eventId === ids.eventId &&
    (caller.side === 'organizer' ? pkg.orgId === caller.orgId : pkg.isActive && pkg.visibility === 'public')
  if (!pkg || !isVisible) throw notFound('Package at that event')
  const buyer = await findBuyer(tx, ids.sponsorId)
  if (!buyer || (caller.side === 'sponsor' && buyer.orgId !== caller.orgId))
    throw notFound('Sponsor (for a sponsor: your own company, from GET /v1/my-sponsors)')
  await assertBrandSafe(tx, pkg.eventId, buyer.sponsorId)
  return { pkg, buyer }
}
