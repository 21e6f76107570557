// Qualifier questions a sponsor asks at capture, per event (text, single choice, multiple choice, rating).
import type { Queryable } from '../db/database'
import { setClauses } from '../db/patch'

export const qualifierKinds = ['text', 'single_choice', 'multiple_choice', 'rating'] as const
export type QualifierKind = (typeof qualifierKinds)[number]

export interface QualifierQuestion {
  id: string
  sponsorId: string
  eventId: string
  prompt: string
  kind: QualifierKind
  options: string[]
  isRequired: boolean
  displayOrder: number
  isActive: boolean
  createdAt: Date
  updatedAt: Date
}

export type QuestionFields = Pick<
  QualifierQuestion,
  'prompt' | 'kind' | 'options' | 'isRequired' | 'displayOrder' | 'isActive'
>

export const questionColumns = `q.id, q.sponsor_id AS "sponsorId", q.event_id AS "eventId", q.prompt, q.kind, q.options,
  q.is_required AS "isRequired", q.display_order AS "displayOrder", q.is_active AS "isActive",
  q.created_at AS "createdAt", q.updated_at AS "updatedAt"`

const fieldColumns = {
  prompt: 'prompt',
  kind: 'kind',
  options: 'options',
  isRequired: 'is_required',
  displayOrder: 'display_order',
  isActive: 'is_active',
} as const satisfies Record<keyof QuestionFields, string>

export async function insertQuestion(
  db: Queryable,
  owner: { orgId: string; sponsorId: string; eventId: string },
  fields: QuestionFields,
) {
  const { rows } = await db.query<QualifierQuestion>(
    `INSERT INTO qualifier_questions AS q (org_id, sponsor_id, event_id, prompt, kind, options, is_required, display_order, is_active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${questionColumns}`,
    [
      owner.orgId,
      owner.sponsorId,
      owner.eventId,
      fields.prompt,
      fields.kind,
      fields.options,
      fields.isRequired,
      fields.displayOrder,
      fields.isActive,
    ],
  )
  return rows[0]!
}

export async function listQuestions(db: Queryable, sponsorId: string, eventId: string, { activeOnly = false } = {}) {
  const { rows } = await db.query<QualifierQuestion>(
    `SELECT ${questionColumns} FROM qualifier_questions q WHERE q.sponsor_id = $1 AND q.event_id = $2 AND (NOT $3 OR q.is_active)
     ORDER BY q.display_order, q.created_at`,
    [sponsorId, eventId, activeOnly],
  )
  return rows
}

export async function findQuestion(db: Queryable, sponsorId: string, id: string) {
  const { rows } = await db.query<QualifierQuestion>(
    `SELECT ${questionColumns} FROM qualifier_questions q WHERE q.sponsor_id = $1 AND q.id = $2`,
    [sponsorId, id],
  )
  return rows[0] ?? null
}

export async function updateQuestion(db: Queryable, id: string, patch: Partial<QuestionFields>) {
  const { sets, values } = setClauses(patch, fieldColumns, 2)
  const { rows } = await db.query<QualifierQuestion>(
    `UPDATE qualifier_questions q SET ${sets} WHERE q.id = $1 RETURNING ${questionColumns}`,
    [id, ...values],
  )
  return rows[0] ?? null
}

/** Every question of a sponsor (at one event, or all), for export columns. */
export async function listSponsorQuestions(db: Queryable, sponsorId: string, eventId: string | undefined) {
  const { rows } = await db.query<QualifierQuestion>(
    `SELECT ${questionColumns} FROM qualifier_questions q WHERE q.sponsor_id = $1 AND ($2::uuid IS NULL OR q.event_id = $2)
     ORDER BY q.event_id, q.display_order, q.created_at`,
    [sponsorId, eventId ?? null],
  )
  return rows
}
