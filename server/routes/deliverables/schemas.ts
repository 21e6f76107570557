// Request schemas of the deliverables API (seed 001 §4.4, §8).
import { Type } from 'typebox'
import { DeliverableRecord } from '../../../shared/commerce/fulfillment-records'
import { SideSchema } from '../../../shared/commerce/commerce-records'

const statusList = '(pending|submitted|approved|needs_changes|waived)'

export const CreateDeliverableBody = Type.Object(
  {
    event_id: Type.String({ format: 'uuid' }),
    sponsor_id: Type.String({ format: 'uuid' }),
    order_id: Type.Optional(Type.String({ format: 'uuid' })),
    package_id: Type.Optional(Type.String({ format: 'uuid' })),
    type: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,49}$',
      description: 'e.g. logo_placement, stage_branding, social_posts',
    }),
    spec: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown(), { maxProperties: 50 }),
    ),
    due_at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    evidence_required: Type.Optional(Type.Boolean()),
    responsible_party: Type.Optional(
      Type.Union([SideSchema], {
        description:
          'Who proves it (the other side reviews); by default the organizer, or the sponsor for sponsor-supplied assets such as stage_branding',
      }),
    ),
  },
  { additionalProperties: false },
)

export const DeliverableListQuery = Type.Object(
  {
    event_id: Type.Optional(Type.String({ format: 'uuid' })),
    sponsor_id: Type.Optional(Type.String({ format: 'uuid' })),
    order_id: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(
      Type.String({
        pattern: `^${statusList}(,${statusList})*$`,
        description:
          'One status or several, comma-separated. Default for an organizer: pending,needs_changes (the fulfillment queue); for a sponsor: all',
      }),
    ),
    due_from: Type.Optional(Type.String({ format: 'date-time', description: 'Due at or after' })),
    due_to: Type.Optional(Type.String({ format: 'date-time', description: 'Due before' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)

export const DeliverableList = Type.Object({ data: Type.Array(DeliverableRecord) })

const Metrics = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9_]{0,49}$' }),
  Type.Number({ minimum: -1e15, maximum: 1e15 }),
  {
    maxProperties: 50,
    description: 'e.g. { impressions: 25000, engagement_rate: 0.042, clicks: 1050 }',
  },
)

export const ProofJsonBody = Type.Object(
  {
    asset_url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
    metrics: Type.Optional(Metrics),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

/** The text fields of a multipart proof; the file itself is the `file` part. */
export const ProofFormBody = Type.Object(
  {
    file: Type.Optional(
      Type.String({
        format: 'binary',
        description:
          'The proof file: PNG, JPEG, WebP, GIF, PDF, MP4 or QuickTime (judged by its content), up to PROOF_MAX_BYTES',
      }),
    ),
    metrics: Type.Optional(
      Type.String({ maxLength: 10_000, description: 'JSON object of numbers, e.g. {"impressions": 25000}' }),
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    asset_url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
  },
  { additionalProperties: false },
)

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
)
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) },
  { additionalProperties: false },
)
export const ProofParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), proof_id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
export { Metrics }
