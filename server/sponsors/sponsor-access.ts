// Who may act for a sponsor: members of its organization, with the permissions of their sponsor role.
// Owners and admins of the sponsor organization hold every permission (a self-serve sponsor's owner works its own leads).
import type { FastifyRequest } from 'fastify'
import { sponsorPermissions, type SponsorPermission } from '../../shared/sponsors/permissions'
import type { OrgKind, OrgRole } from '../../shared/domain'
import type { Queryable } from '../db/database'
import { listSponsorGrants, type SponsorGrant } from '../repositories/sponsor-people-repository'
import { forbidden, notFound, unauthorized } from '../errors'

/** The organization a caller acts for, and who they are. */
export interface CallerTenant {
  orgId: string
  orgKind: OrgKind
  role: OrgRole
  userId: string
}

export interface SponsorCaller {
  grant: SponsorGrant
  permissions: ReadonlySet<SponsorPermission>
  tenant: CallerTenant
}

export function effectivePermissions(grant: Pick<SponsorGrant, 'orgRole' | 'permissions'>): SponsorPermission[] {
  return grant.orgRole === 'owner' || grant.orgRole === 'admin' ? [...sponsorPermissions] : grant.permissions
}

export const missingPermission = (
  permission: SponsorPermission,
  grant: Pick<SponsorGrant, 'sponsorRole' | 'orgRole'>,
) =>
  forbidden(
    `This needs the permission ${permission}; your role (${grant.sponsorRole ?? grant.orgRole}) does not have it. Ask a sponsor admin.`,
  )

/** The caller's standing with the sponsor, acting for its organization; 404/403 otherwise. */
export async function requireSponsorPermission(
  db: Queryable,
  tenant: CallerTenant,
  sponsorId: string,
  permission: SponsorPermission,
): Promise<SponsorCaller> {
  const [grant] = await listSponsorGrants(db, tenant.userId, sponsorId)
  if (!grant || grant.sponsorOrgId !== tenant.orgId) throw notFound('Sponsor')
  const permissions = new Set(effectivePermissions(grant))
  if (!permissions.has(permission)) {
    throw missingPermission(permission, grant)
  }
  return { grant, permissions, tenant }
}

/** The sponsor standing the access layer resolved for a route declaring `sponsorPermission`. */
export function sponsorCallerOf(request: FastifyRequest): SponsorCaller {
  if (!request.sponsorGrant || !request.tenant || !request.auth) throw unauthorized()
  return {
    grant: request.sponsorGrant,
    permissions: new Set(effectivePermissions(request.sponsorGrant)),
    tenant: { ...request.tenant, userId: request.auth.userId },
  }
}
