// Wire shapes of fulfillment (seed 001 §4.4, §4.5): deliverables with their proofs and reviews, SLAs, and the
// ROI report. The server validates and documents with them; the desktop reads with their types.
import { Type, type Static, type TSchema } from 'typebox'
import { SideSchema } from './commerce-records'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const DeliverableStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('submitted'),
  Type.Literal('approved'),
  Type.Literal('needs_changes'),
  Type.Literal('waived'),
])

export const DeliverableRecord = Type.Object({
  id: Type.String(),
  event_id: Type.String(),
  event_title: Type.String(),
  sponsor_id: Type.String(),
  sponsor_name: Type.String(),
  order_id: Nullable(Type.String()),
  package_id: Nullable(Type.String()),
  type: Type.String(),
  spec: Type.Record(Type.String(), Type.Unknown()),
  due_at: Nullable(Type.String()),
  is_overdue: Type.Boolean({ description: 'Due in the past and not yet approved or waived' }),
  evidence_required: Type.Boolean(),
  responsible_side: SideSchema,
  reviewing_side: SideSchema,
  status: DeliverableStatusSchema,
  source: Type.String({ description: 'manual, package (a benefit of the order) or makegood (an SLA remedy)' }),
  awaiting: Nullable(SideSchema),
  allowed_actions: Type.Array(Type.String()),
  proof_count: Type.Integer(),
  proof_chain_head: Nullable(Type.String({ description: 'SHA-256 of the latest proof: the head of the hash chain' })),
  last_reason: Nullable(Type.String()),
  submitted_at: Nullable(Type.String()),
  reviewed_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type DeliverableRecord = Static<typeof DeliverableRecord>

export const ProofRecord = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  asset_url: Nullable(Type.String()),
  file: Nullable(
    Type.Object({
      sha256: Type.String(),
      size: Type.Integer(),
      content_type: Type.String(),
      name: Nullable(Type.String()),
      url: Type.String({ description: 'Where the file is downloaded (same authentication)' }),
    }),
  ),
  metrics: Type.Record(Type.String(), Type.Number()),
  note: Nullable(Type.String()),
  submitted_by: Nullable(Type.String()),
  submitted_by_name: Nullable(Type.String()),
  submitted_side: SideSchema,
  submitted_at: Type.String(),
  prev_hash: Type.String(),
  hash: Type.String(),
})

export const ReviewRecord = Type.Object({
  action: Type.String(),
  reason: Nullable(Type.String()),
  proof_id: Nullable(Type.String()),
  reviewed_by_name: Nullable(Type.String()),
  reviewed_side: SideSchema,
  created_at: Type.String(),
})

export const SlaRecord = Type.Object({
  id: Type.String(),
  metric: Type.String(),
  target: Type.Number(),
  actual: Type.Number(),
  status: Type.String({ description: 'pending, met or breached' }),
  breach_policy: Type.Record(Type.String(), Type.Unknown()),
  remedy_status: Nullable(Type.String()),
  remedy_cents: Nullable(Type.Integer()),
  makegood_deliverable_id: Nullable(Type.String()),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  checked_at: Nullable(Type.String()),
  decided_at: Nullable(Type.String()),
})
export type SlaRecord = Static<typeof SlaRecord>

export const DeliverableDetail = Type.Object({
  ...DeliverableRecord.properties,
  proofs: Type.Array(ProofRecord),
  reviews: Type.Array(ReviewRecord),
  slas: Type.Array(SlaRecord, { description: "The SLAs of the deliverable's order" }),
})
export type DeliverableDetail = Static<typeof DeliverableDetail>

export const ChainVerification = Type.Object({
  deliverable_id: Type.String(),
  is_intact: Type.Boolean(),
  head: Nullable(Type.String()),
  proofs: Type.Array(
    Type.Object({ id: Type.String(), seq: Type.Integer(), hash: Type.String(), problems: Type.Array(Type.String()) }),
  ),
})

const Count = Type.Integer({ minimum: 0 })
export const RoiReport = Type.Object({
  order_id: Type.String(),
  event_title: Type.String(),
  sponsor_name: Type.String(),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  investment_cents: Type.Integer(),
  performance: Type.Object({
    impressions: Count,
    conversions: Count,
    conversion_value_cents: Count,
    roi_multiplier: Type.Number(),
  }),
  deliverables: Type.Array(
    Type.Object({
      type: Type.String(),
      spec: Type.Record(Type.String(), Type.Unknown()),
      actual_metrics: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  generated_at: Type.String(),
  // Beyond the seed: what only this product knows.
  currency: Type.String(),
  utm_source: Nullable(Type.String()),
  booth_leads: Type.Object({
    total: Count,
    hot: Count,
    warm: Count,
    cold: Count,
    by_representative: Type.Array(
      Type.Object({
        user_id: Nullable(Type.String()),
        name: Type.String(),
        total: Count,
        hot: Count,
        warm: Count,
        cold: Count,
      }),
      {
        description: "Per representative who captured them (the sponsor's own view only)",
      },
    ),
  }),
  cost_per_lead_cents: Nullable(Type.Integer()),
  cost_per_hot_lead_cents: Nullable(Type.Integer()),
  sla_outcomes: Type.Array(
    Type.Object({
      metric: Type.String(),
      target: Type.Number(),
      actual: Type.Number(),
      status: Type.String(),
      remedy: Nullable(Type.String()),
      remedy_status: Nullable(Type.String()),
      remedy_cents: Nullable(Type.Integer()),
    }),
  ),
  audience: Type.Object(
    {
      geo_distribution: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      age_segments: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { description: 'Audience segments, only those with a live consent at the aggregated scope (seed 001 §12)' },
  ),
})
export type RoiReport = Static<typeof RoiReport>
