// Invitations of sponsor representatives by email (seed 004): invite, list, resend, revoke, accept.
// The token travels only in the email; the database keeps its hash. Accepting is single-use and expires.
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { rolePermissions, type SponsorRole } from '../../../shared/sponsors/permissions'
import { callerOf } from '../../plugins/access'
import { findUserById } from '../../repositories/users-repository'
import { findSponsor, type Sponsor } from '../../repositories/sponsors-repository'
import {
  findInvitation, insertInvitation, listInvitations, lockInvitationByToken, markInvitationAccepted, recordDelivery,
  renewInvitation, revokeInvitation, upsertSponsorUser, type Invitation,
} from '../../repositories/sponsor-people-repository'
import { requirePeopleManager } from '../../sponsors/people-access'
import { AppError, conflict, forbidden, notFound } from '../../errors'
import { errorResponses, orgHeader } from '../schemas'
import { OrgSponsorParams } from '../sponsors/schemas'
import { AcceptBody, AcceptedInvitation, InvitationList, InvitationRecord, InviteBody, OrgInvitationParams, SentInvitation } from './schemas'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')

const roleLabels: Record<SponsorRole, string> = { admin: 'an admin', representative: 'a representative', booth_staff: 'booth staff', viewer: 'a viewer' }

export const invitationWire = (invitation: Invitation): Static<typeof InvitationRecord> => ({
  id: invitation.id,
  sponsor_id: invitation.sponsorId,
  email: invitation.email,
  role: invitation.role,
  permissions: invitation.permissions,
  status: invitation.status === 'pending' && invitation.expiresAt <= new Date() ? 'expired' : invitation.status,
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

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const inviteLimit = {
    max: app.config.invitationsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `invite:${request.auth?.userId ?? request.ip}`,
  }
  const expiry = () => new Date(Date.now() + app.config.invitationTtlHours * 3_600_000)

  /** Emails the invitation; a failure is recorded on it (resend later), never lost. */
  async function deliver(invitation: Invitation, sponsor: Sponsor, token: string, inviterId: string): Promise<Static<typeof SentInvitation>['delivery']> {
    const inviter = await findUserById(app.db, inviterId)
    const link = `${app.config.appUrl}/#/accept-invitation?token=${encodeURIComponent(token)}`
    try {
      const sent = await app.mailer.send({
        to: invitation.email,
        subject: `You're invited to represent ${sponsor.companyName} on Yardpass`,
        text: [
          `${inviter?.name ?? 'Someone'} invited you to join ${sponsor.companyName} on Yardpass as ${roleLabels[invitation.role]}.`,
          '', `Accept the invitation: ${link}`, '', `Or paste this code in the app: ${token}`, '',
          `The invitation expires on ${invitation.expiresAt.toUTCString()}. Sign in (or create an account) with ${invitation.email} to accept it.`,
        ].join('\n'),
      })
      await recordDelivery(app.db, invitation.id, null)
      if (sent.path) app.log.info({ invitationId: invitation.id, outbox: sent.path }, 'invitation written to the outbox (SMTP_URL is not set)')
      return { status: sent.via === 'smtp' ? 'sent' : 'outbox' }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await recordDelivery(app.db, invitation.id, message.slice(0, 500))
      app.log.warn({ invitationId: invitation.id, err: message }, 'invitation email failed')
      return { status: 'failed', error: 'The email could not be sent; the invitation is kept, resend it later.' }
    }
  }

  async function managedInvitation(request: FastifyRequest, orgId: string, invitationId: string) {
    const invitation = await findInvitation(app.db, invitationId)
    if (!invitation) throw notFound('Invitation')
    const access = await requirePeopleManager(app, request, orgId, invitation.sponsorId)
    return { invitation, ...access }
  }

  app.post('/v1/organizations/:org_id/sponsors/:sponsor_id/invitations', {
    config: { access: {}, rateLimit: inviteLimit },
    schema: {
      tags: ['representatives'], summary: 'Invite a representative by email (admin, representative, booth_staff or viewer)',
      headers: orgHeader, params: OrgSponsorParams, body: InviteBody, response: { 201: SentInvitation, ...errorResponses },
    },
  }, async (request, reply) => {
    const { org_id: orgId, sponsor_id: sponsorId } = request.params
    const { sponsor, tenant } = await requirePeopleManager(app, request, orgId, sponsorId)
    const { email, role } = request.body
    const token = newToken()
    const invitation = await app.db.tenantTransaction(tenant, (tx) =>
      insertInvitation(tx, {
        orgId: sponsor.orgId, sponsorId, email, role, permissions: request.body.permissions ?? rolePermissions[role],
        tokenHash: hashToken(token), expiresAt: expiry(), invitedBy: tenant.userId,
      }),
    )
    if (!invitation) throw conflict('already-invited', `${email} already has a pending invitation to this sponsor; resend or revoke it.`)
    const delivery = await deliver(invitation, sponsor, token, tenant.userId)
    return reply.status(201).send({ invitation: invitationWire((await findInvitation(app.db, invitation.id))!), delivery })
  })

  app.get('/v1/organizations/:org_id/sponsors/:sponsor_id/invitations', {
    config: { access: {} },
    schema: { tags: ['representatives'], summary: "A sponsor's invitations", headers: orgHeader, params: OrgSponsorParams, response: { 200: InvitationList, ...errorResponses } },
  }, async (request) => {
    const { org_id: orgId, sponsor_id: sponsorId } = request.params
    const { tenant } = await requirePeopleManager(app, request, orgId, sponsorId)
    const invitations = await app.db.tenantTransaction(tenant, (tx) => listInvitations(tx, sponsorId))
    return { data: invitations.map(invitationWire) }
  })

  app.post('/v1/organizations/:org_id/invitations/:invitation_id/resend', {
    config: { access: {}, rateLimit: inviteLimit },
    schema: {
      tags: ['representatives'], summary: 'Send a pending invitation again with a fresh link and expiry (the old link stops working)',
      headers: orgHeader, params: OrgInvitationParams, response: { 200: SentInvitation, ...errorResponses },
    },
  }, async (request) => {
    const { org_id: orgId, invitation_id: invitationId } = request.params
    const { sponsor, tenant } = await managedInvitation(request, orgId, invitationId)
    const token = newToken()
    const renewed = await app.db.tenantTransaction(tenant, (tx) => renewInvitation(tx, invitationId, hashToken(token), expiry()))
    if (!renewed) throw conflict('invitation-closed', 'Only a pending invitation can be resent; this one was accepted or revoked.')
    const delivery = await deliver(renewed, sponsor, token, tenant.userId)
    return { invitation: invitationWire((await findInvitation(app.db, invitationId))!), delivery }
  })

  app.delete('/v1/organizations/:org_id/invitations/:invitation_id', {
    config: { access: {} },
    schema: { tags: ['representatives'], summary: 'Revoke a pending invitation', headers: orgHeader, params: OrgInvitationParams, response: { 200: InvitationRecord, ...errorResponses } },
  }, async (request) => {
    const { org_id: orgId, invitation_id: invitationId } = request.params
    const { tenant } = await managedInvitation(request, orgId, invitationId)
    const revoked = await app.db.tenantTransaction(tenant, (tx) => revokeInvitation(tx, invitationId))
    if (!revoked) throw conflict('invitation-closed', 'Only a pending invitation can be revoked; this one was already accepted or revoked.')
    return invitationWire(revoked)
  })

  app.post('/v1/sponsor-invitations/accept', {
    config: { access: 'user' },
    schema: {
      tags: ['representatives'], summary: 'Accept an invitation with the token from its email (signed in with the invited address)',
      body: AcceptBody, response: { 200: AcceptedInvitation, 410: errorResponses[404], ...errorResponses },
    },
  }, async (request) => {
    const { userId } = callerOf(request)
    const user = await findUserById(app.db, userId)
    if (!user) throw notFound('User')
    return app.db.transaction(async (tx) => {
      const invitation = await lockInvitationByToken(tx, hashToken(request.body.token))
      if (!invitation) throw notFound('An invitation with this token')
      if (invitation.status === 'accepted') throw conflict('invitation-used', 'This invitation was already accepted; each invitation works once.')
      if (invitation.status === 'revoked') throw new AppError(410, 'invitation-revoked', 'This invitation was revoked; ask the sponsor for a new one.')
      if (invitation.expiresAt <= new Date()) throw new AppError(410, 'invitation-expired', 'This invitation has expired; ask the sponsor to resend it.')
      if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
        throw forbidden(`This invitation is for ${invitation.email}; sign in with that address to accept it.`)
      }
      await upsertSponsorUser(tx, { sponsorId: invitation.sponsorId, sponsorOrgId: invitation.orgId, userId, role: invitation.role, permissions: invitation.permissions })
      await markInvitationAccepted(tx, invitation.id, userId)
      const sponsor = (await findSponsor(tx, invitation.sponsorId))!
      return { sponsor_id: sponsor.id, org_id: sponsor.orgId, company_name: sponsor.companyName, role: invitation.role, permissions: invitation.permissions }
    })
  })
}

export default routes
