// Command-center workspaces, their members and invitations. Called inside tenant transactions, where
// row-level security shows a workspace only to its members.
import type { Queryable } from '../db/database'
import type { WorkspaceRole } from '../../shared/command-center'

export interface WorkspaceSettingsRow {
  timezone?: string
  goal_gmv_cents?: number | null
  reporting_webhook?: string | null
  event_ids?: string[] | null
}

export interface Workspace {
  id: string
  orgId: string
  name: string
  slug: string
  defaultRole: WorkspaceRole
  settings: WorkspaceSettingsRow
  commandCenterEnabled: boolean
  captureRollups: boolean
  notifySlackWebhook: string | null
  archivedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

interface WorkspaceRow {
  id: string
  org_id: string
  name: string
  slug: string
  default_role: WorkspaceRole
  settings: WorkspaceSettingsRow
  command_center_enabled: boolean
  capture_rollups: boolean
  notify_slack_webhook: string | null
  archived_at: Date | null
  created_at: Date
  updated_at: Date
}

export const workspaceColumns =
  'id, org_id, name, slug, default_role, settings, command_center_enabled, capture_rollups, notify_slack_webhook, archived_at, created_at, updated_at'

export const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  slug: row.slug,
  defaultRole: row.default_role,
  settings: row.settings,
  commandCenterEnabled: row.command_center_enabled,
  captureRollups: row.capture_rollups,
  notifySlackWebhook: row.notify_slack_webhook,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/** Inserts without RETURNING: the row is visible only once its owner is a member. */
export async function insertWorkspace(
  db: Queryable,
  ws: {
    id: string
    orgId: string
    name: string
    slug: string
    defaultRole: WorkspaceRole
    settings: WorkspaceSettingsRow
    createdBy: string
  },
) {
  await db.query(
    `INSERT INTO sponsorship_workspaces (id, org_id, name, slug, default_role, settings, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [ws.id, ws.orgId, ws.name, ws.slug, ws.defaultRole, JSON.stringify(ws.settings), ws.createdBy],
  )
}

export async function findWorkspace(db: Queryable, orgId: string, id: string) {
  const { rows } = await db.query<WorkspaceRow>(
    `SELECT ${workspaceColumns} FROM sponsorship_workspaces WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  )
  return rows[0] ? toWorkspace(rows[0]) : null
}

/** Locks the workspace row for a change (FOR UPDATE), so concurrent edits apply one after the other. */
export async function lockWorkspace(db: Queryable, orgId: string, id: string) {
  const { rows } = await db.query<WorkspaceRow>(
    `SELECT ${workspaceColumns} FROM sponsorship_workspaces WHERE org_id = $1 AND id = $2 FOR UPDATE`,
    [orgId, id],
  )
  return rows[0] ? toWorkspace(rows[0]) : null
}

/** The caller's workspaces in the organization (RLS: only those they are a member of), with their role. */
export async function listMyWorkspaces(db: Queryable, orgId: string, userId: string, includeArchived: boolean) {
  const { rows } = await db.query<WorkspaceRow & { my_role: WorkspaceRole }>(
    `SELECT ${workspaceColumns
      .split(', ')
      .map((c) => `w.${c}`)
      .join(', ')}, m.role AS my_role
     FROM sponsorship_workspaces w JOIN sponsorship_workspace_members m ON m.workspace_id = w.id AND m.user_id = $2
     WHERE w.org_id = $1 ${includeArchived ? '' : 'AND w.archived_at IS NULL'} ORDER BY w.name, w.id`,
    [orgId, userId],
  )
  return rows.map((row) => ({ workspace: toWorkspace(row), role: row.my_role }))
}

export async function updateWorkspace(
  db: Queryable,
  orgId: string,
  id: string,
  patch: {
    name?: string
    slug?: string
    defaultRole?: WorkspaceRole
    settings?: WorkspaceSettingsRow
    archived?: boolean
    commandCenter?: { enabled: boolean; captureRollups: boolean; notifySlackWebhook: string | null }
  },
) {
  const sets: string[] = []
  const values: unknown[] = [orgId, id]
  const set = (column: string, value: unknown) => {
    values.push(value)
    sets.push(`${column} = $${values.length}`)
  }
  if (patch.name !== undefined) set('name', patch.name)
  if (patch.slug !== undefined) set('slug', patch.slug)
  if (patch.defaultRole !== undefined) set('default_role', patch.defaultRole)
  if (patch.settings !== undefined) set('settings', JSON.stringify(patch.settings))
  if (patch.archived) sets.push('archived_at = coalesce(archived_at, now())')
  if (patch.commandCenter) {
    set('command_center_enabled', patch.commandCenter.enabled)
    set('capture_rollups', patch.commandCenter.captureRollups)
    set('notify_slack_webhook', patch.commandCenter.notifySlackWebhook)
  }
  sets.push('updated_at = now()')
  const { rows } = await db.query<WorkspaceRow>(
    `UPDATE sponsorship_workspaces SET ${sets.join(', ')} WHERE org_id = $1 AND id = $2 RETURNING ${workspaceColumns}`,
    values,
  )
  return rows[0] ? toWorkspace(rows[0]) : null
}

// ---- Members ----

export interface WorkspaceMember {
  userId: string
  name: string
  email: string
  role: WorkspaceRole
  createdAt: Date
}

interface MemberRow {
  user_id: string
  name: string
  email: string
  role: WorkspaceRole
  created_at: Date
}
const toMember = (row: MemberRow): WorkspaceMember => ({
  userId: row.user_id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.created_at,
})

export async function roleInWorkspace(db: Queryable, workspaceId: string, userId: string) {
  const { rows } = await db.query<{ role: WorkspaceRole }>(
    'SELECT role FROM sponsorship_workspace_members WHERE workspace_id = $1 AND user_id = $2',
    [workspaceId, userId],
  )
  return rows[0]?.role ?? null
}

export async function listMembers(db: Queryable, workspaceId: string) {
  const { rows } = await db.query<MemberRow>(
    `SELECT m.user_id, u.name, u.email, m.role, m.created_at
     FROM sponsorship_workspace_members m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = $1 ORDER BY m.created_at, u.name`,
    [workspaceId],
  )
  return rows.map(toMember)
}

export async function findMember(db: Queryable, workspaceId: string, userId: string) {
  const { rows } = await db.query<MemberRow>(
    `SELECT m.user_id, u.name, u.email, m.role, m.created_at
     FROM sponsorship_workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND m.user_id = $2`,
    [workspaceId, userId],
  )
  return rows[0] ? toMember(rows[0]) : null
}

/** Adds a member; an existing one is left as is (returns false). */
export async function insertMember(
  db: Queryable,
  orgId: string,
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
) {
  const { rowCount } = await db.query(
    // Not ON CONFLICT: row-level security would ask that the caller already see the row it inserts.
    `INSERT INTO sponsorship_workspace_members (workspace_id, org_id, user_id, role)
     SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM sponsorship_workspace_members WHERE workspace_id = $1 AND user_id = $3)`,
    [workspaceId, orgId, userId, role],
  )
  return rowCount === 1
}

export async function updateMemberRole(db: Queryable, workspaceId: string, userId: string, role: WorkspaceRole) {
  const { rowCount } = await db.query(
    'UPDATE sponsorship_workspace_members SET role = $3, updated_at = now() WHERE workspace_id = $1 AND user_id = $2',
    [workspaceId, userId, role],
  )
  return rowCount === 1
}

export async function deleteMember(db: Queryable, workspaceId: string, userId: string) {
  const { rowCount } = await db.query(
    'DELETE FROM sponsorship_workspace_members WHERE workspace_id = $1 AND user_id = $2',
    [workspaceId, userId],
  )
  return rowCount === 1
}

export async function countOwners(db: Queryable, workspaceId: string) {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sponsorship_workspace_members WHERE workspace_id = $1 AND role = 'owner'`,
    [workspaceId],
  )
  return rows[0]!.n
}

/** A member of the organization by email (workspace members must belong to it). */
export async function findOrgMemberByEmail(db: Queryable, orgId: string, email: string) {
  const { rows } = await db.query<{ id: string }>(
    'SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.org_id = $1 WHERE lower(u.email) = lower($2)',
    [orgId, email],
  )
  return rows[0]?.id ?? null
}

// ---- Invitations ----

export async function upsertInvitation(
  db: Queryable,
  inv: {
    workspaceId: string
    orgId: string
    email: string
    role: WorkspaceRole
    status: 'pending' | 'accepted'
    invitedBy: string
  },
) {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sponsorship_workspace_invitations (workspace_id, org_id, email, role, status, invited_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, lower(email)) DO UPDATE SET role = EXCLUDED.role, status = EXCLUDED.status
     RETURNING id`,
    [inv.workspaceId, inv.orgId, inv.email, inv.role, inv.status, inv.invitedBy],
  )
  return rows[0]!.id
}

export async function recordInvitationDelivery(db: Queryable, id: string, error: string | null) {
  await db.query('UPDATE sponsorship_workspace_invitations SET delivery_error = $2 WHERE id = $1', [id, error])
}
