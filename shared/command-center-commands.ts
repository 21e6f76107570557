// The desktop commands and pushed events of the command center. Reads fall back to the replica when the
// server cannot be reached (the screen opens offline with last-known values "as of" when they were read).
import { Type, type TSchema } from 'typebox'
import { WidgetLayout, WidgetRecord, WorkspaceRecord } from './command-center'

const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })
const Id = Type.String({ format: 'uuid' })
const Source = Type.Union([Type.Literal('server'), Type.Literal('replica')])
const WidgetId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })

export const CommandCenterView = Type.Object({
  workspace: WorkspaceRecord,
  widgets: Type.Array(WidgetRecord),
  /** The live stream's sequence number the widgets were read at: a delta after it applies on top. */
  seq: Type.Integer(),
  source: Source,
  /** When these values were read from the server (the replica's copy keeps it). */
  readAt: Type.String(),
})

export const commandCenterCommands = {
  'cc-workspaces': command(Type.Object({}), Type.Object({ workspaces: Type.Array(WorkspaceRecord), source: Source })),
  /** Creates a workspace with its command center turned on (rollups every 5 minutes). */
  'cc-workspace-create': command(
    Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 120 }),
        slug: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
        timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        goalGmvCents: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
    WorkspaceRecord,
  ),
  /** The workspace's widgets with their data, and joins its live stream. */
  'cc-open': command(Type.Object({ workspaceId: Id }, { additionalProperties: false }), CommandCenterView),
  'cc-widget-put': command(
    Type.Object(
      {
        workspaceId: Id,
        widgetId: WidgetId,
        widgetType: Type.String({ minLength: 1, maxLength: 40 }),
        config: Type.Record(Type.String(), Type.Unknown()),
        packageId: Type.Optional(Type.Union([Id, Type.Null()])),
        layout: WidgetLayout,
      },
      { additionalProperties: false },
    ),
    WidgetRecord,
  ),
  'cc-widget-delete': command(
    Type.Object({ workspaceId: Id, widgetId: WidgetId }, { additionalProperties: false }),
    Type.Object({ deleted: Type.Boolean() }),
  ),
  /** Saves moved and resized widgets (only those whose layout changed are sent). */
  'cc-layout-save': command(
    Type.Object(
      {
        workspaceId: Id,
        layouts: Type.Array(
          Type.Object({ widgetId: WidgetId, layout: WidgetLayout }, { additionalProperties: false }),
          { maxItems: 50 },
        ),
      },
      { additionalProperties: false },
    ),
    Type.Object({ widgets: Type.Array(WidgetRecord) }),
  ),
}

/** A delta of the open command center's numbers (counts only), as the server numbered it. */
export const CommandCenterDeltaEvent = Type.Object({
  workspace_id: Type.String(),
  seq: Type.Integer(),
  first_seq: Type.Integer(),
  metrics: Type.Record(Type.String(), Type.Number()),
  at: Type.String(),
})

export const CommandCenterWidgetEvent = Type.Object({
  workspace_id: Type.String(),
  widget_id: Type.String(),
  deleted: Type.Boolean(),
})

export const commandCenterEvents = {
  'command-center-delta': CommandCenterDeltaEvent,
  'command-center-widget': CommandCenterWidgetEvent,
}
