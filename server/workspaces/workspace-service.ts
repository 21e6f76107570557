// Workspaces (seed 001 §20.1): create (the requester becomes owner; auto_invite addresses are invited with the
// default role), list the caller's, read one, change, archive. Slugs are unique per organization (409).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Queryable } from '../db/database'
import type { WorkspaceRole, WorkspaceSettings } from '../../shared/command-center'
import {
  insertMember,
  insertWorkspace,
  listMyWorkspaces,
  lockWorkspace,
  updateWorkspace,
  type Workspace,
} from '../repositories/workspaces-repository'
import { conflict, notFound } from '../errors'
import { assertActive, requireWorkspaceRole, type WorkspaceCaller } from './workspace-access'
import { maskWebhook, writeAudit } from './workspace-audit'
import { resolveSettings } from './workspace-settings'
import { inviteToWorkspace, sendInvitations, type InvitationOutcome } from './workspace-invitations'

export interface NewWorkspace {
  name: string
  slug: string
  defaultRole: WorkspaceRole
  autoInvite: string[]
  settings: WorkspaceSettings | undefined
}

export interface WorkspacePatch {
  name?: string | undefined
  slug?: string | undefined
  defaultRole?: WorkspaceRole | undefined
  settings?: WorkspaceSettings | undefined
}

/** What the audit keeps of a workspace (its hooks masked). */
export const auditedWorkspace = (ws: Workspace) => ({
  name: ws.name,
  slug: ws.slug,
  default_role: ws.defaultRole,
  archived: ws.archivedAt !== null,
  settings: { ...ws.settings, reporting_webhook: maskWebhook(ws.settings.reporting_webhook) },
  command_center: {
    enabled: ws.commandCenterEnabled,
    capture_rollups: ws.captureRollups,
    notify_slack_webhook: maskWebhook(ws.notifySlackWebhook),
  },
})

async function withSlugCheck<T>(work: () => Promise<T>, slug: string | undefined): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (
      (error as { code?: string; constraint?: string }).code === '23505' &&
      (error as { constraint?: string }).constraint === 'sponsorship_workspaces_slug_key'
    ) {
      throw conflict('slug-taken', `The slug "${slug}" is already used by another workspace of this organization.`)
    }
    throw error
  }
}

export async function createWorkspace(app: FastifyInstance, caller: WorkspaceCaller, input: NewWorkspace) {
  const id = randomUUID()
  const { workspace, invitations } = await withSlugCheck(
    () =>
      app.db.tenantTransaction(caller, async (tx) => {
        const settings = await resolveSettings(tx, caller.orgId, {}, input.settings)
        await insertWorkspace(tx, {
          id,
          orgId: caller.orgId,
          name: input.name,
          slug: input.slug,
          defaultRole: input.defaultRole,
          settings,
          createdBy: caller.userId,
        })
        await insertMember(tx, caller.orgId, id, caller.userId, 'owner')
        const workspace = (await lockWorkspace(tx, caller.orgId, id))!
        await writeAudit(tx, {
          workspaceId: id,
          orgId: caller.orgId,
          actorUserId: caller.userId,
          entity: 'workspace',
          entityId: id,
          action: 'create',
          before: null,
          after: auditedWorkspace(workspace),
        })
        const invitations = await inviteToWorkspace(
          tx,
          caller,
          workspace,
          input.autoInvite.map((email) => ({ email, role: input.defaultRole })),
        )
        return { workspace, invitations }
      }),
    input.slug,
  )
  const delivered: InvitationOutcome[] = await sendInvitations(app, caller, workspace, invitations)
  return { workspace, role: 'owner' as const, invitations: delivered }
}

export function listWorkspaces(app: FastifyInstance, caller: WorkspaceCaller, includeArchived: boolean) {
  return app.db.tenantTransaction(caller, (tx) => listMyWorkspaces(tx, caller.orgId, caller.userId, includeArchived))
}

export function getWorkspace(app: FastifyInstance, caller: WorkspaceCaller, workspaceId: string) {
  return app.db.tenantTransaction(caller, (tx) => requireWorkspaceRole(tx, caller, workspaceId, 'viewer'))
}

async function changeWorkspace(
  tx: Queryable,
  caller: WorkspaceCaller,
  workspaceId: string,
  action: 'update' | 'archive',
  change: (ws: Workspace) => Promise<Parameters<typeof updateWorkspace>[3]>,
) {
  const { role } = await requireWorkspaceRole(tx, caller, workspaceId, 'owner')
  const before = await lockWorkspace(tx, caller.orgId, workspaceId)
  if (!before) throw notFound('Workspace')
  if (action === 'update') assertActive(before)
  const after = (await updateWorkspace(tx, caller.orgId, workspaceId, await change(before)))!
  await writeAudit(tx, {
    workspaceId,
    orgId: caller.orgId,
    actorUserId: caller.userId,
    entity: 'workspace',
    entityId: workspaceId,
    action,
    before: auditedWorkspace(before),
    after: auditedWorkspace(after),
  })
  return { workspace: after, role }
}

export function patchWorkspace(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  patch: WorkspacePatch,
) {
  return withSlugCheck(
    () =>
      app.db.tenantTransaction(caller, (tx) =>
        changeWorkspace(tx, caller, workspaceId, 'update', async (ws) => ({
          name: patch.name,
          slug: patch.slug,
          defaultRole: patch.defaultRole,
          ...(patch.settings ? { settings: await resolveSettings(tx, caller.orgId, ws.settings, patch.settings) } : {}),
        })),
      ),
    patch.slug,
  )
}

/** Archiving keeps everything readable and stops its live stream, rollups and notifications. */
export function archiveWorkspace(app: FastifyInstance, caller: WorkspaceCaller, workspaceId: string) {
  return app.db.tenantTransaction(caller, (tx) =>
    changeWorkspace(tx, caller, workspaceId, 'archive', async () => ({ archived: true })),
  )
}
