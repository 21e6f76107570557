// command_center_rollup (seed 001 §20.3), every 5 minutes: for each enabled workspace that captures rollups,
// its numbers into sponsorship_command_center_feed (one row per metric, one captured_at per run), and its
// widgets' caches rebuilt. The numbers come from the counters of migration 0029, whose shards it folds first.
// Runs as the server on a worker.
import type { Database } from '../db/database'
import { commandCenterMetrics } from '../../shared/command-center'
import { toWorkspace, workspaceColumns } from '../repositories/workspaces-repository'
import { workspaceMetrics } from './command-center-metrics'
import { refreshWorkspaceWidgetCache } from './widget-service'

export interface RollupSummary {
  workspaces: number
  rows: number
  widgetFailures: number
  /** Counter rows folded into their first shard; null when the fold gave way to captures (it runs again next time). */
  folded: number | null
}

/** Folds the counters' shards (command_center_fold_counters): reads stay small however many captures came in. */
export async function foldCounters(db: Database): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ folded: string }>('SELECT command_center_fold_counters() AS folded')
      return Number(rows[0]!.folded)
    })
  } catch (error) {
    // 55P03 lock_not_available: a capture held a counter row longer than the fold waits.
    if ((error as { code?: string }).code === '55P03') return null
    throw error
  }
}

export async function runCommandCenterRollup(db: Database): Promise<RollupSummary> {
  const { rows } = await db.query(
    `SELECT ${workspaceColumns} FROM sponsorship_workspaces WHERE command_center_enabled AND capture_rollups AND archived_at IS NULL ORDER BY id`,
  )
  const summary: RollupSummary = { workspaces: 0, rows: 0, widgetFailures: 0, folded: await foldCounters(db) }
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
