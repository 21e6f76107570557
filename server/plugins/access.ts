// Security by default: every route needs a valid access token and an X-Org-Id the caller belongs to,
// unless its config says `access: 'public'` (no token) or `access: 'user'` (token, no organization).
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { OrgKind, OrgRole } from '../../shared/domain'
import type { SponsorPermission } from '../../shared/sponsors/permissions'
import { findMembership } from '../repositories/users-repository'
import { findSponsorCaller, type SponsorGrant } from '../repositories/sponsor-people-repository'
import { effectivePermissions, missingPermission } from '../sponsors/sponsor-access'
import { AppError, badRequest, forbidden, notFound, unauthorized } from '../errors'
import type { AccessClaims } from '../auth/tokens'
import { SignInCheck } from '../auth/sign-in-check'
import { isUuid } from '../../shared/ids'

export type OrgAccess = {
  kinds?: readonly OrgKind[]
  roles?: readonly OrgRole[]
  /** The route acts for the sponsor in its `:sponsor_id` path parameter, which must belong to X-Org-Id, with this permission. */
  sponsorPermission?: SponsorPermission
}
export type RouteAccess = 'public' | 'user' | OrgAccess

export interface Tenant {
  orgId: string
  orgKind: OrgKind
  role: OrgRole
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
  interface FastifyInstance {
    /** Whether an access token's sign-in is still live (not signed out or revoked). */
    signIns: SignInCheck
  }
  interface FastifyRequest {
    auth: AccessClaims | null
    tenant: Tenant | null
    sponsorGrant: SponsorGrant | null
  }
}


/** Organizer-owned resources: any member reads, owners and admins write. */
export const organizerReaders: OrgAccess = { kinds: ['organizer'] }
export const organizerWriters: OrgAccess = { kinds: ['organizer'], roles: ['owner', 'admin'] }

/** The authenticated caller; only call from routes that are not public. */
export function callerOf(request: FastifyRequest): AccessClaims {
  if (!request.auth) throw unauthorized()
  return request.auth
}

/** Routes with the organization in their path act only for the organization in X-Org-Id. */
export function assertPathOrg(tenantOrgId: string, pathOrgId: string) {
  if (tenantOrgId !== pathOrgId) throw forbidden('The organization in the path must be the one in X-Org-Id.')
}

/** The request's organization; only call from org-scoped routes. */
export function tenantOf(request: FastifyRequest): Tenant & { userId: string } {
  if (!request.tenant || !request.auth) throw forbidden('This route needs an organization: send X-Org-Id.')
  return { ...request.tenant, userId: request.auth.userId }
}

export default fp(
  async (app) => {
    app.decorate('signIns', new SignInCheck(app.db))
    app.decorateRequest('auth', null)
    app.decorateRequest('tenant', null)
    app.decorateRequest('sponsorGrant', null)

    app.addHook('onRequest', async (request) => {
      // CORS preflights carry no credentials; unknown routes answer 404 whoever asks.
      if (request.method === 'OPTIONS' || request.is404) return
      const access = request.routeOptions.config.access ?? {}
      if (access === 'public') return
      request.auth = await authenticate(request)
      if (access === 'user') return
      request.tenant = await resolveTenant(request, access)
    })

    async function authenticate(request: FastifyRequest) {
      const header = request.headers.authorization
      const match = header?.match(/^Bearer\s+(\S+)$/i)
      if (!match) throw unauthorized()
      const claims = await app.tokens.verifyAccess(match[1]!)
      if (!claims) throw new AppError(401, 'invalid-token', 'The access token is invalid or expired; refresh it and retry.')
      // A signed, unexpired token is not enough: its sign-in may have been signed out or revoked since.
      if (!(await app.signIns.isLive(claims))) {
        throw new AppError(401, 'session-revoked', 'This sign-in has ended (signed out, or revoked after a refresh token was reused); sign in again.')
      }
      return claims
    }

    async function resolveTenant(request: FastifyRequest, access: OrgAccess): Promise<Tenant> {
      const orgId = request.headers['x-org-id']
      if (!isUuid(orgId)) {
        throw badRequest('missing-org', 'Send the organization you act for as the X-Org-Id header (a UUID).')
      }
      if (access.sponsorPermission) return resolveSponsorTenant(request, orgId, access.sponsorPermission)
      const membership = await findMembership(app.db, request.auth!.userId, orgId)
      if (!membership) throw forbidden('You are not a member of the organization in X-Org-Id.')
      if (access.kinds && !access.kinds.includes(membership.orgKind)) {
        throw forbidden(`This action needs an ${access.kinds.join(' or ')} organization.`)
      }
      if (access.roles && !access.roles.includes(membership.role)) {
        throw forbidden(`This action needs the role ${access.roles.join(' or ')} in the organization.`)
      }
      return { orgId, orgKind: membership.orgKind, role: membership.role }
    }

    // Membership and sponsor role in one query: the lead routes run hot at a busy booth.
    async function resolveSponsorTenant(request: FastifyRequest, orgId: string, permission: SponsorPermission): Promise<Tenant> {
      const sponsorId = (request.params as { sponsor_id?: unknown }).sponsor_id
      if (!isUuid(sponsorId)) throw badRequest('invalid-request', 'sponsor_id in the path must be a UUID.')
      const caller = await findSponsorCaller(app.db, request.auth!.userId, orgId, sponsorId)
      if (!caller) throw forbidden('You are not a member of the organization in X-Org-Id.')
      if (caller.orgKind !== 'sponsor') throw forbidden('This action needs a sponsor organization.')
      if (!caller.sponsorId) throw notFound('Sponsor')
      const grant: SponsorGrant = {
        sponsorId, sponsorOrgId: orgId, companyName: caller.companyName ?? '', orgRole: caller.orgRole, sponsorRole: caller.sponsorRole, permissions: caller.permissions,
      }
      if (!effectivePermissions(grant).includes(permission)) {
        throw missingPermission(permission, caller)
      }
      request.sponsorGrant = grant
      return { orgId, orgKind: 'sponsor', role: caller.orgRole }
    }
  },
  { name: 'access', dependencies: ['services'] },
)
