// The desktop commands of matching (issue 16): recommendations for both sides with every part of the score,
// the funnel and feedback on a match, an event's audience, and the sponsor's targeting. Straight to the server
// (online only). Records keep the server's field names; screens put them in words (match-terms.ts).
import { Type, type Static, type TSchema } from 'typebox'
import { feedbackReasons, matchActions } from './match-terms'

const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })
const Id = Type.String({ format: 'uuid' })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Words = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: max })

export const OverlapMetrics = Type.Object({
  budget_fit: Type.Number(),
  audience_overlap: Type.Object({ categories: Type.Number(), geo: Type.Number(), score: Type.Number() }),
  geo_fit: Type.Number(),
  engagement_quality: Type.Number(),
  objectives_similarity: Type.Number(),
  text_similarity: Type.Number(),
  brand_safe: Type.Boolean(),
})
export type OverlapMetrics = Static<typeof OverlapMetrics>

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
export type MatchRecord = Static<typeof MatchRecord>

export const SponsorMatchRecord = Type.Object({
  ...matchFields,
  company_name: Type.String(),
  category: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  company_size: Nullable(Type.String()),
})
export type SponsorMatchRecord = Static<typeof SponsorMatchRecord>

export const EventMatchRecord = Type.Object({
  ...matchFields,
  title: Type.String(),
  start_at: Type.String(),
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
  categories: Type.Array(Type.String()),
  available_packages: Type.Integer(),
  from_price_cents: Type.Integer(),
  currency: Type.String(),
})
export type EventMatchRecord = Static<typeof EventMatchRecord>

export const AudienceRecord = Type.Object({
  event_id: Type.String(),
  stats: Type.Array(
    Type.Object({ metric_key: Type.String(), metric_value: Type.Number(), captured_at: Type.String() }),
  ),
  insights: Nullable(
    Type.Object({
      attendee_count: Type.Integer(),
      avg_dwell_time_ms: Type.Number(),
      geo_distribution: Type.Record(Type.String(), Type.Number()),
      age_segments: Type.Record(Type.String(), Type.Number()),
      engagement_score: Type.Number(),
      ticket_conversion_rate: Type.Number(),
      social_mentions: Type.Integer(),
      sentiment_score: Nullable(Type.Number()),
      updated_at: Type.String(),
    }),
  ),
})
export type AudienceRecord = Static<typeof AudienceRecord>

/** Seed 003's targeting fields of the sponsor profile, as the server reads and writes them. */
export const TargetingFields = Type.Object(
  {
    industry: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
    company_size: Nullable(Type.String({ minLength: 1, maxLength: 50 })),
    annual_budget_cents: Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000_000_000 })),
    brand_objectives: Type.Object({ keywords: Words(50), goals: Words(50) }, { additionalProperties: false }),
    target_audience: Type.Object({ age_buckets: Words(20), interests: Words(50) }, { additionalProperties: false }),
    preferred_categories: Words(50),
    regions: Type.Array(Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z0-9-]+$' }), { maxItems: 100 }),
    activation_preferences: Type.Object({ avoid_tags: Type.Optional(Words(50)) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
)
export type TargetingFields = Static<typeof TargetingFields>
export const TargetingRecord = Type.Object({
  ...TargetingFields.properties,
  activation_preferences: Type.Object({ avoid_tags: Type.Optional(Type.Array(Type.String())) }),
  reputation_score: Nullable(Type.Number()),
})
export type TargetingRecord = Static<typeof TargetingRecord>

export const intelligenceCommands = {
  'event-sponsor-recommendations': command(
    Type.Object({ eventId: Id }),
    Type.Object({ recommendations: Type.Array(SponsorMatchRecord) }),
  ),
  'sponsor-event-recommendations': command(
    Type.Object({ sponsorId: Id }),
    Type.Object({ recommendations: Type.Array(EventMatchRecord) }),
  ),
  /** Asks the server to score the event's (organizer) or the sponsor's (sponsor) matches again now. */
  'matches-recompute': command(
    Type.Object({ eventId: Type.Optional(Id), sponsorId: Type.Optional(Id) }, { additionalProperties: false }),
    Type.Object({ queued: Type.Integer() }),
  ),
  'match-act': command(Type.Object({ id: Id, action: Type.Enum(matchActions) }), MatchRecord),
  'match-feedback': command(
    Type.Object(
      {
        id: Id,
        useful: Type.Boolean(),
        reason: Type.Optional(Type.Enum(feedbackReasons)),
        comment: Type.Optional(Type.String({ maxLength: 2000 })),
      },
      { additionalProperties: false },
    ),
    Type.Object({ id: Type.String(), useful: Type.Boolean(), reason: Nullable(Type.String()) }),
  ),
  'event-audience': command(Type.Object({ eventId: Id }), AudienceRecord),
  'sponsor-targeting': command(Type.Object({ sponsorId: Id }), TargetingRecord),
  'sponsor-targeting-save': command(Type.Object({ sponsorId: Id, targeting: TargetingFields }), TargetingRecord),
}
