// Request and response schemas of representatives and their invitations (seed 004).
import { Type } from 'typebox'
import { Nullable } from '../schemas'
import { SponsorPermissionSchema, SponsorRoleSchema } from '../../../shared/sponsors/permissions'

const Uuid = Type.String({ format: 'uuid' })

export const InviteBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    role: SponsorRoleSchema,
    permissions: Type.Optional(
      Type.Array(SponsorPermissionSchema, {
        uniqueItems: true,
        maxItems: 20,
        description: "Defaults to the role's permissions",
      }),
    ),
  },
  { additionalProperties: false },
)

export const Delivery = Type.Object({
  status: Type.Union([Type.Literal('sent'), Type.Literal('outbox'), Type.Literal('failed')]),
  error: Type.Optional(Type.String()),
})

export const InvitationRecord = Type.Object({
  id: Uuid,
  sponsor_id: Uuid,
  email: Type.String(),
  role: SponsorRoleSchema,
  permissions: Type.Array(SponsorPermissionSchema),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('accepted'),
    Type.Literal('revoked'),
    Type.Literal('expired'),
  ]),
  expires_at: Type.String(),
  invited_by: Nullable(Uuid),
  accepted_by: Nullable(Uuid),
  accepted_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
  send_count: Type.Integer(),
  last_sent_at: Nullable(Type.String()),
  delivery_error: Nullable(Type.String()),
  created_at: Type.String(),
})

export const SentInvitation = Type.Object({ invitation: InvitationRecord, delivery: Delivery })
export const InvitationList = Type.Object({ data: Type.Array(InvitationRecord) })

export const AcceptBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }) },
  { additionalProperties: false },
)
export const AcceptedInvitation = Type.Object({
  sponsor_id: Uuid,
  org_id: Uuid,
  company_name: Type.String(),
  role: SponsorRoleSchema,
  permissions: Type.Array(SponsorPermissionSchema),
})

export const SponsorUserRecord = Type.Object({
  id: Uuid,
  sponsor_id: Uuid,
  user_id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: SponsorRoleSchema,
  permissions: Type.Array(SponsorPermissionSchema),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export const SponsorUserList = Type.Object({ data: Type.Array(SponsorUserRecord) })

export const PatchSponsorUserBody = Type.Object(
  {
    role: Type.Optional(SponsorRoleSchema),
    permissions: Type.Optional(Type.Array(SponsorPermissionSchema, { uniqueItems: true, maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const OrgInvitationParams = Type.Object({ org_id: Uuid, invitation_id: Uuid }, { additionalProperties: false })
export const OrgSponsorUserParams = Type.Object(
  { org_id: Uuid, sponsor_user_id: Uuid },
  { additionalProperties: false },
)
