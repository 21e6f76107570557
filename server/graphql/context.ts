// One GraphQL request's context: who calls (the access plugin checked the Bearer token), the organization
// they act for (X-Org-Id), the same access checks as REST memoised per request, per-request data loaders,
// and a database view that counts the statements this request issues.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SponsorPermission } from '../../shared/sponsors/permissions'
import type { AccessClaims } from '../auth/tokens'
import { requireOrgHeader, resolveSponsorTenant, resolveTenant, type OrgAccess } from '../auth/access-checks'
import type { Database } from '../db/database'
import type { CallerTenant } from '../sponsors/sponsor-access'
import { unauthorized } from '../errors'
import { createLoaders, type Loaders } from './loaders'

export interface GraphContext {
  app: FastifyInstance
  auth: AccessClaims | null
  orgHeader: unknown
  /** The app's database, counting this request's statements into `statements`. */
  db: Database
  statements: { count: number }
  loaders: Loaders
  /** Access checks already answered in this request (a field asked twice checks once). */
  checks: Map<string, Promise<CallerTenant>>
  request: FastifyRequest
}

export function buildContext(
  app: FastifyInstance,
  request: FastifyRequest,
  auth: AccessClaims | null,
  orgHeader: unknown,
): GraphContext {
  const statements = { count: 0 }
  const db = app.db.observed(() => {
    statements.count++
  })
  return { app, auth, orgHeader, db, statements, loaders: createLoaders(db), checks: new Map(), request }
}

/** The signed-in user; 401 unauthorized for an anonymous request. */
export function userOf(ctx: GraphContext): AccessClaims {
  if (!ctx.auth) throw unauthorized()
  return ctx.auth
}

/** The access checks' services, reading through the request's counted database. */
const checker = (ctx: GraphContext) => ({ db: ctx.db, tokens: ctx.app.tokens, signIns: ctx.app.signIns })

function memo(ctx: GraphContext, key: string, check: () => Promise<CallerTenant>) {
  let answer = ctx.checks.get(key)
  if (!answer) {
    answer = check()
    ctx.checks.set(key, answer)
  }
  return answer
}

/** The organization in X-Org-Id, checked against the kinds and roles required, as the REST access plugin does. */
export function tenantFor(ctx: GraphContext, access: Omit<OrgAccess, 'sponsorPermission'>): Promise<CallerTenant> {
  const { userId } = userOf(ctx)
  const orgId = requireOrgHeader(ctx.orgHeader)
  return memo(ctx, `org:${JSON.stringify(access)}`, async () => ({
    ...(await resolveTenant(checker(ctx), userId, orgId, access)),
    userId,
  }))
}

/** The caller acting for the sponsor's own organization (X-Org-Id) with the permission, as REST lead routes require. */
export function sponsorTenantFor(
  ctx: GraphContext,
  sponsorId: string,
  permission: SponsorPermission,
): Promise<CallerTenant> {
  const { userId } = userOf(ctx)
  const orgId = requireOrgHeader(ctx.orgHeader)
  return memo(ctx, `sponsor:${sponsorId}:${permission}`, async () => {
    const { tenant } = await resolveSponsorTenant(checker(ctx), userId, orgId, sponsorId, permission)
    return { ...tenant, userId }
  })
}
