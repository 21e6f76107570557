// The widget registry (seed 001 §20.2) and the command center's telemetry switch and status (§20.3), plus the
// owner-only audit log (§20.4).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { organizerReaders, tenantOf } from '../../plugins/access'
import { listWidgetsWithData, putWidget, removeWidget } from '../../workspaces/widget-service'
import { commandCenterStatus, enableCommandCenter, readAudit } from '../../workspaces/command-center-service'
import { errorResponses, orgHeader } from '../schemas'
import {
  AuditList,
  AuditQuery,
  CommandCenterStatus,
  EnableCommandCenterBody,
  PutWidgetBody,
  WidgetList,
  WidgetParams,
  WidgetRecord,
  WorkspaceParams,
  WorkspaceRecord,
} from './schemas'
import { widgetWire, workspaceWire } from './wire'

const tags = ['command center']
const one = '/v1/sponsorship-workspaces/:workspace_id'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    `${one}/widgets/:widget_id`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary:
          'Create or replace a widget (editors and owners): idempotent, keyed by workspace and widget id; answers it with its data',
        headers: orgHeader,
        params: WidgetParams,
        body: PutWidgetBody,
        response: { 200: WidgetRecord, 201: WidgetRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body
      const { widget, created } = await putWidget(
        app,
        tenantOf(request),
        request.params.workspace_id,
        request.params.widget_id,
        {
          widgetType: body.widget_type,
          config: body.config,
          packageId: body.package_id,
          layout: body.layout,
        },
      )
      return reply.status(created ? 201 : 200).send(widgetWire(widget))
    },
  )

  app.get(
    `${one}/widgets`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "The workspace's widgets with their data",
        headers: orgHeader,
        params: WorkspaceParams,
        response: { 200: WidgetList, ...errorResponses },
      },
    },
    async (request) => ({
      data: (await listWidgetsWithData(app, tenantOf(request), request.params.workspace_id)).map(widgetWire),
    }),
  )

  app.delete(
    `${one}/widgets/:widget_id`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: 'Remove a widget (editors and owners)',
        headers: orgHeader,
        params: WidgetParams,
        response: { 200: Type.Object({ widget_id: Type.String(), deleted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const removed = await removeWidget(app, tenantOf(request), request.params.workspace_id, request.params.widget_id)
      return { widget_id: removed.widgetId, deleted: true }
    },
  )

  app.post(
    `${one}/command-center`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary:
          'Enable (or disable) the command center (owners): live deltas, 5-minute rollups when capture_rollups, Slack-format notifications',
        headers: orgHeader,
        params: WorkspaceParams,
        body: EnableCommandCenterBody,
        response: { 200: WorkspaceRecord, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body
      const { workspace, role } = await enableCommandCenter(app, tenantOf(request), request.params.workspace_id, {
        enabled: body.enabled ?? true,
        captureRollups: body.capture_rollups ?? true,
        notifySlackWebhook: body.notify_slack_webhook ?? null,
      })
      return workspaceWire(workspace, role)
    },
  )

  app.get(
    `${one}/command-center`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "The command center's live sequence number and latest rollup values",
        headers: orgHeader,
        params: WorkspaceParams,
        response: { 200: CommandCenterStatus, ...errorResponses },
      },
    },
    async (request) => {
      const status = await commandCenterStatus(app, tenantOf(request), request.params.workspace_id)
      return {
        workspace_id: status.workspace.id,
        enabled: status.workspace.commandCenterEnabled,
        capture_rollups: status.workspace.captureRollups,
        notify_slack_webhook: status.workspace.notifySlackWebhook,
        seq: status.seq,
        latest: status.latest,
        as_of: status.asOf?.toISOString() ?? null,
      }
    },
  )

  app.get(
    `${one}/audit`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "The workspace's audit log, newest first (owners; 30 days are kept)",
        headers: orgHeader,
        params: WorkspaceParams,
        querystring: AuditQuery,
        response: { 200: AuditList, ...errorResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 100
      const rows = await readAudit(app, tenantOf(request), request.params.workspace_id, {
        limit,
        beforeId: request.query.before_id,
      })
      return {
        data: rows.map((r) => ({
          id: r.id,
          actor: r.actor_user_id ? { user_id: r.actor_user_id, name: r.actor_name } : null,
          entity: r.entity,
          entity_id: r.entity_id,
          action: r.action,
          before: r.before,
          after: r.after,
          created_at: r.created_at.toISOString(),
        })),
        next_before_id: rows.length === limit ? rows[rows.length - 1]!.id : null,
      }
    },
  )
}

export default routes
