// Security by default: every route needs a valid access token and an X-Org-Id the caller belongs to,
// unless its config says `access: 'public'` (no token), `access: 'user'` (token, no organization) or
// `access: 'optional-user'` (a token is checked when sent; the route decides per operation, as GraphQL does).
// The checks themselves live in auth/access-checks.ts, shared with the GraphQL layer.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { SponsorGrant } from '../repositories/sponsor-people-repository'
import { forbidden, unauthorized } from '../errors'
import type { AccessClaims } from '../auth/tokens'
import { SignInCheck } from '../auth/sign-in-check'
import {
  authenticate,
  requireOrgHeader,
  resolveSponsorTenant,
  resolveTenant,
  type OrgAccess,
  type Tenant,
} from '../auth/access-checks'

export type { OrgAccess, Tenant }
export { organizerReaders, organizerWriters } from '../auth/access-checks'
export type RouteAccess = 'public' | 'user' | 'optional-user' | OrgAccess

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
      if (access === 'optional-user') {
        if (request.headers.authorization !== undefined)
          request.auth = await authenticate(app, request.headers.authorization)
        return
      }
      request.auth = await authenticate(app, request.headers.authorization)
      if (access === 'user') return
      const orgId = requireOrgHeader(request.headers['x-org-id'])
      if (access.sponsorPermission) {
        const sponsorId = (request.params as { sponsor_id?: unknown }).sponsor_id
        const { tenant, grant } = await resolveSponsorTenant(
          app,
          request.auth.userId,
          orgId,
          sponsorId,
          access.sponsorPermission,
        )
        request.sponsorGrant = grant
        request.tenant = tenant
        return
      }
      request.tenant = await resolveTenant(app, request.auth.userId, orgId, access)
    })
  },
  { name: 'access', dependencies: ['services'] },
)
