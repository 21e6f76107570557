// Representatives and invitations: the REST routes' checks (any member of X-Org-Id, then people-access.ts)
// and services; invitations are rate limited per user as on REST.
import type { Static } from 'typebox'
import type { FastifyInstance } from 'fastify'
import type { GraphContext } from '../context'
import { tenantFor, userOf } from '../context'
import { checkInput } from '../inputs'
import {
  acceptInvitation,
  invitationStatus,
  inviteRepresentative,
  listSponsorInvitations,
  resendInvitation,
  revokeInvitation,
} from '../../sponsors/invitation-service'
import { changeRepresentative, listRepresentatives, removeRepresentative } from '../../sponsors/representative-service'
import type { Invitation } from '../../repositories/sponsor-people-repository'
import { AcceptBody, InviteBody, PatchSponsorUserBody } from '../../routes/representatives/schemas'
import { AppError } from '../../errors'

type Args<T> = Record<string, unknown> & T

/** The same per-user invitation limit as the REST routes (INVITATIONS_PER_MINUTE). */
export function invitationLimiter(app: FastifyInstance) {
  const check = app.createRateLimit({
    max: app.config.invitationsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `invite:${request.auth?.userId ?? request.ip}`,
  })
  return async (ctx: GraphContext) => {
    const verdict = await check(ctx.request)
    // isAllowed is true only for allow-listed keys; a counted key is refused once it exceeds the limit.
    if (!verdict.isAllowed && verdict.isExceeded)
      throw new AppError(
        429,
        'rate-limited',
        `Too many invitations: at most ${verdict.max} a minute. Retry in ${verdict.ttlInSeconds} s.`,
      )
  }
}

export function peopleResolvers(app: FastifyInstance) {
  const inviteAllowed = invitationLimiter(app)
  return {
    Query: {
      sponsorUsers: async (_: unknown, { sponsorId }: Args<{ sponsorId: string }>, ctx: GraphContext) =>
        listRepresentatives(ctx.app, await tenantFor(ctx, {}), sponsorId),
      sponsorInvitations: async (_: unknown, { sponsorId }: Args<{ sponsorId: string }>, ctx: GraphContext) =>
        listSponsorInvitations(ctx.app, await tenantFor(ctx, {}), sponsorId),
    },
    Mutation: {
      createSponsorInvitation: async (
        _: unknown,
        { sponsorId, input }: Args<{ sponsorId: string; input: Record<string, unknown> }>,
        ctx: GraphContext,
      ) => {
        const body = checkInput<Static<typeof InviteBody>>(InviteBody, input)
        const tenant = await tenantFor(ctx, {})
        await inviteAllowed(ctx)
        return inviteRepresentative(ctx.app, tenant, sponsorId, body)
      },
      resendSponsorInvitation: async (_: unknown, { id }: Args<{ id: string }>, ctx: GraphContext) => {
        const tenant = await tenantFor(ctx, {})
        await inviteAllowed(ctx)
        return resendInvitation(ctx.app, tenant, id)
      },
      revokeSponsorInvitation: async (_: unknown, { id }: Args<{ id: string }>, ctx: GraphContext) =>
        revokeInvitation(ctx.app, await tenantFor(ctx, {}), id),
      acceptSponsorInvitation: async (_: unknown, { token }: Args<{ token: string }>, ctx: GraphContext) => {
        const body = checkInput<Static<typeof AcceptBody>>(AcceptBody, { token })
        const { sponsor, role, permissions } = await acceptInvitation(ctx.app, userOf(ctx).userId, body.token)
        return { sponsorId: sponsor.id, orgId: sponsor.orgId, companyName: sponsor.companyName, role, permissions }
      },
      updateRepresentativePermissions: async (
        _: unknown,
        { id, input }: Args<{ id: string; input: Record<string, unknown> }>,
        ctx: GraphContext,
      ) => {
        const body = checkInput<Static<typeof PatchSponsorUserBody>>(PatchSponsorUserBody, input)
        return changeRepresentative(ctx.app, await tenantFor(ctx, {}), id, body)
      },
      removeRepresentative: async (_: unknown, { id }: Args<{ id: string }>, ctx: GraphContext) =>
        removeRepresentative(ctx.app, await tenantFor(ctx, {}), id),
    },
    Invitation: {
      status: (invitation: Invitation) => invitationStatus(invitation),
    },
  }
}
