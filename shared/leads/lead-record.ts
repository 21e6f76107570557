// Wire shapes of leads, shared by the server, the desktop replica and the booth (seed 004).
import { Type, type Static } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => Type.Union([schema, Type.Null()])
const Uuid = Type.String({ format: 'uuid' })

export const InteractionTypeSchema = Type.Union([
  Type.Literal('booth_visit'), Type.Literal('content_download'), Type.Literal('content_view'), Type.Literal('demo_watched'),
  Type.Literal('demo_request'), Type.Literal('direct_request'), Type.Literal('qr_scan'), Type.Literal('session_attendance'),
  Type.Literal('repeat_visit'),
])

export const followUpStatuses = ['new', 'contacted', 'qualified', 'not_interested', 'converted'] as const
export type FollowUpStatus = (typeof followUpStatuses)[number]
export const FollowUpStatusSchema = Type.Union([
  Type.Literal('new'), Type.Literal('contacted'), Type.Literal('qualified'), Type.Literal('not_interested'), Type.Literal('converted'),
])

export const IntentLevelSchema = Type.Union([Type.Literal('hot'), Type.Literal('warm'), Type.Literal('cold')])

/** An answer to a qualifier question: text or a single choice, several choices, or a 1–5 rating. */
export const QualifierAnswer = Type.Union([
  Type.String({ maxLength: 2000 }),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  Type.Integer({ minimum: 1, maximum: 5 }),
])
export const QualifierAnswers = Type.Record(Type.String({ format: 'uuid' }), QualifierAnswer, {
  maxProperties: 50, description: 'Answers keyed by qualifier question id',
})
export type QualifierAnswers = Static<typeof QualifierAnswers>

/** One interaction that added to the score; the list explains the score. */
export const Interaction = Type.Object({
  type: InteractionTypeSchema,
  points: Type.Integer(),
  at: Type.String(),
  captured_by: Nullable(Uuid),
})
export type Interaction = Static<typeof Interaction>

export const ManualLead = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    company: Type.Optional(Type.String({ maxLength: 200 })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    consent_confirmed: Type.Literal(true, { description: 'The person agreed, in front of the representative, to share these details' }),
  },
  { additionalProperties: false },
)

export const CaptureLeadBody = Type.Object(
  {
    lead_id: Type.Optional(Type.String({ format: 'uuid', description: 'Made by the client; a retry with the same id counts once' })),
    badge_code: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    manual: Type.Optional(ManualLead),
    interaction: Type.Union([
      Type.Literal('booth_visit'), Type.Literal('content_download'), Type.Literal('content_view'), Type.Literal('demo_watched'),
      Type.Literal('demo_request'), Type.Literal('direct_request'), Type.Literal('qr_scan'), Type.Literal('session_attendance'),
    ]),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    qualifiers: Type.Optional(QualifierAnswers),
  },
  { additionalProperties: false },
)
export type CaptureLeadBody = Static<typeof CaptureLeadBody>

export const LeadRecord = Type.Object({
  id: Uuid,
  sponsor_id: Uuid,
  event_id: Uuid,
  attendee_id: Nullable(Uuid),
  badge_code: Nullable(Type.String()),
  is_manual: Type.Boolean(),
  name: Type.String(),
  email: Nullable(Type.String()),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  consent: Type.Object({
    source: Type.Union([Type.Literal('attendee_directory'), Type.Literal('confirmed_at_capture')]),
    confirmed_by: Nullable(Uuid),
    confirmed_at: Type.String(),
  }),
  intent_score: Type.Integer({ minimum: 0, maximum: 100 }),
  intent_level: IntentLevelSchema,
  interactions: Type.Array(Interaction),
  score_explanation: Type.String(),
  qualifiers: QualifierAnswers,
  notes: Nullable(Type.String()),
  is_starred: Type.Boolean(),
  is_archived: Type.Boolean(),
  follow_up_status: FollowUpStatusSchema,
  captured_by: Nullable(Uuid),
  capture_count: Type.Integer(),
  first_captured_at: Type.String(),
  last_captured_at: Type.String(),
  updated_at: Type.String(),
})
export type LeadRecord = Static<typeof LeadRecord>

/** "booth_visit +10, demo_request +30, repeat_visit +5 = 45" (capped at 100). */
export function explainScore(interactions: readonly Pick<Interaction, 'type' | 'points'>[], score: number): string {
  if (interactions.length === 0) return 'no interactions = 0'
  const sum = interactions.reduce((total, i) => total + i.points, 0)
  const parts = interactions.map((i) => `${i.type} +${i.points}`).join(', ')
  return sum > score ? `${parts} = ${sum}, capped at ${score}` : `${parts} = ${score}`
}

/** Realtime event names of the lead feeds. */
export const leadRealtime = {
  join: 'sponsor.leads.join',
  leave: 'sponsor.leads.leave',
  capturedNew: 'lead.captured.new',
  intentUpdated: 'lead.intent.updated',
  updated: 'lead.updated',
  /** To the event organizer's room: counts only. */
  countsChanged: 'sponsor.leads.counts',
} as const
