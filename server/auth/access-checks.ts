// The one set of access checks: who the caller is (Bearer token, live sign-in) and what they may do for the
// organization they act for (membership, kind, role, and a sponsor permission). The access plugin runs them
// for REST routes, the GraphQL context for each field; both answer the same errors.
import type { FastifyInstance } from 'fastify'
import type { OrgKind, OrgRole } from '../../shared/domain'
import type { SponsorPermission } from '../../shared/sponsors/permissions'
import { findMembership } from '../repositories/users-repository'
import { findSponsorCaller, type SponsorGrant } from '../repositories/sponsor-people-repository'
import { effectivePermissions, missingPermission } from '../sponsors/sponsor-access'
import { AppError, badRequest, forbidden, notFound, unauthorized } from '../errors'
import type { AccessClaims } from './tokens'
import { isUuid } from '../../shared/ids'

export type OrgAccess = {
  kinds?: readonly OrgKind[]
  roles?: readonly OrgRole[]
  /** The caller acts for a sponsor that must belong to the organization they act for, with this permission. */
  sponsorPermission?: SponsorPermission
}

/** Organizer-owned resources: any member reads, owners and admins write. */
export const organizerReaders: OrgAccess = { kinds: ['organizer'] }
export const organizerWriters: OrgAccess = { kinds: ['organizer'], roles: ['owner', 'admin'] }

export interface Tenant {
  orgId: string
  orgKind: OrgKind
  role: OrgRole
}

type AccessApp = Pick<FastifyInstance, 'db' | 'tokens' | 'signIns'>

/** The claims of an `Authorization: Bearer` header whose sign-in is still live; 401 otherwise. */
export async function authenticate(app: AccessApp, header: string | undefined): Promise<AccessClaims> {
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  if (!match) throw unauthorized()
  const claims = await app.tokens.verifyAccess(match[1]!)
  if (!claims) throw new AppError(401, 'invalid-token', 'The access token is invalid or expired; refresh it and retry.')
  // A signed, unexpired token is not enough: its sign-in may have been signed out or revoked since.
  if (!(await app.signIns.isLive(claims))) {
    throw new AppError(
      401,
      'session-revoked',
      'This sign-in has ended (signed out, or revoked after a refresh token was reused); sign in again.',
    )
  }
  return claims
}

/** The X-Org-Id header as an organization id; 400 when missing or not a UUID. */
export function requireOrgHeader(orgId: unknown): string {
  if (!isUuid(orgId))
    throw badRequest('missing-org', 'Send the organization you act for as the X-Org-Id header (a UUID).')
  return orgId
}

/** The caller's standing in the organization they act for, checked against the kinds and roles required. */
export async function resolveTenant(
  app: AccessApp,
  userId: string,
  orgId: string,
  access: Omit<OrgAccess, 'sponsorPermission'>,
): Promise<Tenant> {
  const membership = await findMembership(app.db, userId, orgId)
  if (!membership) throw forbidden('You are not a member of the organization in X-Org-Id.')
  if (access.kinds && !access.kinds.includes(membership.orgKind)) {
    throw forbidden(`This action needs an ${access.kinds.join(' or ')} organization.`)
  }
  if (access.roles && !access.roles.includes(membership.role)) {
    throw forbidden(`This action needs the role ${access.roles.join(' or ')} in the organization.`)
  }
  return { orgId, orgKind: membership.orgKind, role: membership.role }
}

/** Membership and sponsor role in one query: the caller acts for the sponsor's own organization, with the permission. */
export async function resolveSponsorTenant(
  app: AccessApp,
  userId: string,
  orgId: string,
  sponsorId: unknown,
  permission: SponsorPermission,
): Promise<{ tenant: Tenant; grant: SponsorGrant }> {
  if (!isUuid(sponsorId)) throw badRequest('invalid-request', 'sponsor_id must be a UUID.')
  const caller = await findSponsorCaller(app.db, userId, orgId, sponsorId)
  if (!caller) throw forbidden('You are not a member of the organization in X-Org-Id.')
  if (caller.orgKind !== 'sponsor') throw forbidden('This action needs a sponsor organization.')
  if (!caller.sponsorId) throw notFound('Sponsor')
  const grant: SponsorGrant = {
    sponsorId,
    sponsorOrgId: orgId,
    companyName: caller.companyName ?? '',
    orgRole: caller.orgRole,
    sponsorRole: caller.sponsorRole,
    permissions: caller.permissions,
  }
  if (!effectivePermissions(grant).includes(permission)) throw missingPermission(permission, caller)
  return { tenant: { orgId, orgKind: 'sponsor', role: caller.orgRole }, grant }
}
