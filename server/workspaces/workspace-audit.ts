// The workspace audit log (seed 001 §20.4): every change to a workspace, member, invitation or widget,
// written in the change's own transaction (who, what, before, after); owners read it; 30 days are kept.
import type { Queryable } from '../db/database'

export type AuditEntity = 'workspace' | 'member' | 'invitation' | 'widget' | 'command_center'
export type AuditAction = 'create' | 'update' | 'archive' | 'delete'

export interface AuditEntry {
  workspaceId: string
  orgId: string
  actorUserId: string
  entity: AuditEntity
  entityId: string
  action: AuditAction
  before: unknown
  after: unknown
}

export const auditRetentionDays = 30

/** A webhook URL's path is its secret: the audit keeps only where it points. */
export function maskWebhook(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return `${new URL(url).origin}/…`
  } catch {
    return '…'
  }
}

export async function writeAudit(tx: Queryable, entry: AuditEntry) {
  await tx.query(
    `INSERT INTO sponsorship_workspace_audit (workspace_id, org_id, actor_user_id, entity, entity_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.workspaceId,
      entry.orgId,
      entry.actorUserId,
      entry.entity,
      entry.entityId,
      entry.action,
      entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  )
}

export interface AuditRow {
  id: string
  actor_user_id: string | null
  actor_name: string | null
  entity: AuditEntity
  entity_id: string
  action: AuditAction
  before: unknown
  after: unknown
  created_at: Date
}

export async function listAudit(
  tx: Queryable,
  workspaceId: string,
  options: { limit: number; beforeId?: string | undefined },
) {
  const { rows } = await tx.query<AuditRow>(
    `SELECT a.id::text, a.actor_user_id, u.name AS actor_name, a.entity, a.entity_id, a.action, a.before, a.after, a.created_at
     FROM sponsorship_workspace_audit a LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE a.workspace_id = $1 AND ($3::bigint IS NULL OR a.id < $3::bigint)
     ORDER BY a.id DESC LIMIT $2`,
    [workspaceId, options.limit, options.beforeId ?? null],
  )
  return rows
}

/** Deletes audit rows older than the retention; returns how many. Run by the cleanup job as the server. */
export async function deleteExpiredAudit(db: Queryable, days = auditRetentionDays) {
  const { rowCount } = await db.query(
    `DELETE FROM sponsorship_workspace_audit WHERE created_at < now() - make_interval(days => $1)`,
    [days],
  )
  return rowCount ?? 0
}

/** Widget refresh and delivery events are kept as long as the audit. */
export async function deleteExpiredWidgetEvents(db: Queryable, days = auditRetentionDays) {
  const { rowCount } = await db.query(
    `DELETE FROM sponsorship_workspace_widget_events WHERE created_at < now() - make_interval(days => $1)`,
    [days],
  )
  return rowCount ?? 0
}
