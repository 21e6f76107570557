// Enabling a workspace's command center (the seed's enable_sponsorship_command_center): live deltas to its room,
// 5-minute rollups into sponsorship_command_center_feed when capture_rollups, and Slack-format notifications to
// notify_slack_webhook. The status answers the live sequence number and the latest rollup's values.
import type { FastifyInstance } from 'fastify'
import { lockWorkspace, updateWorkspace } from '../repositories/workspaces-repository'
import { notFound } from '../errors'
import { assertActive, requireWorkspaceRole, type WorkspaceCaller } from './workspace-access'
import { auditedWorkspace } from './workspace-service'
import { writeAudit } from './workspace-audit'
import { checkHookUrl } from './workspace-settings'
import { listAudit } from './workspace-audit'

export function enableCommandCenter(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  input: { captureRollups: boolean; notifySlackWebhook: string | null; enabled: boolean },
) {
  checkHookUrl('notify_slack_webhook', input.notifySlackWebhook)
  return app.db.tenantTransaction(caller, async (tx) => {
    const { role } = await requireWorkspaceRole(tx, caller, workspaceId, 'owner')
    const before = await lockWorkspace(tx, caller.orgId, workspaceId)
    if (!before) throw notFound('Workspace')
    assertActive(before)
    const after = (await updateWorkspace(tx, caller.orgId, workspaceId, {
      commandCenter: {
        enabled: input.enabled,
        captureRollups: input.captureRollups,
        notifySlackWebhook: input.notifySlackWebhook,
      },
    }))!
    await writeAudit(tx, {
      workspaceId,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'command_center',
      entityId: workspaceId,
      action: 'update',
      before: auditedWorkspace(before).command_center,
      after: auditedWorkspace(after).command_center,
    })
    return { workspace: after, role }
  })
}

export function commandCenterStatus(app: FastifyInstance, caller: WorkspaceCaller, workspaceId: string) {
  return app.db.tenantTransaction(caller, async (tx) => {
    const { workspace } = await requireWorkspaceRole(tx, caller, workspaceId, 'viewer')
    const seq = await tx.query<{ last_seq: string }>(
      'SELECT last_seq FROM sponsorship_command_center_streams WHERE workspace_id = $1',
      [workspaceId],
    )
    const latest = await tx.query<{ metric: string; value: string; captured_at: Date }>(
      `SELECT DISTINCT ON (metric) metric, value, captured_at FROM sponsorship_command_center_feed
       WHERE workspace_id = $1 AND dimensions = '{}'::jsonb ORDER BY metric, captured_at DESC, id DESC`,
      [workspaceId],
    )
    const asOf = latest.rows.reduce<Date | null>((max, r) => (!max || r.captured_at > max ? r.captured_at : max), null)
    return {
      workspace,
      seq: Number(seq.rows[0]?.last_seq ?? 0),
      latest: Object.fromEntries(latest.rows.map((r) => [r.metric, Number(r.value)])),
      asOf,
    }
  })
}

export function readAudit(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  options: { limit: number; beforeId?: string | undefined },
) {
  return app.db.tenantTransaction(caller, async (tx) => {
    await requireWorkspaceRole(tx, caller, workspaceId, 'owner')
    return listAudit(tx, workspaceId, options)
  })
}
