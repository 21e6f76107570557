// Request and response schemas of lead capture, lead work, statistics, export and qualifier questions.
import { Type } from 'typebox'
import {
  FollowUpStatusSchema,
  IntentLevelSchema,
  LeadNotice,
  LeadRecord,
  NoteInput,
  QualifierAnswers,
} from '../../../shared/leads/lead-record'
import { QualifierKind, QuestionRecord } from '../../../shared/leads/qualifier-question'

export { QuestionRecord }

const Uuid = Type.String({ format: 'uuid' })

export const EventSponsorParams = Type.Object({ event_id: Uuid, sponsor_id: Uuid }, { additionalProperties: false })
export const SponsorParams = Type.Object({ sponsor_id: Uuid }, { additionalProperties: false })
export const SponsorLeadParams = Type.Object({ sponsor_id: Uuid, lead_id: Uuid }, { additionalProperties: false })
export const SponsorEventParams = Type.Object({ sponsor_id: Uuid, event_id: Uuid }, { additionalProperties: false })
export const SponsorQuestionParams = Type.Object(
  { sponsor_id: Uuid, question_id: Uuid },
  { additionalProperties: false },
)

export const CapturedLead = Type.Intersect([
  LeadRecord,
  Type.Object({
    capture_outcome: Type.Union([Type.Literal('created'), Type.Literal('merged'), Type.Literal('replayed')], {
      description:
        'created: a new lead; merged: a repeat capture added to the lead; replayed: a retry that changed nothing',
    }),
  }),
])

const filterFields = {
  event_id: Type.Optional(Uuid),
  intent_level: Type.Optional(IntentLevelSchema),
  status: Type.Optional(FollowUpStatusSchema),
  starred: Type.Optional(Type.Boolean()),
  archived: Type.Optional(Type.Boolean({ description: 'Default false: archived leads are hidden' })),
  rep: Type.Optional(Type.String({ format: 'uuid', description: 'The user who first captured the lead' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}

export const LeadListQuery = Type.Object(
  {
    ...filterFields,
    sort: Type.Union([Type.Literal('recent'), Type.Literal('score')], { default: 'recent' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
  },
  { additionalProperties: false },
)
export const LeadExportQuery = Type.Object(filterFields, { additionalProperties: false })

export const LeadPage = Type.Object({
  data: Type.Array(LeadRecord),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})

export const PatchLeadBody = Type.Object(
  {
    edited_at: Type.Optional(
      Type.String({
        format: 'date-time',
        maxLength: 40,
        description: 'When the edit was made (default: now); decides last-writer-wins',
      }),
    ),
    starred: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
    follow_up_status: Type.Optional(FollowUpStatusSchema),
    add_note: Type.Optional(NoteInput),
    edit_note: Type.Optional(NoteInput),
    notes: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 20000, description: 'Legacy: added as a new note when new; never overwrites' }),
        Type.Null(),
      ]),
    ),
    qualifiers: Type.Optional(QualifierAnswers),
  },
  { additionalProperties: false, minProperties: 1 },
)

/** A lead after an edit, with what the editor should know (their note sits beside others, or their change lost). */
export const EditedLead = Type.Intersect([
  LeadRecord,
  Type.Object({ notices: Type.Array(LeadNotice, { maxItems: 20 }) }),
])

export const StatsQuery = Type.Object({ event_id: Type.Optional(Uuid) }, { additionalProperties: false })
export const LeadStatsRecord = Type.Object({
  total: Type.Integer({ description: 'Active (unarchived) leads' }),
  archived: Type.Integer(),
  starred: Type.Integer(),
  by_intent_level: Type.Object({ hot: Type.Integer(), warm: Type.Integer(), cold: Type.Integer() }),
  by_follow_up_status: Type.Record(Type.String(), Type.Integer()),
  by_rep: Type.Array(
    Type.Object({
      user_id: Type.Union([Uuid, Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
      leads: Type.Integer(),
    }),
  ),
  by_hour: Type.Array(Type.Object({ hour: Type.String(), leads: Type.Integer() })),
})

const questionFields = {
  prompt: Type.String({ minLength: 1, maxLength: 500 }),
  options: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, uniqueItems: true }),
  ),
  is_required: Type.Optional(Type.Boolean()),
  display_order: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  is_active: Type.Optional(Type.Boolean()),
}
export const CreateQuestionBody = Type.Object(
  { ...questionFields, kind: QualifierKind },
  { additionalProperties: false },
)
export const PatchQuestionBody = Type.Object(
  { ...questionFields, prompt: Type.Optional(questionFields.prompt) },
  { additionalProperties: false, minProperties: 1 },
)
export const QuestionList = Type.Object({ data: Type.Array(QuestionRecord) })
