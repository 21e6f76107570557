// The widget registry (seed 001 §20.2): an idempotent upsert keyed by workspace and widget id, each type's config
// checked by its own schema; the widgets with their data (a per-widget cache, rebuilt when its inputs change);
// delete. Every change is audited and announced as widget.updated through the outbox.
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import {
  widgetConfigSchemas,
  widgetTypes,
  type WidgetData,
  type WidgetLayout,
  type WidgetType,
} from '../../shared/command-center'
import type { Database } from '../db/database'
import {
  countWidgets,
  deleteWidget,
  findWidget,
  listCachedWidgets,
  storeWidgetBuilds,
  upsertWidget,
  type CachedWidget,
  type Widget,
  type WidgetEvent,
} from '../repositories/widgets-repository'
import { findWorkspace, type Workspace } from '../repositories/workspaces-repository'
import { AppError, badRequest, conflict, notFound } from '../errors'
import { assertActive, requireWorkspaceRole, type WorkspaceCaller } from './workspace-access'
import { writeAudit } from './workspace-audit'
import { buildWidgetData } from './widget-data'

export const maxWidgetsPerWorkspace = 50
/** Data that depends on the clock (today's leads, the last hours) is rebuilt at least this often. */
export const widgetCacheMaxAgeSeconds = 60
const defaultLayout: WidgetLayout = { x: 0, y: 0, w: 4, h: 3 }

const checkers = Object.fromEntries(widgetTypes.map((type) => [type, Compile(widgetConfigSchemas[type])])) as Record<
  WidgetType,
  ReturnType<typeof Compile>
>

export interface WidgetInputBody {
  widgetType: string
  config: Record<string, unknown>
  packageId?: string | null | undefined
  layout?: WidgetLayout | undefined
}

/** A widget's config against its type's schema: 400 with the first problem otherwise. */
export function checkWidgetConfig(widgetType: string, config: Record<string, unknown>) {
  if (!(widgetTypes as string[]).includes(widgetType))
    throw badRequest('unknown-widget-type', `widget_type must be one of ${widgetTypes.join(', ')}.`)
  const checker = checkers[widgetType as WidgetType]
  if (!checker.Check(config)) {
    const first = [...checker.Errors(config)][0]
    throw badRequest(
      'invalid-widget-config',
      `The config of a ${widgetType} widget is not valid: ${first ? `${first.instancePath || 'config'} ${first.message}` : 'check its fields'}.`,
      { widget_type: widgetType },
    )
  }
}

/** JSON with object keys sorted, as jsonb compares: key order never makes two widgets differ. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value)

const sameWidget = (
  a: Widget,
  b: { widgetType: string; config: unknown; packageId: string | null; layout: WidgetLayout },
) =>
  a.widgetType === b.widgetType &&
  a.packageId === b.packageId &&
  canonical(a.layout) === canonical(b.layout) &&
  canonical(a.config) === canonical(b.config)

const audited = (w: Widget) => ({
  widget_type: w.widgetType,
  config: w.config,
  package_id: w.packageId,
  layout: w.layout,
  version: w.version,
})

export async function putWidget(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  widgetId: string,
  input: WidgetInputBody,
) {
  checkWidgetConfig(input.widgetType, input.config)
  const packageId = input.packageId ?? null
  if (input.widgetType === 'marketplace_card' && !packageId)
    throw badRequest('package-required', 'A marketplace_card widget shows a package: send package_id.')
  if (input.widgetType !== 'marketplace_card' && packageId)
    throw badRequest('package-not-used', `A ${input.widgetType} widget has no package: leave package_id out.`)
  const saved = await app.db.tenantTransaction(caller, async (tx) => {
    const { workspace } = await requireWorkspaceRole(tx, caller, workspaceId, 'editor')
    assertActive(workspace)
    if (packageId) {
      const { rowCount } = await tx.query('SELECT 1 FROM sponsorship_packages WHERE org_id = $1 AND id = $2', [
        caller.orgId,
        packageId,
      ])
      if (!rowCount) throw new AppError(422, 'unknown-package', 'package_id is not a package of this organization.')
    }
    const before = await findWidget(tx, workspaceId, widgetId)
    const next = {
      widgetType: input.widgetType,
      config: input.config,
      packageId,
      layout: input.layout ?? before?.layout ?? defaultLayout,
    }
    if (before && sameWidget(before, next)) return { workspace, widget: before, created: false, changed: false }
    if (!before && (await countWidgets(tx, workspaceId)) >= maxWidgetsPerWorkspace) {
      throw conflict(
        'too-many-widgets',
        `A workspace holds at most ${maxWidgetsPerWorkspace} widgets; remove one first.`,
      )
    }
    const widget = await upsertWidget(tx, { workspaceId, widgetId, orgId: caller.orgId, ...next })
    await writeAudit(tx, {
      workspaceId,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'widget',
      entityId: widgetId,
      action: before ? 'update' : 'create',
      before: before ? audited(before) : null,
      after: audited(widget),
    })
    return { workspace, widget, created: !before, changed: true }
  })
  const [built] = await buildAndStore(app.db, saved.workspace, [saved.widget])
  return { widget: built!, created: saved.created }
}

export async function removeWidget(
  app: FastifyInstance,
  caller: WorkspaceCaller,
  workspaceId: string,
  widgetId: string,
) {
  return app.db.tenantTransaction(caller, async (tx) => {
    const { workspace } = await requireWorkspaceRole(tx, caller, workspaceId, 'editor')
    assertActive(workspace)
    const removed = await deleteWidget(tx, workspaceId, widgetId)
    if (!removed) throw notFound('Widget')
    await writeAudit(tx, {
      workspaceId,
      orgId: caller.orgId,
      actorUserId: caller.userId,
      entity: 'widget',
      entityId: widgetId,
      action: 'delete',
      before: audited(removed),
      after: null,
    })
    return removed
  })
}

/** The workspace's widgets with data: caches that need it are rebuilt first (a failure leaves that widget's last data). */
export async function listWidgetsWithData(app: FastifyInstance, caller: WorkspaceCaller, workspaceId: string) {
  const { workspace, widgets } = await app.db.tenantTransaction(caller, async (tx) => {
    const { workspace } = await requireWorkspaceRole(tx, caller, workspaceId, 'viewer')
    return { workspace, widgets: await listCachedWidgets(tx, workspaceId, widgetCacheMaxAgeSeconds) }
  })
  const stale = widgets.filter((w) => w.needsBuild)
  if (!stale.length) return widgets
  const rebuilt = new Map((await buildAndStore(app.db, workspace, stale)).map((w) => [w.widgetId, w]))
  return widgets.map((w) => rebuilt.get(w.widgetId) ?? w)
}

/**
 * Builds the widgets' data as the server and stores it, with each outcome recorded as a refresh event, in one
 * statement (a failed widget keeps its last data and is rebuilt next time).
 */
export async function buildAndStore(db: Database, workspace: Workspace, widgets: Widget[]): Promise<CachedWidget[]> {
  const results = await buildWidgetData(db, workspace, widgets)
  const built: { widget: Widget; data: WidgetData }[] = []
  const events: WidgetEvent[] = []
  const out: CachedWidget[] = []
  const builtAt = new Date()
  for (const [index, widget] of widgets.entries()) {
    const result = results[index]!
    const event = {
      workspaceId: workspace.id,
      orgId: workspace.orgId,
      widgetId: widget.widgetId,
      kind: 'refresh' as const,
    }
    if (result.status === 'fulfilled') {
      built.push({ widget, data: result.value })
      events.push({ ...event, ok: true })
      out.push({ ...widget, data: result.value, dataBuiltAt: builtAt, needsBuild: false })
    } else {
      const message = result.reason instanceof Error ? result.reason.message : String(result.reason)
      events.push({ ...event, ok: false, error: message })
      const previous = 'data' in widget ? (widget as CachedWidget) : null
      out.push({
        ...widget,
        data: previous?.data ?? null,
        dataBuiltAt: previous?.dataBuiltAt ?? null,
        needsBuild: true,
      })
    }
  }
  // Derived data and a tally of builds: not worth waiting for the disk flush.
  await db.transaction((tx) => storeWidgetBuilds(tx, built, events), { asyncCommit: true })
  return out
}

/** The seed's refresh_workspace_widget_cache(workspace_id): rebuilds every widget of the workspace now. */
export async function refreshWorkspaceWidgetCache(db: Database, orgId: string, workspaceId: string) {
  const workspace = await findWorkspace(db, orgId, workspaceId)
  if (!workspace) throw notFound('Workspace')
  const widgets = await listCachedWidgets(db, workspaceId, 0)
  return buildAndStore(db, workspace, widgets)
}
