// Invitations to a workspace by email (auto_invite on creation): an address that belongs to a member of the
// organization joins at once with the role; any other is kept pending. Each address is emailed through the
// mailer after the change commits; a failed email is recorded on the invitation, never lost.
import type { FastifyInstance } from 'fastify'
import type { Queryable } from '../db/database'
import type { WorkspaceRole } from '../../shared/command-center'
import {
  findOrgMemberByEmail,
  insertMember,
  recordInvitationDelivery,
  upsertInvitation,
  type Workspace,
} from '../repositories/workspaces-repository'
import type { WorkspaceCaller } from './workspace-access'
import { writeAudit } from './workspace-audit'

export interface PendingInvitation {
  id: string
  email: string
  role: WorkspaceRole
  status: 'pending' | 'accepted'
}

export interface InvitationOutcome extends PendingInvitation {
  delivery: 'sent' | 'failed'
}

export async function inviteToWorkspace(
  tx: Queryable,
  caller: WorkspaceCaller,
  workspace: Workspace,
  invites: { email: string; role: WorkspaceRole }[],
) {
  const seen = new Set<string>()
  const made: PendingInvitation[] = []
  for (const invite of invites) {
    const key = invite.email.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    const userId = await findOrgMemberByEmail(tx, caller.orgId, invite.email)
    if (userId) await insertMember(tx, caller.orgId, workspace.id, userId, invite.role)
    const status = userId ? ('accepted' as const) : ('pending' as const)
    const id = await upsertInvitation(tx, {
      workspaceId: workspace.id,
      orgId: caller.orgId,
      email: invite.email,
      role: invite.role,
      status,
      invitedBy: caller.userId,
    })
    await writeAudit(tx, {
      workspaceId: workspace.id,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'invitation',
      entityId: id,
      action: 'create',
      before: null,
      after: { email: invite.email, role: invite.role, status },
    })
    made.push({ id, email: invite.email, role: invite.role, status })
  }
  return made
}

export async function sendInvitations(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspace: Workspace,
  invitations: PendingInvitation[],
): Promise<InvitationOutcome[]> {
  const outcomes: InvitationOutcome[] = []
  for (const invitation of invitations) {
    try {
      await app.mailer.send({
        to: invitation.email,
        subject: `You're invited to the ${workspace.name} command center on Yardpass`,
        text: [
          `You were invited to the workspace "${workspace.name}" as ${invitation.role}.`,
          invitation.status === 'accepted'
            ? 'You already belong to the organization: open Yardpass and choose Command center to see it.'
            : 'Ask the organization to add you as a member, then open Yardpass and choose Command center.',
        ].join('\n\n'),
      })
      await recordInvitationDelivery(app.db, invitation.id, null)
      outcomes.push({ ...invitation, delivery: 'sent' })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await recordInvitationDelivery(app.db, invitation.id, message.slice(0, 500))
      app.log.warn(
        { invitationId: invitation.id, workspaceId: workspace.id, userId: caller.userId },
        'workspace invitation email failed',
      )
      outcomes.push({ ...invitation, delivery: 'failed' })
    }
  }
  return outcomes
}
