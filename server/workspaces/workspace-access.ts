// Who may do what in a workspace: viewers read, editors also change widgets, owners also manage the
// workspace, its members, its audit log and its command center. A caller who is not a member sees no
// workspace at all (404), as row-level security would answer.
import type { Queryable } from '../db/database'
import type { WorkspaceRole } from '../../shared/command-center'
import { findWorkspace, roleInWorkspace, type Workspace } from '../repositories/workspaces-repository'
import { AppError, forbidden, notFound } from '../errors'

const rank: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, owner: 2 }

export interface WorkspaceCaller {
  orgId: string
  userId: string
}

export interface WorkspaceGrant {
  workspace: Workspace
  role: WorkspaceRole
}

/** The workspace and the caller's role in it, if they hold at least `needed`. */
export async function requireWorkspaceRole(
  tx: Queryable,
  caller: WorkspaceCaller,
  workspaceId: string,
  needed: WorkspaceRole,
): Promise<WorkspaceGrant> {
  const role = await roleInWorkspace(tx, workspaceId, caller.userId)
  const workspace = role ? await findWorkspace(tx, caller.orgId, workspaceId) : null
  if (!role || !workspace) throw notFound('Workspace')
  if (rank[role] < rank[needed])
    throw forbidden(`This needs the workspace role ${needed}; yours is ${role}. Ask a workspace owner.`)
  return { workspace, role }
}

/** Changes are refused on an archived workspace (reading it stays possible). */
export function assertActive(workspace: Workspace) {
  if (workspace.archivedAt)
    throw new AppError(409, 'workspace-archived', 'This workspace is archived; it can be read but not changed.')
}
