// Wire shapes of leads, shared by the server, the desktop replica and the booth (seed 004).
import { Type, type Static } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => Type.Union([schema, Type.Null()])
const Uuid = Type.String({ format: 'uuid' })

export const InteractionTypeSchema = Type.Union([
  Type.Literal('booth_visit'),
  Type.Literal('content_download'),
  Type.Literal('content_view'),
  Type.Literal('demo_watched'),
  Type.Literal('demo_request'),
  Type.Literal('direct_request'),
  Type.Literal('qr_scan'),
  Type.Literal('session_attendance'),
  Type.Literal('repeat_visit'),
])

export const followUpStatuses = ['new', 'contacted', 'qualified', 'not_interested', 'converted'] as const
export type FollowUpStatus = (typeof followUpStatuses)[number]
export const FollowUpStatusSchema = Type.Union([
  Type.Literal('new'),
  Type.Literal('contacted'),
  Type.Literal('qualified'),
  Type.Literal('not_interested'),
  Type.Literal('converted'),
])

export const IntentLevelSchema = Type.Union([Type.Literal('hot'), Type.Literal('warm'), Type.Literal('cold')])

/** An answer to a qualifier question: text or a single choice, several choices, or a 1–5 rating. */
export const QualifierAnswer = Type.Union([
  Type.String({ maxLength: 2000 }),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  Type.Integer({ minimum: 1, maximum: 5 }),
])
export const QualifierAnswers = Type.Record(Type.String({ format: 'uuid' }), QualifierAnswer, {
  maxProperties: 50,
  description: 'Answers keyed by qualifier question id',
})
export type QualifierAnswers = Static<typeof QualifierAnswers>

const IsoTime = Type.String({ format: 'date-time', maxLength: 40 })
const PersonName = Type.String({ maxLength: 200 })
const DeviceId = Type.String({ maxLength: 100 })

/** One interaction that added to the score; the list explains the score. */
export const Interaction = Type.Object({
  type: InteractionTypeSchema,
  points: Type.Integer({ minimum: 0, maximum: 100 }),
  at: Type.String({
    maxLength: 40,
    description: "When it happened: the device's time, or the receive time when that was out of bounds",
  }),
  captured_by: Nullable(Uuid),
  received_at: Type.Optional(Type.String({ maxLength: 40, description: 'When the server received the capture' })),
  clock: Type.Optional(
    Type.Union([Type.Literal('ok'), Type.Literal('clamped')], {
      description: "clamped: the device's time was out of bounds",
    }),
  ),
})
export type Interaction = Static<typeof Interaction>

export const ManualLead = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    company: Type.Optional(Type.String({ maxLength: 200 })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    consent_confirmed: Type.Literal(true, {
      description: 'The person agreed, in front of the representative, to share these details',
    }),
  },
  { additionalProperties: false },
)

export const CaptureLeadBody = Type.Object(
  {
    lead_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'Made by the client; a retry with the same id counts once' }),
    ),
    badge_code: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    manual: Type.Optional(ManualLead),
    interaction: Type.Union([
      Type.Literal('booth_visit'),
      Type.Literal('content_download'),
      Type.Literal('content_view'),
      Type.Literal('demo_watched'),
      Type.Literal('demo_request'),
      Type.Literal('direct_request'),
      Type.Literal('qr_scan'),
      Type.Literal('session_attendance'),
    ]),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    qualifiers: Type.Optional(QualifierAnswers),
  },
  { additionalProperties: false },
)
export type CaptureLeadBody = Static<typeof CaptureLeadBody>

/** A note: notes are entries that concurrent edits append to; only the author edits their own. */
export const NoteEntry = Type.Object({
  id: Uuid,
  text: Type.String({ maxLength: 20000 }),
  author_id: Nullable(Uuid),
  author_name: Nullable(PersonName),
  device_id: Nullable(DeviceId),
  created_at: IsoTime,
  edited_at: Nullable(IsoTime),
})
export type NoteEntry = Static<typeof NoteEntry>

/** A note a device or person adds or edits: one note, up to 2000 characters. */
export const NoteInput = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Made by the client; adding the same id twice adds one note' }),
    text: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
)
export type NoteInput = Static<typeof NoteInput>

/** The fields decided last-writer-wins by the edit's time, and the notes. */
export const mergedFields = ['is_starred', 'is_archived', 'follow_up_status'] as const
export type MergedField = (typeof mergedFields)[number]

/** Who set a field's current value, and when (the device's time of the edit, clamped). */
export const FieldMeta = Type.Object({
  by: Nullable(Uuid),
  by_name: Nullable(PersonName),
  device_id: Nullable(DeviceId),
  at: IsoTime,
})
export type FieldMeta = Static<typeof FieldMeta>
export const LeadFieldMeta = Type.Object({
  is_starred: Type.Optional(FieldMeta),
  is_archived: Type.Optional(FieldMeta),
  follow_up_status: Type.Optional(FieldMeta),
})
export type LeadFieldMeta = Static<typeof LeadFieldMeta>

/** One change of a lead, newest last (the last 200 are kept); a value that lost is kept as 'superseded'. */
export const HistoryEntry = Type.Object({
  at: IsoTime,
  edited_at: IsoTime,
  field: Type.Union([
    Type.Literal('is_starred'),
    Type.Literal('is_archived'),
    Type.Literal('follow_up_status'),
    Type.Literal('note'),
  ]),
  value: Type.Unknown(),
  previous: Type.Unknown(),
  by: Nullable(Uuid),
  by_name: Nullable(PersonName),
  device_id: Nullable(DeviceId),
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('superseded')]),
})
export type HistoryEntry = Static<typeof HistoryEntry>
export const historyLimit = 200

/** What an edit's author should know: their note sits beside others, or their change lost to a later one. */
export const LeadNotice = Type.Object({
  code: Type.Union([Type.Literal('note-merged'), Type.Literal('field-superseded')]),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  message: Type.String({ maxLength: 500 }),
})
export type LeadNotice = Static<typeof LeadNotice>

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
  notes: Nullable(
    Type.String({ description: "Read-only: the note entries' texts in created order, blank lines between" }),
  ),
  note_entries: Type.Array(NoteEntry, { maxItems: 200 }),
  field_meta: LeadFieldMeta,
  history: Type.Array(HistoryEntry, { maxItems: historyLimit }),
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
