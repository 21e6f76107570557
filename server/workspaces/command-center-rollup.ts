// command_center_rollup (seed 001 §20.3), every 5 minutes: for each enabled workspace that captures rollups,
// its numbers into sponsorship_command_center_feed (one row per metric, one captured_at per run), and its
// widgets' caches rebuilt. Runs as the server on a worker.
import type { Database } from '../db/database'
import { commandCenterMetrics } from '../../shared/command-center'
import { toWorkspace, workspaceColumns } from '../repositories/workspaces-repository'
import { workspaceMetrics } from './command-center-metrics'
import { refreshWorkspaceWidgetCache } from './widget-service'

export interface RollupSummary {
  workspaces: number
  rows: number
  widgetFailures: number
}

export async function runCommandCenterRollup(db: Database): Promise<RollupSummary> {
  const { rows } = await db.query(
    `SELECT ${workspaceColumns} FROM sponsorship_workspaces WHERE command_center_enabled AND capture_rollups AND archived_at IS NULL ORDER BY id`,
  )
  const summary: RollupSummary = { workspaces: 0, rows: 0, widgetFailures: 0 }
  for (const row of rows) {
    const workspace = toWorkspace(row as Parameters<typeof toWorkspace>[0])
    const metrics = await workspaceMetrics(db, workspace)
    const names = commandCenterMetrics.filter((name) => Number.isFinite(metrics[name]))
    const inserted = await db.query(
      `INSERT INTO sponsorship_command_center_feed (workspace_id, org_id, metric, value, captured_at)
       SELECT $1, $2, m, v, now() FROM unnest($3::text[], $4::numeric[]) AS t(m, v)`,
      [workspace.id, workspace.orgId, names, names.map((name) => metrics[name])],
    )
    const widgets = await refreshWorkspaceWidgetCache(db, workspace.orgId, workspace.id)
    summary.workspaces += 1
    summary.rows += inserted.rowCount ?? 0
    summary.widgetFailures += widgets.filter((w) => w.needsBuild).length
  }
  return summary
}
