// Who may act for a sponsor: members of its organization, with the permissions of their sponsor role.
// Owners and admins of the sponsor organization hold every permission (a self-serve sponsor's owner works its own leads).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sponsorPermissions, type SponsorPermission } from '../../shared/sponsors/permissions'
import { tenantOf } from '../plugins/access'
import { listSponsorGrants, type SponsorGrant } from '../repositories/sponsor-people-repository'
import { forbidden, notFound, unauthorized } from '../errors'

export interface SponsorCaller {
  grant: SponsorGrant
  permissions: ReadonlySet<SponsorPermission>
  tenant: ReturnType<typeof tenantOf>
}

export function effectivePermissions(grant: Pick<SponsorGrant, 'orgRole' | 'permissions'>): SponsorPermission[] {
  return grant.orgRole === 'owner' || grant.orgRole === 'admin' ? [...sponsorPermissions] : grant.permissions
}

export const missingPermission = (permission: SponsorPermission, grant: Pick<SponsorGrant, 'sponsorRole' | 'orgRole'>) =>
  forbidden(`This needs the permission ${permission}; your role (${grant.sponsorRole ?? grant.orgRole}) does not have it. Ask a sponsor admin.`)

/** The caller's standing with the sponsor in the path, acting for its organization (X-Org-Id); 404/403 otherwise. */
export async function requireSponsorPermission(
  app: FastifyInstance,
  request: FastifyRequest,
  sponsorId: string,
  permission: SponsorPermission,
): Promise<SponsorCaller> {
  const tenant = tenantOf(request)
  const [grant] = await listSponsorGrants(app.db, tenant.userId, sponsorId)
  if (!grant || grant.sponsorOrgId !== tenant.orgId) throw notFound('Sponsor')
  const permissions = new Set(effectivePermissions(grant))
  if (!permissions.has(permission)) {
    throw missingPermission(permission, grant)
  }
  return { grant, permissions, tenant }
}

/** The sponsor standing the access layer resolved for a route declaring `sponsorPermission`. */
export function sponsorCallerOf(request: FastifyRequest): SponsorCaller {
  if (!request.sponsorGrant) throw unauthorized()
  return { grant: request.sponsorGrant, permissions: new Set(effectivePermissions(request.sponsorGrant)), tenant: tenantOf(request) }
}
