// Who may manage a sponsor's representatives and invitations: the sponsor organization's people with
// sponsor:users:manage, or the owners and admins of the organizer that created the company for it.
import type { Queryable } from '../db/database'
import { findSponsor, type Sponsor } from '../repositories/sponsors-repository'
import { requireSponsorPermission, type CallerTenant } from './sponsor-access'
import { forbidden, notFound } from '../errors'

export async function requirePeopleManager(
  db: Queryable,
  tenant: CallerTenant,
  sponsorId: string,
): Promise<{ sponsor: Sponsor; tenant: CallerTenant }> {
  const sponsor = await findSponsor(db, sponsorId)
  if (!sponsor) throw notFound('Sponsor')
  if (tenant.orgKind === 'sponsor') {
    await requireSponsorPermission(db, tenant, sponsorId, 'sponsor:users:manage')
  } else {
    if (sponsor.managedByOrgId !== tenant.orgId) throw notFound('Sponsor')
    if (tenant.role !== 'owner' && tenant.role !== 'admin')
      throw forbidden("Managing a sponsor's representatives needs the role owner or admin.")
  }
  return { sponsor, tenant }
}
