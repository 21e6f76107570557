// A sponsor's qualifier question for one event (seed 004): what the booth asks at capture. The server
// answers with it and the desktop replica holds it, so both read this one shape.
import { Type, type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })

export const QualifierKind = Type.Union([
  Type.Literal('text'),
  Type.Literal('single_choice'),
  Type.Literal('multiple_choice'),
  Type.Literal('rating'),
])

export const QuestionRecord = Type.Object({
  id: Uuid,
  sponsor_id: Uuid,
  event_id: Uuid,
  prompt: Type.String(),
  kind: QualifierKind,
  options: Type.Array(Type.String()),
  is_required: Type.Boolean(),
  display_order: Type.Integer(),
  is_active: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type QuestionRecord = Static<typeof QuestionRecord>
