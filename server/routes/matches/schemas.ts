// Schemas of the matching routes: recalculation requests, match records with their explanation, recommendations.
import { Type } from 'typebox'
import { Nullable } from '../schemas'
import { feedbackReasons, matchActions } from '../../intelligence/match-actions'

const Uuid = Type.String({ format: 'uuid' })
const UuidList = Type.Array(Uuid, { minItems: 1, maxItems: 1000 })

export const RecomputeBody = Type.Object(
  {
    event_id: Type.Optional(Uuid),
    sponsor_id: Type.Optional(Uuid),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
)

export const ScoreOnChangeBody = Type.Object(
  {
    event_id: Type.Optional(Uuid),
    sponsor_id: Type.Optional(Uuid),
    event_ids: Type.Optional(UuidList),
    sponsor_ids: Type.Optional(UuidList),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const RecalcAnswer = Type.Object({
  success: Type.Boolean(),
  queued: Type.Integer(),
  operations: Type.Array(Type.String()),
  duration_ms: Type.Integer(),
  timestamp: Type.String(),
})

export const OverlapMetrics = Type.Object(
  {
    budget_fit: Type.Number(),
    audience_overlap: Type.Object({ categories: Type.Number(), geo: Type.Number(), score: Type.Number() }),
    geo_fit: Type.Number(),
    engagement_quality: Type.Number(),
    objectives_similarity: Type.Number(),
    text_similarity: Type.Number(),
    brand_safe: Type.Boolean(),
  },
  { description: "Every component of the score (seed 003's explanation)" },
)

const matchFields = {
  id: Type.String(),
  event_id: Type.String(),
  sponsor_id: Type.String(),
  score: Type.Number(),
  overlap_metrics: OverlapMetrics,
  status: Type.String(),
  viewed_at: Nullable(Type.String()),
  contacted_at: Nullable(Type.String()),
  updated_at: Type.String(),
}
export const MatchRecord = Type.Object(matchFields)

export const SponsorRecommendations = Type.Object({
  data: Type.Array(
    Type.Object({
      ...matchFields,
      company_name: Type.String(),
      category: Nullable(Type.String()),
      industry: Nullable(Type.String()),
      company_size: Nullable(Type.String()),
    }),
  ),
})
export const EventRecommendations = Type.Object({
  data: Type.Array(
    Type.Object({
      ...matchFields,
      title: Type.String(),
      start_at: Type.String(),
      city: Nullable(Type.String()),
      country: Nullable(Type.String()),
      categories: Type.Array(Type.String()),
      available_packages: Type.Integer(),
      from_price_cents: Type.Integer(),
      currency: Type.String(),
    }),
  ),
})

export const MatchParams = Type.Object({ match_id: Uuid }, { additionalProperties: false })
export const EventParams = Type.Object({ event_id: Uuid }, { additionalProperties: false })
export const SponsorParams = Type.Object({ sponsor_id: Uuid }, { additionalProperties: false })
export const PatchMatchBody = Type.Object(
  { action: Type.Union(matchActions.map((a) => Type.Literal(a))) },
  { additionalProperties: false },
)
export const FeedbackBody = Type.Object(
  {
    useful: Type.Boolean(),
    reason: Type.Optional(Type.Union(feedbackReasons.map((r) => Type.Literal(r)))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export const FeedbackRecord = Type.Object({
  id: Type.String(),
  match_id: Type.String(),
  side: Type.String(),
  useful: Type.Boolean(),
  reason: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  created_at: Type.String(),
})
