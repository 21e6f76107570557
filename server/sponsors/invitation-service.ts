// Invitations of sponsor representatives by email (seed 004), for the REST routes and GraphQL alike:
// invite, list, resend, revoke, accept. The token travels only in the email; the database keeps its hash.
// Accepting is single-use and expires. Managers: see people-access.ts.
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { rolePermissions, type SponsorPermission, type SponsorRole } from '../../shared/sponsors/permissions'
import { findUserById } from '../repositories/users-repository'
import { findSponsor, type Sponsor } from '../repositories/sponsors-repository'
import {
  findInvitation,
  insertInvitation,
  listInvitations,
  lockInvitationByToken,
  markInvitationAccepted,
  recordDelivery,
  renewInvitation,
  revokeInvitation as revokeInvitationRow,
  upsertSponsorUser,
  type Invitation,
} from '../repositories/sponsor-people-repository'
import { requirePeopleManager } from './people-access'
import type { CallerTenant } from './sponsor-access'
import { AppError, conflict, forbidden, notFound } from '../errors'

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')

const roleLabels: Record<SponsorRole, string> = {
  admin: 'an admin',
  representative: 'a representative',
  booth_staff: 'booth staff',
  viewer: 'a viewer',
}

export interface Delivery {
  status: 'sent' | 'outbox' | 'failed'
  error?: string
}

export interface SentInvitation {
  invitation: Invitation
  delivery: Delivery
}

/** An invitation's status as people read it: a pending one past its expiry is expired. */
export const invitationStatus = (invitation: Invitation) =>
  invitation.status === 'pending' && invitation.expiresAt <= new Date() ? ('expired' as const) : invitation.status

const expiry = (app: FastifyInstance) => new Date(Date.now() + app.config.invitationTtlHours * 3_600_000)

/** Emails the invitation; a failure is recorded on it (resend later), never lost. */
async function deliver(
  app: FastifyInstance,
  invitation: Invitation,
  sponsor: Sponsor,
  token: string,
  inviterId: string,
): Promise<Delivery> {
  const inviter = await findUserById(app.db, inviterId)
  const link = `${app.config.appUrl}/#/accept-invitation?token=${encodeURIComponent(token)}`
  try {
    const sent = await app.mailer.send({
      to: invitation.email,
      subject: `You're invited to represent ${sponsor.companyName} on Yardpass`,
      text: [
        `${inviter?.name ?? 'Someone'} invited you to join ${sponsor.companyName} on Yardpass as ${roleLabels[invitation.role]}.`,
        '',
        `Accept the invitation: ${link}`,
        '',
        `Or paste this code in the app: ${token}`,
        '',
        `The invitation expires on ${invitation.expiresAt.toUTCString()}. Sign in (or create an account) with ${invitation.email} to accept it.`,
      ].join('\n'),
    })
    await recordDelivery(app.db, invitation.id, null)
    if (sent.path)
      app.log.info(
        { invitationId: invitation.id, outbox: sent.path },
        'invitation written to the outbox (SMTP_URL is not set)',
      )
    return { status: sent.via === 'smtp' ? 'sent' : 'outbox' }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await recordDelivery(app.db, invitation.id, message.slice(0, 500))
    app.log.warn({ invitationId: invitation.id, err: message }, 'invitation email failed')
    return { status: 'failed', error: 'The email could not be sent; the invitation is kept, resend it later.' }
  }
}

async function managedInvitation(app: FastifyInstance, tenant: CallerTenant, invitationId: string) {
  const invitation = await findInvitation(app.db, invitationId)
  if (!invitation) throw notFound('Invitation')
  return { invitation, ...(await requirePeopleManager(app.db, tenant, invitation.sponsorId)) }
}

export async function inviteRepresentative(
  app: FastifyInstance,
  caller: CallerTenant,
  sponsorId: string,
  input: { email: string; role: SponsorRole; permissions?: readonly SponsorPermission[] | undefined },
): Promise<SentInvitation> {
  const { sponsor, tenant } = await requirePeopleManager(app.db, caller, sponsorId)
  const token = newToken()
  const invitation = await app.db.tenantTransaction(tenant, (tx) =>
    insertInvitation(tx, {
      orgId: sponsor.orgId,
      sponsorId,
      email: input.email,
      role: input.role,
      permissions: input.permissions ?? rolePermissions[input.role],
      tokenHash: hashInvitationToken(token),
      expiresAt: expiry(app),
      invitedBy: tenant.userId,
    }),
  )
  if (!invitation)
    throw conflict(
      'already-invited',
      `${input.email} already has a pending invitation to this sponsor; resend or revoke it.`,
    )
  const delivery = await deliver(app, invitation, sponsor, token, tenant.userId)
  return { invitation: (await findInvitation(app.db, invitation.id))!, delivery }
}

export async function listSponsorInvitations(
  app: FastifyInstance,
  caller: CallerTenant,
  sponsorId: string,
): Promise<Invitation[]> {
  const { tenant } = await requirePeopleManager(app.db, caller, sponsorId)
  return app.db.tenantTransaction(tenant, (tx) => listInvitations(tx, sponsorId))
}

/** A fresh link and expiry for a pending invitation (the old link stops working). */
export async function resendInvitation(
  app: FastifyInstance,
  caller: CallerTenant,
  invitationId: string,
): Promise<SentInvitation> {
  const { sponsor, tenant } = await managedInvitation(app, caller, invitationId)
  const token = newToken()
  const renewed = await app.db.tenantTransaction(tenant, (tx) =>
    renewInvitation(tx, invitationId, hashInvitationToken(token), expiry(app)),
  )
  if (!renewed)
    throw conflict('invitation-closed', 'Only a pending invitation can be resent; this one was accepted or revoked.')
  const delivery = await deliver(app, renewed, sponsor, token, tenant.userId)
  return { invitation: (await findInvitation(app.db, invitationId))!, delivery }
}

export async function revokeInvitation(
  app: FastifyInstance,
  caller: CallerTenant,
  invitationId: string,
): Promise<Invitation> {
  const { tenant } = await managedInvitation(app, caller, invitationId)
  const revoked = await app.db.tenantTransaction(tenant, (tx) => revokeInvitationRow(tx, invitationId))
  if (!revoked)
    throw conflict(
      'invitation-closed',
      'Only a pending invitation can be revoked; this one was already accepted or revoked.',
    )
  return revoked
}

export interface AcceptedInvitation {
  sponsor: Sponsor
  role: SponsorRole
  permissions: SponsorPermission[]
}

/** Accepts with the token from the email, signed in with the invited address; once, before it expires. */
export async function acceptInvitation(
  app: FastifyInstance,
  userId: string,
  token: string,
): Promise<AcceptedInvitation> {
  const user = await findUserById(app.db, userId)
  if (!user) throw notFound('User')
  return app.db.transaction(async (tx) => {
    const invitation = await lockInvitationByToken(tx, hashInvitationToken(token))
    if (!invitation) throw notFound('An invitation with this token')
    if (invitation.status === 'accepted')
      throw conflict('invitation-used', 'This invitation was already accepted; each invitation works once.')
    if (invitation.status === 'revoked')
      throw new AppError(410, 'invitation-revoked', 'This invitation was revoked; ask the sponsor for a new one.')
    if (invitation.expiresAt <= new Date())
      throw new AppError(410, 'invitation-expired', 'This invitation has expired; ask the sponsor to resend it.')
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw forbidden(`This invitation is for ${invitation.email}; sign in with that address to accept it.`)
    }
    await upsertSponsorUser(tx, {
      sponsorId: invitation.sponsorId,
      sponsorOrgId: invitation.orgId,
      userId,
      role: invitation.role,
      permissions: invitation.permissions,
    })
    await markInvitationAccepted(tx, invitation.id, userId)
    return {
      sponsor: (await findSponsor(tx, invitation.sponsorId))!,
      role: invitation.role,
      permissions: invitation.permissions,
    }
  })
}
