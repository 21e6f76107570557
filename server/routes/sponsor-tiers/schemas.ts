// Request and response schemas of the sponsor-tier API (seed 004).
import { Type } from 'typebox'

const tierFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  display_order: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  color: Type.Optional(Type.Union([Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }), Type.Null()])),
  price_cents: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_00 }), Type.Null()])),
  benefits: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
  is_active: Type.Optional(Type.Boolean()),
}

export const CreateTierBody = Type.Object(tierFields, { additionalProperties: false })
export const PatchTierBody = Type.Object(
  { ...tierFields, name: Type.Optional(tierFields.name) },
  { additionalProperties: false, minProperties: 1 },
)

export const SponsorTierRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  org_id: Type.String({ format: 'uuid' }),
  event_id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  display_order: Type.Integer(),
  color: Type.Union([Type.String(), Type.Null()]),
  price_cents: Type.Union([Type.Integer(), Type.Null()]),
  benefits: Type.Array(Type.String()),
  is_active: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const TierList = Type.Object({ data: Type.Array(SponsorTierRecord) })

export const OrgEventParams = Type.Object(
  { org_id: Type.String({ format: 'uuid' }), event_id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
export const OrgTierParams = Type.Object(
  { org_id: Type.String({ format: 'uuid' }), tier_id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
