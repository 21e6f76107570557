// Invitations of sponsor representatives by email (seed 004): invite, list, resend, revoke, accept.
// Rules live in sponsors/invitation-service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { assertPathOrg, callerOf, tenantOf } from '../../plugins/access'
import type { Invitation } from '../../repositories/sponsor-people-repository'
import {
  acceptInvitation,
  invitationStatus,
  inviteRepresentative,
  listSponsorInvitations,
  resendInvitation,
  revokeInvitation,
  type SentInvitation as Sent,
} from '../../sponsors/invitation-service'
import { errorResponses, orgHeader } from '../schemas'
import { OrgSponsorParams } from '../sponsors/schemas'
import {
  AcceptBody,
  AcceptedInvitation,
  InvitationList,
  InvitationRecord,
  InviteBody,
  OrgInvitationParams,
  SentInvitation,
} from './schemas'

export const invitationWire = (invitation: Invitation): Static<typeof InvitationRecord> => ({
  id: invitation.id,
  sponsor_id: invitation.sponsorId,
  email: invitation.email,
  role: invitation.role,
  permissions: invitation.permissions,
  status: invitationStatus(invitation),
  expires_at: invitation.expiresAt.toISOString(),
  invited_by: invitation.invitedBy,
  accepted_by: invitation.acceptedBy,
  accepted_at: invitation.acceptedAt?.toISOString() ?? null,
  revoked_at: invitation.revokedAt?.toISOString() ?? null,
  send_count: invitation.sendCount,
  last_sent_at: invitation.lastSentAt?.toISOString() ?? null,
  delivery_error: invitation.deliveryError,
  created_at: invitation.createdAt.toISOString(),
})

const sentWire = ({ invitation, delivery }: Sent) => ({ invitation: invitationWire(invitation), delivery })

/** The caller's organization, which must be the one in the path. */
function pathTenant(request: FastifyRequest, pathOrgId: string) {
  const tenant = tenantOf(request)
  assertPathOrg(tenant.orgId, pathOrgId)
  return tenant
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const inviteLimit = {
    max: app.config.invitationsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `invite:${request.auth?.userId ?? request.ip}`,
  }

  app.post(
    '/v1/organizations/:org_id/sponsors/:sponsor_id/invitations',
    {
      config: { access: {}, rateLimit: inviteLimit },
      schema: {
        tags: ['representatives'],
        summary: 'Invite a representative by email (admin, representative, booth_staff or viewer)',
        headers: orgHeader,
        params: OrgSponsorParams,
        body: InviteBody,
        response: { 201: SentInvitation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = pathTenant(request, request.params.org_id)
      const sent = await inviteRepresentative(app, tenant, request.params.sponsor_id, request.body)
      return reply.status(201).send(sentWire(sent))
    },
  )

  app.get(
    '/v1/organizations/:org_id/sponsors/:sponsor_id/invitations',
    {
      config: { access: {} },
      schema: {
        tags: ['representatives'],
        summary: "A sponsor's invitations",
        headers: orgHeader,
        params: OrgSponsorParams,
        response: { 200: InvitationList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = pathTenant(request, request.params.org_id)
      return { data: (await listSponsorInvitations(app, tenant, request.params.sponsor_id)).map(invitationWire) }
    },
  )

  app.post(
    '/v1/organizations/:org_id/invitations/:invitation_id/resend',
    {
      config: { access: {}, rateLimit: inviteLimit },
      schema: {
        tags: ['representatives'],
        summary: 'Send a pending invitation again with a fresh link and expiry (the old link stops working)',
        headers: orgHeader,
        params: OrgInvitationParams,
        response: { 200: SentInvitation, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = pathTenant(request, request.params.org_id)
      return sentWire(await resendInvitation(app, tenant, request.params.invitation_id))
    },
  )

  app.delete(
    '/v1/organizations/:org_id/invitations/:invitation_id',
    {
      config: { access: {} },
      schema: {
        tags: ['representatives'],
        summary: 'Revoke a pending invitation',
        headers: orgHeader,
        params: OrgInvitationParams,
        response: { 200: InvitationRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = pathTenant(request, request.params.org_id)
      return invitationWire(await revokeInvitation(app, tenant, request.params.invitation_id))
    },
  )

  app.post(
    '/v1/sponsor-invitations/accept',
    {
      config: { access: 'user' },
      schema: {
        tags: ['representatives'],
        summary: 'Accept an invitation with the token from its email (signed in with the invited address)',
        body: AcceptBody,
        response: { 200: AcceptedInvitation, 410: errorResponses[404], ...errorResponses },
      },
    },
    async (request) => {
      const { sponsor, role, permissions } = await acceptInvitation(app, callerOf(request).userId, request.body.token)
      return { sponsor_id: sponsor.id, org_id: sponsor.orgId, company_name: sponsor.companyName, role, permissions }
    },
  )
}

export default routes
