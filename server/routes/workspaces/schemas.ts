// Request and response schemas of the workspaces, widgets and command-center API (seed 001's second §20).
import { Type } from 'typebox'
import {
  CommandCenterStatus,
  WidgetLayout,
  WidgetRecord,
  WorkspaceInvitationRecord,
  WorkspaceMemberRecord,
  WorkspaceRecord,
  WorkspaceRole,
  WorkspaceSettings,
} from '../../../shared/command-center'

const email = Type.String({ format: 'email', maxLength: 320 })

export const CreateWorkspaceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    slug: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    default_role: Type.Optional(WorkspaceRole),
    auto_invite: Type.Optional(Type.Array(email, { maxItems: 50 })),
    settings: Type.Optional(WorkspaceSettings),
  },
  { additionalProperties: false },
)

export const PatchWorkspaceBody = Type.Object(
  {
    name: Type.Optional(CreateWorkspaceBody.properties.name),
    slug: Type.Optional(CreateWorkspaceBody.properties.slug),
    default_role: Type.Optional(WorkspaceRole),
    settings: Type.Optional(WorkspaceSettings),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const WorkspaceParams = Type.Object(
  { workspace_id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
export const MemberParams = Type.Object(
  { workspace_id: Type.String({ format: 'uuid' }), user_id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
export const WidgetParams = Type.Object(
  {
    workspace_id: Type.String({ format: 'uuid' }),
    widget_id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
  },
  { additionalProperties: false },
)

export const WorkspaceListQuery = Type.Object(
  { include_archived: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export const WorkspaceList = Type.Object({ data: Type.Array(WorkspaceRecord) })
export const CreatedWorkspace = Type.Object({
  ...WorkspaceRecord.properties,
  invitations: Type.Array(WorkspaceInvitationRecord),
})

export const AddMemberBody = Type.Object({ email, role: WorkspaceRole }, { additionalProperties: false })
export const ChangeMemberBody = Type.Object({ role: WorkspaceRole }, { additionalProperties: false })
export const MemberList = Type.Object({ data: Type.Array(WorkspaceMemberRecord) })

export const PutWidgetBody = Type.Object(
  {
    widget_type: Type.String({ minLength: 1, maxLength: 40 }),
    config: Type.Record(Type.String(), Type.Unknown()),
    package_id: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    layout: Type.Optional(WidgetLayout),
  },
  { additionalProperties: false },
)
export const WidgetList = Type.Object({ data: Type.Array(WidgetRecord) })

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    before_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  },
  { additionalProperties: false },
)
export const AuditRecord = Type.Object({
  id: Type.String(),
  actor: Type.Union([
    Type.Object({ user_id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  entity: Type.String(),
  entity_id: Type.String(),
  action: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  created_at: Type.String(),
})
export const AuditList = Type.Object({
  data: Type.Array(AuditRecord),
  next_before_id: Type.Union([Type.String(), Type.Null()]),
})

export const EnableCommandCenterBody = Type.Object(
  {
    capture_rollups: Type.Optional(Type.Boolean()),
    notify_slack_webhook: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 2000 }), Type.Null()])),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export { CommandCenterStatus, WidgetRecord, WorkspaceMemberRecord, WorkspaceRecord }
