// Workspace, member and widget records on the wire (shared/command-center.ts shapes).
import type {
  WidgetRecord,
  WorkspaceMemberRecord,
  WorkspaceRecord,
  WorkspaceRole,
} from '../../../shared/command-center'
import type { CachedWidget } from '../../repositories/widgets-repository'
import type { Workspace, WorkspaceMember } from '../../repositories/workspaces-repository'
import { defaultTimezone } from '../../workspaces/workspace-settings'

export const workspaceWire = (ws: Workspace, role: WorkspaceRole): WorkspaceRecord => ({
  id: ws.id,
  org_id: ws.orgId,
  name: ws.name,
  slug: ws.slug,
  default_role: ws.defaultRole,
  settings: {
    timezone: ws.settings.timezone ?? defaultTimezone,
    goal_gmv_cents: ws.settings.goal_gmv_cents ?? null,
    reporting_webhook: ws.settings.reporting_webhook ?? null,
    event_ids: ws.settings.event_ids ?? null,
  },
  command_center: {
    enabled: ws.commandCenterEnabled,
    capture_rollups: ws.captureRollups,
    notify_slack_webhook: ws.notifySlackWebhook,
  },
  my_role: role,
  archived_at: ws.archivedAt?.toISOString() ?? null,
  created_at: ws.createdAt.toISOString(),
  updated_at: ws.updatedAt.toISOString(),
})

export const memberWire = (m: WorkspaceMember): WorkspaceMemberRecord => ({
  user_id: m.userId,
  name: m.name,
  email: m.email,
  role: m.role,
  created_at: m.createdAt.toISOString(),
})

export const widgetWire = (w: CachedWidget): WidgetRecord => ({
  workspace_id: w.workspaceId,
  widget_id: w.widgetId,
  widget_type: w.widgetType,
  config: w.config,
  package_id: w.packageId,
  layout: w.layout,
  version: w.version,
  data: w.data,
  data_built_at: w.dataBuiltAt?.toISOString() ?? null,
  updated_at: w.updatedAt.toISOString(),
})
