// Workspace widgets and their cached data. Widget rows are read and written in tenant transactions (RLS: members);
// the cache is written by the server after the data is built.
import { named, type Queryable } from '../db/database'
import type { WidgetData, WidgetLayout } from '../../shared/command-center'

export interface Widget {
  workspaceId: string
  widgetId: string
  orgId: string
  widgetType: string
  config: Record<string, unknown>
  packageId: string | null
  layout: WidgetLayout
  version: number
  updatedAt: Date
}

export interface CachedWidget extends Widget {
  data: WidgetData | null
  dataBuiltAt: Date | null
  /** The cache is missing, marked stale by a change in scope, older than its widget, or too old. */
  needsBuild: boolean
}

interface WidgetRow {
  workspace_id: string
  widget_id: string
  org_id: string
  widget_type: string
  config: Record<string, unknown>
  package_id: string | null
  layout: WidgetLayout
  version: number
  updated_at: Date
}

const columns =
  'w.workspace_id, w.widget_id, w.org_id, w.widget_type, w.config, w.package_id, w.layout, w.version, w.updated_at'

const toWidget = (row: WidgetRow): Widget => ({
  workspaceId: row.workspace_id,
  widgetId: row.widget_id,
  orgId: row.org_id,
  widgetType: row.widget_type,
  config: row.config,
  packageId: row.package_id,
  layout: row.layout,
  version: row.version,
  updatedAt: row.updated_at,
})

export async function findWidget(db: Queryable, workspaceId: string, widgetId: string) {
  const { rows } = await db.query<WidgetRow>(
    `SELECT ${columns} FROM sponsorship_workspace_widgets w WHERE w.workspace_id = $1 AND w.widget_id = $2 FOR UPDATE`,
    [workspaceId, widgetId],
  )
  return rows[0] ? toWidget(rows[0]) : null
}

export async function countWidgets(db: Queryable, workspaceId: string) {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sponsorship_workspace_widgets WHERE workspace_id = $1',
    [workspaceId],
  )
  return rows[0]!.n
}

export async function upsertWidget(db: Queryable, widget: Omit<Widget, 'version' | 'updatedAt'>) {
  const { rows } = await db.query<WidgetRow>(
    `INSERT INTO sponsorship_workspace_widgets AS w (workspace_id, widget_id, org_id, widget_type, config, package_id, layout)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (workspace_id, widget_id) DO UPDATE SET widget_type = EXCLUDED.widget_type, config = EXCLUDED.config,
       package_id = EXCLUDED.package_id, layout = EXCLUDED.layout, version = w.version + 1, updated_at = now()
     RETURNING ${columns}`,
    [
      widget.workspaceId,
      widget.widgetId,
      widget.orgId,
      widget.widgetType,
      JSON.stringify(widget.config),
      widget.packageId,
      JSON.stringify(widget.layout),
    ],
  )
  return toWidget(rows[0]!)
}

export async function deleteWidget(db: Queryable, workspaceId: string, widgetId: string) {
  const { rows } = await db.query<WidgetRow>(
    `DELETE FROM sponsorship_workspace_widgets w WHERE w.workspace_id = $1 AND w.widget_id = $2 RETURNING ${columns}`,
    [workspaceId, widgetId],
  )
  return rows[0] ? toWidget(rows[0]) : null
}

/** The workspace's widgets with their cache; a cache older than maxAgeSeconds needs a build too. */
export async function listCachedWidgets(
  db: Queryable,
  workspaceId: string,
  maxAgeSeconds: number,
): Promise<CachedWidget[]> {
  const { rows } = await db.query<WidgetRow & { data: WidgetData | null; built_at: Date | null; needs_build: boolean }>(
    `SELECT ${columns}, c.data, c.built_at,
       (c.workspace_id IS NULL OR c.is_stale OR c.widget_version <> w.version OR c.built_at < now() - make_interval(secs => $2)) AS needs_build
     FROM sponsorship_workspace_widgets w
     LEFT JOIN sponsorship_workspace_widget_cache c ON c.workspace_id = w.workspace_id AND c.widget_id = w.widget_id
     WHERE w.workspace_id = $1 ORDER BY (w.layout->>'y')::int, (w.layout->>'x')::int, w.widget_id`,
    [workspaceId, maxAgeSeconds],
  )
  return rows.map((row) => ({
    ...toWidget(row),
    data: row.data,
    dataBuiltAt: row.built_at,
    needsBuild: row.needs_build,
  }))
}

export interface WidgetEvent {
  workspaceId: string
  orgId: string
  widgetId: string | null
  kind: 'refresh' | 'delivery'
  ok: boolean
  error?: string | null
}

/**
 * Stores what a build made, in one statement: each built widget's data (widgets deleted meanwhile are skipped) and
 * every outcome, ok or failed, as a refresh event.
 */
export async function storeWidgetBuilds(
  db: Queryable,
  built: { widget: Widget; data: WidgetData }[],
  events: WidgetEvent[],
) {
  if (!built.length && !events.length) return
  await db.query(
    named(
      'cc-store-widget-builds',
      `WITH stored AS (
       INSERT INTO sponsorship_workspace_widget_cache (workspace_id, widget_id, org_id, data, widget_version, is_stale, built_at)
       SELECT x.workspace_id, x.widget_id, x.org_id, x.data, x.widget_version, false, now()
       FROM jsonb_to_recordset($1) AS x(workspace_id uuid, widget_id text, org_id uuid, data jsonb, widget_version integer)
       WHERE EXISTS (SELECT 1 FROM sponsorship_workspace_widgets w WHERE w.workspace_id = x.workspace_id AND w.widget_id = x.widget_id)
       ORDER BY x.workspace_id, x.widget_id
       ON CONFLICT (workspace_id, widget_id) DO UPDATE SET data = EXCLUDED.data, widget_version = EXCLUDED.widget_version,
         is_stale = false, built_at = now()
       RETURNING 1)
     INSERT INTO sponsorship_workspace_widget_events (workspace_id, org_id, widget_id, kind, ok, error)
     SELECT x.workspace_id, x.org_id, x.widget_id, x.kind, x.ok, x.error
     FROM jsonb_to_recordset($2) AS x(workspace_id uuid, org_id uuid, widget_id text, kind text, ok boolean, error text)`,
    ),
    [
      JSON.stringify(
        built.map(({ widget, data }) => ({
          workspace_id: widget.workspaceId,
          widget_id: widget.widgetId,
          org_id: widget.orgId,
          data,
          widget_version: widget.version,
        })),
      ),
      JSON.stringify(
        events.map((e) => ({
          workspace_id: e.workspaceId,
          org_id: e.orgId,
          widget_id: e.widgetId,
          kind: e.kind,
          ok: e.ok,
          error: e.error?.slice(0, 500) ?? null,
        })),
      ),
    ],
  )
}

export async function recordWidgetEvent(db: Queryable, event: WidgetEvent) {
  await db.query(
    'INSERT INTO sponsorship_workspace_widget_events (workspace_id, org_id, widget_id, kind, ok, error) VALUES ($1, $2, $3, $4, $5, $6)',
    [event.workspaceId, event.orgId, event.widgetId, event.kind, event.ok, event.error?.slice(0, 500) ?? null],
  )
}
