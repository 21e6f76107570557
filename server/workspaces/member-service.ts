// Workspace members: any member lists them; owners add organization members by email, change roles and
// remove members. A workspace always keeps an owner (409 last-owner).
import type { FastifyInstance } from 'fastify'
import type { Queryable } from '../db/database'
import type { WorkspaceRole } from '../../shared/command-center'
import {
  countOwners,
  deleteMember,
  findMember,
  findOrgMemberByEmail,
  insertMember,
  listMembers,
  updateMemberRole,
} from '../repositories/workspaces-repository'
import { AppError, conflict, notFound } from '../errors'
import { assertActive, requireWorkspaceRole, type WorkspaceCaller } from './workspace-access'
import { writeAudit } from './workspace-audit'

export function listWorkspaceMembers(app: FastifyInstance, caller: WorkspaceCaller, workspaceId: string) {
  return app.db.tenantTransaction(caller, async (tx) => {
    await requireWorkspaceRole(tx, caller, workspaceId, 'viewer')
    return listMembers(tx, workspaceId)
  })
}

export function addWorkspaceMember(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  input: { email: string; role: WorkspaceRole },
) {
  return app.db.tenantTransaction(caller, async (tx) => {
    const { workspace } = await requireWorkspaceRole(tx, caller, workspaceId, 'owner')
    assertActive(workspace)
    const userId = await findOrgMemberByEmail(tx, caller.orgId, input.email)
    if (!userId)
      throw new AppError(
        422,
        'not-an-org-member',
        `${input.email} is not a member of this organization; invite them to the organization first.`,
      )
    if (!(await insertMember(tx, caller.orgId, workspaceId, userId, input.role)))
      throw conflict(
        'already-a-member',
        'That person is already a member of this workspace; change their role instead.',
      )
    const member = (await findMember(tx, workspaceId, userId))!
    await writeAudit(tx, {
      workspaceId,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'member',
      entityId: userId,
      action: 'create',
      before: null,
      after: { role: member.role },
    })
    return member
  })
}

async function requireOtherOwner(tx: Queryable, workspaceId: string) {
  if ((await countOwners(tx, workspaceId)) <= 1)
    throw conflict('last-owner', 'A workspace keeps at least one owner: make someone else owner first.')
}

export function changeMemberRole(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
) {
  return app.db.tenantTransaction(caller, async (tx) => {
    const { workspace } = await requireWorkspaceRole(tx, caller, workspaceId, 'owner')
    assertActive(workspace)
    const before = await findMember(tx, workspaceId, userId)
    if (!before) throw notFound('Workspace member')
    if (before.role === role) return before
    if (before.role === 'owner') await requireOtherOwner(tx, workspaceId)
    await updateMemberRole(tx, workspaceId, userId, role)
    await writeAudit(tx, {
      workspaceId,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'member',
      entityId: userId,
      action: 'update',
      before: { role: before.role },
      after: { role },
    })
    return (await findMember(tx, workspaceId, userId))!
  })
}

export function removeWorkspaceMember(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  userId: string,
) {
  return app.db.tenantTransaction(caller, async (tx) => {
    await requireWorkspaceRole(tx, caller, workspaceId, 'owner')
    const before = await findMember(tx, workspaceId, userId)
    if (!before) throw notFound('Workspace member')
    if (before.role === 'owner') await requireOtherOwner(tx, workspaceId)
    await deleteMember(tx, workspaceId, userId)
    await writeAudit(tx, {
      workspaceId,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'member',
      entityId: userId,
      action: 'delete',
      before: { role: before.role },
      after: null,
    })
    return before
  })
}
