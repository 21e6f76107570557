// The command center's desktop commands: straight to the server's workspace routes, each answer kept in the
// replica; when the server cannot be reached, reads answer the replica's copy (source 'replica').
import type { commandCenterCommands } from '../../../shared/command-center-commands'
import type { CommandCenterStatus, WidgetRecord, WorkspaceRecord } from '../../../shared/command-center'
import type { CommandCenterStore } from '../db/command-center-store'
import { DesktopError, OfflineError } from '../desktop-error'
import type { CommandHandlers, SessionContext } from '../command-handlers'

type Handlers = CommandHandlers<typeof commandCenterCommands>

export interface CommandCenterDeps extends SessionContext {
  store: () => CommandCenterStore
  /** The workspace whose live stream the realtime link should follow. */
  follow: (workspaceId: string) => void
}

const path = (workspaceId: string, rest = '') => `/v1/sponsorship-workspaces/${workspaceId}${rest}`

export function commandCenterHandlers(deps: CommandCenterDeps): Handlers {
  const store = () => deps.store()
  const request = <T>(method: string, url: string, body?: unknown) =>
    deps.client().request<T>(method, url, { orgId: deps.orgId(), ...(body === undefined ? {} : { body }) })

  return {
    'cc-workspaces': async () => {
      const orgId = deps.orgId()
      try {
        const list = await request<{ data: WorkspaceRecord[] }>('GET', '/v1/sponsorship-workspaces')
        store().replaceWorkspaces(orgId, list.data)
        return { workspaces: list.data, source: 'server' as const }
      } catch (error) {
        if (!(error instanceof OfflineError)) throw error
        return { workspaces: store().workspaces(orgId), source: 'replica' as const }
      }
    },
    'cc-workspace-create': async ({ name, slug, timezone, goalGmvCents }) => {
      const settings = {
        timezone: timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        ...(goalGmvCents === undefined ? {} : { goal_gmv_cents: goalGmvCents }),
      }
      const created = await request<WorkspaceRecord>('POST', '/v1/sponsorship-workspaces', { name, slug, settings })
      return request<WorkspaceRecord>('POST', path(created.id, '/command-center'), { capture_rollups: true })
    },
    'cc-open': async ({ workspaceId }) => {
      deps.follow(workspaceId)
      try {
        // The sequence first: a delta numbered after it is not yet in the widgets read next, so it applies on top.
        const status = await request<CommandCenterStatus>('GET', path(workspaceId, '/command-center'))
        const [workspace, widgets] = await Promise.all([
          request<WorkspaceRecord>('GET', path(workspaceId)),
          request<{ data: WidgetRecord[] }>('GET', path(workspaceId, '/widgets')),
        ])
        const view = { workspace, widgets: widgets.data, seq: status.seq, readAt: new Date().toISOString() }
        store().saveView(view)
        return { ...view, source: 'server' as const }
      } catch (error) {
        if (!(error instanceof OfflineError)) throw error
        const kept = store().view(workspaceId)
        if (!kept)
          throw new DesktopError(
            'server-unreachable',
            'The server cannot be reached, and this command center has not been opened on this device yet.',
          )
        return { ...kept, source: 'replica' as const }
      }
    },
    'cc-widget-put': async ({ workspaceId, widgetId, widgetType, config, packageId, layout }) => {
      const widget = await request<WidgetRecord>('PUT', path(workspaceId, `/widgets/${widgetId}`), {
        widget_type: widgetType,
        config,
        layout,
        ...(packageId ? { package_id: packageId } : {}),
      })
      store().patchWidget(workspaceId, widget)
      return widget
    },
    'cc-widget-delete': async ({ workspaceId, widgetId }) => {
      await request('DELETE', path(workspaceId, `/widgets/${widgetId}`))
      store().patchWidget(workspaceId, { widget_id: widgetId, deleted: true })
      return { deleted: true }
    },
    'cc-layout-save': async ({ workspaceId, layouts }) => {
      const known =
        store().view(workspaceId)?.widgets ??
        (await request<{ data: WidgetRecord[] }>('GET', path(workspaceId, '/widgets'))).data
      const saved: WidgetRecord[] = []
      for (const { widgetId, layout } of layouts) {
        const widget = known.find((w) => w.widget_id === widgetId)
        if (!widget)
          throw new DesktopError('widget-not-found', 'That widget is no longer on this command center; reload it.')
        const put = await request<WidgetRecord>('PUT', path(workspaceId, `/widgets/${widgetId}`), {
          widget_type: widget.widget_type,
          config: widget.config,
          layout,
          ...(widget.package_id ? { package_id: widget.package_id } : {}),
        })
        store().patchWidget(workspaceId, put)
        saved.push(put)
      }
      return { widgets: saved }
    },
  }
}
