// Who may manage a sponsor's representatives and invitations: the sponsor organization's people with
// sponsor:users:manage, or the owners and admins of the organizer that created the company for it.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { assertPathOrg, tenantOf } from '../plugins/access'
import { findSponsor, type Sponsor } from '../repositories/sponsors-repository'
import { requireSponsorPermission } from './sponsor-access'
import { forbidden, notFound } from '../errors'

export async function requirePeopleManager(app: FastifyInstance, request: FastifyRequest, pathOrgId: string, sponsorId: string): Promise<{ sponsor: Sponsor; tenant: ReturnType<typeof tenantOf> }> {
  const tenant = tenantOf(request)
  assertPathOrg(tenant.orgId, pathOrgId)
  const sponsor = await findSponsor(app.db, sponsorId)
  if (!sponsor) throw notFound('Sponsor')
  if (tenant.orgKind === 'sponsor') {
    await requireSponsorPermission(app, request, sponsorId, 'sponsor:users:manage')
  } else {
    if (sponsor.managedByOrgId !== tenant.orgId) throw notFound('Sponsor')
    if (tenant.role !== 'owner' && tenant.role !== 'admin') throw forbidden("Managing a sponsor's representatives needs the role owner or admin.")
  }
  return { sponsor, tenant }
}
