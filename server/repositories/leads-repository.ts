// A sponsor's leads and the captures behind them. Runs inside the sponsor organization's tenant
// transactions, so row-level security keeps every query to that sponsor's own rows.
import type {
  FollowUpStatus,
  HistoryEntry,
  Interaction,
  LeadFieldMeta,
  NoteEntry,
  QualifierAnswers,
} from '../../shared/leads/lead-record'
import type { IntentLevel } from '../../shared/leads/intent-scoring'
import { named, type Queryable } from '../db/database'
import { questionColumns, type QualifierQuestion } from './qualifiers-repository'

export interface Lead {
  id: string
  sponsorId: string
  eventId: string
  attendeeId: string | null
  badgeCode: string | null
  name: string
  email: string | null
  company: string | null
  title: string | null
  phone: string | null
  consentSource: 'attendee_directory' | 'confirmed_at_capture'
  consentConfirmedBy: string | null
  consentConfirmedAt: Date
  intentScore: number
  intentLevel: IntentLevel
  interactions: Interaction[]
  qualifiers: QualifierAnswers
  /** Derived from noteEntries (by the database on write). */
  notes: string | null
  noteEntries: NoteEntry[]
  fieldMeta: LeadFieldMeta
  history: HistoryEntry[]
  isStarred: boolean
  isArchived: boolean
  followUpStatus: FollowUpStatus
  capturedBy: string | null
  captureCount: number
  firstCapturedAt: Date
  lastCapturedAt: Date
  createdAt: Date
  updatedAt: Date
}

export type NewLead = Omit<
  Lead,
  | 'isStarred'
  | 'isArchived'
  | 'followUpStatus'
  | 'captureCount'
  | 'createdAt'
  | 'updatedAt'
  | 'lastCapturedAt'
  | 'fieldMeta'
  | 'history'
>
/** What an edit writes: the merged fields, notes, their meta and history, and qualifier answers. */
export type LeadEditWrite = Pick<
  Lead,
  'isStarred' | 'isArchived' | 'followUpStatus' | 'noteEntries' | 'fieldMeta' | 'history' | 'qualifiers'
>

export interface LeadFilter {
  eventId?: string
  intentLevel?: IntentLevel
  followUpStatus?: FollowUpStatus
  isStarred?: boolean
  isArchived?: boolean
  capturedBy?: string
  q?: string
}

/** A lead's columns, aliased to the Lead shape (table alias l). */
export const leadColumns = `l.id, l.sponsor_id AS "sponsorId", l.event_id AS "eventId", l.attendee_id AS "attendeeId",
  l.badge_code AS "badgeCode", l.name, l.email, l.company, l.title, l.phone, l.consent_source AS "consentSource",
  l.consent_confirmed_by AS "consentConfirmedBy", l.consent_confirmed_at AS "consentConfirmedAt",
  l.intent_score AS "intentScore", l.intent_level AS "intentLevel", l.interactions, l.qualifiers, l.notes,
  l.note_entries AS "noteEntries", l.field_meta AS "fieldMeta", l.history,
  l.is_starred AS "isStarred", l.is_archived AS "isArchived", l.follow_up_status AS "followUpStatus",
  l.captured_by AS "capturedBy", l.capture_count AS "captureCount", l.first_captured_at AS "firstCapturedAt",
  l.last_captured_at AS "lastCapturedAt", l.created_at AS "createdAt", l.updated_at AS "updatedAt"`

export async function findCaptureLeadId(db: Queryable, captureId: string) {
  const { rows } = await db.query<{ lead_id: string }>('SELECT lead_id FROM lead_captures WHERE id = $1', [captureId])
  return rows[0]?.lead_id ?? null
}

export async function findLead(db: Queryable, sponsorId: string, id: string) {
  const { rows } = await db.query<Lead>(`SELECT ${leadColumns} FROM leads l WHERE l.sponsor_id = $1 AND l.id = $2`, [
    sponsorId,
    id,
  ])
  return rows[0] ?? null
}

/** Reads a lead and locks it until the transaction ends, so concurrent edits apply one after the other. */
export async function lockLead(db: Queryable, sponsorId: string, id: string) {
  const { rows } = await db.query<Lead>(
    `SELECT ${leadColumns} FROM leads l WHERE l.sponsor_id = $1 AND l.id = $2 FOR UPDATE`,
    [sponsorId, id],
  )
  return rows[0] ?? null
}

/** Writes a merged edit of a locked lead (notes are derived from the entries by the database). */
export async function saveLeadEdit(db: Queryable, sponsorId: string, id: string, edit: LeadEditWrite) {
  const { rows } = await db.query<Lead>(
    `UPDATE leads l SET is_starred = $3, is_archived = $4, follow_up_status = $5, note_entries = $6, field_meta = $7, history = $8,
       qualifiers = $9, updated_at = now()
     WHERE l.sponsor_id = $1 AND l.id = $2 RETURNING ${leadColumns}`,
    [
      sponsorId,
      id,
      edit.isStarred,
      edit.isArchived,
      edit.followUpStatus,
      JSON.stringify(edit.noteEntries),
      JSON.stringify(edit.fieldMeta),
      JSON.stringify(edit.history),
      JSON.stringify(edit.qualifiers),
    ],
  )
  return rows[0] ?? null
}

/** A user's display name, for notes and history ("Sam Lee changed the follow-up"). */
export async function userName(db: Queryable, userId: string) {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [userId])
  return rows[0]?.name ?? null
}

/** WHERE clause and parameters of a lead filter, starting at parameter $2 ($1 is the sponsor). */
function filterClause(filter: LeadFilter) {
  const conditions = ['l.sponsor_id = $1']
  const params: unknown[] = []
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value)
    conditions.push(sql(`$${params.length + 1}`))
  }
  if (filter.eventId) add((n) => `l.event_id = ${n}`, filter.eventId)
  if (filter.intentLevel) add((n) => `l.intent_level = ${n}`, filter.intentLevel)
  if (filter.followUpStatus) add((n) => `l.follow_up_status = ${n}`, filter.followUpStatus)
  if (filter.isStarred !== undefined) add((n) => `l.is_starred = ${n}`, filter.isStarred)
  if (filter.isArchived !== undefined) add((n) => `l.is_archived = ${n}`, filter.isArchived)
  if (filter.capturedBy) add((n) => `l.captured_by = ${n}`, filter.capturedBy)
  if (filter.q) {
    add(
      (n) =>
        `(l.name ILIKE ${n} OR l.email ILIKE ${n} OR l.company ILIKE ${n} OR l.title ILIKE ${n} OR l.notes ILIKE ${n} OR l.badge_code ILIKE ${n})`,
      `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`,
    )
  }
  return { where: conditions.join(' AND '), params }
}

export async function listLeads(
  db: Queryable,
  sponsorId: string,
  filter: LeadFilter,
  page: { limit: number; offset: number; sort: 'recent' | 'score' },
) {
  const { where, params } = filterClause(filter)
  const order =
    page.sort === 'score' ? 'l.intent_score DESC, l.last_captured_at DESC, l.id' : 'l.last_captured_at DESC, l.id'
  const n = params.length + 2
  const { rows } = await db.query<Lead>(
    `SELECT ${leadColumns} FROM leads l WHERE ${where} ORDER BY ${order} LIMIT $${n} OFFSET $${n + 1}`,
    [sponsorId, ...params, page.limit, page.offset],
  )
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads l WHERE ${where}`, [
    sponsorId,
    ...params,
  ])
  return { leads: rows, total: total.rows[0]!.n }
}

/** One page of an export in a stable order, after the (createdAt, id) of the previous page. */
export async function leadsAfter(
  db: Queryable,
  sponsorId: string,
  filter: LeadFilter,
  after: { createdAt: Date; id: string } | null,
  limit: number,
) {
  const { where, params } = filterClause(filter)
  const n = params.length + 2
  const { rows } = await db.query<Lead & { capturedByName: string | null }>(
    `SELECT ${leadColumns}, u.name AS "capturedByName" FROM leads l LEFT JOIN users u ON u.id = l.captured_by
     WHERE ${where} AND ($${n}::timestamptz IS NULL OR (l.created_at, l.id) > ($${n}, $${n + 1}::uuid))
     ORDER BY l.created_at, l.id LIMIT $${n + 2}`,
    [sponsorId, ...params, after?.createdAt ?? null, after?.id ?? null, limit],
  )
  return rows
}

export interface LeadStats {
  total: number
  archived: number
  starred: number
  byIntentLevel: Record<IntentLevel, number>
  byFollowUpStatus: Record<string, number>
  byRep: { userId: string | null; name: string | null; leads: number }[]
  byHour: { hour: Date; leads: number }[]
}

/** Counts of the sponsor's active (unarchived) leads, optionally at one event. */
export async function leadStats(db: Queryable, sponsorId: string, eventId: string | undefined): Promise<LeadStats> {
  const params = [sponsorId, eventId ?? null]
  const scope = 'l.sponsor_id = $1 AND ($2::uuid IS NULL OR l.event_id = $2)'
  // One after the other: they may share one transaction's connection.
  const summary = await db.query<{
    total: number
    archived: number
    starred: number
    hot: number
    warm: number
    cold: number
    statuses: Record<string, number> | null
  }>(
    `SELECT count(*) FILTER (WHERE NOT is_archived)::int AS total, count(*) FILTER (WHERE is_archived)::int AS archived,
       count(*) FILTER (WHERE is_starred AND NOT is_archived)::int AS starred,
       count(*) FILTER (WHERE intent_level = 'hot' AND NOT is_archived)::int AS hot,
       count(*) FILTER (WHERE intent_level = 'warm' AND NOT is_archived)::int AS warm,
       count(*) FILTER (WHERE intent_level = 'cold' AND NOT is_archived)::int AS cold,
       (SELECT jsonb_object_agg(follow_up_status, n) FROM (
          SELECT follow_up_status, count(*)::int AS n FROM leads l WHERE ${scope} AND NOT is_archived GROUP BY follow_up_status) s) AS statuses
     FROM leads l WHERE ${scope}`,
    params,
  )
  const byRep = await db.query<{ userId: string | null; name: string | null; leads: number }>(
    `SELECT l.captured_by AS "userId", u.name, count(*)::int AS leads FROM leads l LEFT JOIN users u ON u.id = l.captured_by
     WHERE ${scope} AND NOT l.is_archived GROUP BY l.captured_by, u.name ORDER BY leads DESC, u.name`,
    params,
  )
  const byHour = await db.query<{ hour: Date; leads: number }>(
    `SELECT date_trunc('hour', l.first_captured_at) AS hour, count(*)::int AS leads FROM leads l
     WHERE ${scope} AND NOT l.is_archived GROUP BY 1 ORDER BY 1`,
    params,
  )
  const s = summary.rows[0]!
  return {
    total: s.total,
    archived: s.archived,
    starred: s.starred,
    byIntentLevel: { hot: s.hot, warm: s.warm, cold: s.cold },
    byFollowUpStatus: s.statuses ?? {},
    byRep: byRep.rows,
    byHour: byHour.rows,
  }
}

export interface CaptureContext {
  /** The lead a capture with this client id already produced (a retry). */
  replayLeadId: string | null
  organizerOrgId: string
  isArchived: boolean
  /** The badge's attendee when they consented to share (otherwise see badgeConsent). */
  attendee: { id: string; name: string; email: string | null; company: string | null; title: string | null } | null
  /** The sponsor's lead for that attendee at this event, if any. */
  lead: Lead | null
  questions: QualifierQuestion[]
  /** When the event was created: a capture dated long before it is not believed. */
  eventCreatedAt: Date | null
  /** The capturing user's name, for the note a capture adds. */
  userName: string | null
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }
const leadDates = ['consentConfirmedAt', 'firstCapturedAt', 'lastCapturedAt', 'createdAt', 'updatedAt'] as const
const leadFromJson = (json: Json<Lead>): Lead => {
  const lead = { ...json } as unknown as Lead
  for (const key of leadDates) lead[key] = new Date(json[key])
  return lead
}

/**
 * Everything a capture decides on, in one round trip: a retry of the same client id, the sponsor's
 * link to the event, the badge's attendee if they consented, the sponsor's existing lead for them,
 * and the active qualifier questions.
 */
export async function captureContext(
  db: Queryable,
  input: { sponsorId: string; eventId: string; badgeCode: string | null; captureId: string; userId: string },
) {
  const { rows } = await db.query<
    Omit<CaptureContext, 'lead' | 'questions'> & {
      attendee_id: string | null
      lead: Json<Lead> | null
      questions: Json<QualifierQuestion>[]
    }
  >(
    named(
      'capture-context',
      `SELECT (SELECT lead_id FROM lead_captures WHERE id = $4) AS "replayLeadId",
       es.org_id AS "organizerOrgId", es.archived_at IS NOT NULL AS "isArchived",
       sponsored_event_created_at($2) AS "eventCreatedAt", (SELECT name FROM users WHERE id = $5) AS "userName",
       a.attendee,
       (SELECT row_to_json(x) FROM (SELECT ${leadColumns} FROM leads l
          WHERE l.sponsor_id = $1 AND l.event_id = $2 AND l.attendee_id = a.attendee_id) x) AS lead,
       (SELECT coalesce(json_agg(q), '[]') FROM (SELECT ${questionColumns} FROM qualifier_questions q
          WHERE q.sponsor_id = $1 AND q.event_id = $2 AND q.is_active ORDER BY q.display_order, q.created_at) q) AS questions
     FROM event_sponsorships es
     LEFT JOIN LATERAL (SELECT t.id AS attendee_id, row_to_json(t) AS attendee FROM (
       SELECT id, name, email, company, title FROM attendees WHERE event_id = $2 AND badge_code = $3 AND consent_to_share) t) a ON true
     WHERE es.sponsor_id = $1 AND es.event_id = $2`,
    ),
    [input.sponsorId, input.eventId, input.badgeCode, input.captureId, input.userId],
  )
  const row = rows[0]
  if (!row) return null
  const { attendee_id: _attendeeId, ...context } = row // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped from the result
  return {
    ...context,
    lead: row.lead ? leadFromJson(row.lead) : null,
    questions: row.questions.map((q) => ({ ...q, createdAt: new Date(q.createdAt), updatedAt: new Date(q.updatedAt) })),
  } satisfies CaptureContext
}

export interface CaptureRecord {
  id: string
  interaction: string
  capturedBy: string
  /** The time the capture counts as made (the device's, or the receive time when that was out of bounds). */
  capturedAt: Date
  receivedAt: Date
  clockFlag: 'future' | 'past' | null
}

/**
 * Inserts a first lead and its capture in one statement. Null when a lead for this attendee appeared
 * meanwhile; `isRecorded` false when the capture id was recorded meanwhile (roll back: a retry).
 */
export async function insertLeadWithCapture(db: Queryable, orgId: string, lead: NewLead, capture: CaptureRecord) {
  const { rows } = await db.query<Lead & { isRecorded: boolean }>(
    named(
      'insert-lead-with-capture',
      `WITH l AS (
       INSERT INTO leads (id, org_id, sponsor_id, event_id, attendee_id, badge_code, name, email, company, title, phone,
         consent_source, consent_confirmed_by, consent_confirmed_at, intent_score, intent_level, interactions, qualifiers, note_entries,
         captured_by, first_captured_at, last_captured_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21)
       ON CONFLICT (sponsor_id, event_id, attendee_id) DO NOTHING
       RETURNING *),
     c AS (
       INSERT INTO lead_captures (id, lead_id, org_id, interaction, captured_by, captured_at, received_at, clock_flag)
       SELECT $22, l.id, l.org_id, $23, $24, $25, $26, $27 FROM l ON CONFLICT (id) DO NOTHING RETURNING id)
     SELECT ${leadColumns}, EXISTS (SELECT 1 FROM c) AS "isRecorded" FROM l`,
    ),
    [
      lead.id,
      orgId,
      lead.sponsorId,
      lead.eventId,
      lead.attendeeId,
      lead.badgeCode,
      lead.name,
      lead.email,
      lead.company,
      lead.title,
      lead.phone,
      lead.consentSource,
      lead.consentConfirmedBy,
      lead.consentConfirmedAt,
      lead.intentScore,
      lead.intentLevel,
      JSON.stringify(lead.interactions),
      JSON.stringify(lead.qualifiers),
      JSON.stringify(lead.noteEntries),
      lead.capturedBy,
      lead.firstCapturedAt,
      capture.id,
      capture.interaction,
      capture.capturedBy,
      capture.capturedAt,
      capture.receivedAt,
      capture.clockFlag,
    ],
  )
  return rows[0] ?? null
}

/**
 * Adds a repeat capture to a lead in one statement, only if the lead is still as it was read
 * (capture_count); null when another capture got there first. `isRecorded` as for insertLeadWithCapture.
 * The capture's note and answers are added to the lead as it is now, so an edit committed meanwhile stays.
 */
export async function mergeCapture(
  db: Queryable,
  expected: Pick<Lead, 'id' | 'captureCount'>,
  change: {
    interactions: Interaction[]
    intentScore: number
    intentLevel: IntentLevel
    addedAnswers: QualifierAnswers
    addedNotes: NoteEntry[]
    firstCapturedAt: Date
    lastCapturedAt: Date
  },
  capture: CaptureRecord,
) {
  const { rows } = await db.query<Lead & { isRecorded: boolean }>(
    named(
      'merge-capture',
      `WITH l AS (
       UPDATE leads SET interactions = $3, intent_score = $4, intent_level = $5, qualifiers = qualifiers || $6,
         note_entries = lead_notes_add(note_entries, $7), capture_count = capture_count + 1,
         first_captured_at = least(first_captured_at, $8), last_captured_at = greatest(last_captured_at, $9), updated_at = now()
       WHERE id = $1 AND capture_count = $2 RETURNING *),
     c AS (
       INSERT INTO lead_captures (id, lead_id, org_id, interaction, captured_by, captured_at, received_at, clock_flag)
       SELECT $10, l.id, l.org_id, $11, $12, $13, $14, $15 FROM l ON CONFLICT (id) DO NOTHING RETURNING id)
     SELECT ${leadColumns}, EXISTS (SELECT 1 FROM c) AS "isRecorded" FROM l`,
    ),
    [
      expected.id,
      expected.captureCount,
      JSON.stringify(change.interactions),
      change.intentScore,
      change.intentLevel,
      JSON.stringify(change.addedAnswers),
      JSON.stringify(change.addedNotes),
      change.firstCapturedAt,
      change.lastCapturedAt,
      capture.id,
      capture.interaction,
      capture.capturedBy,
      capture.capturedAt,
      capture.receivedAt,
      capture.clockFlag,
    ],
  )
  return rows[0] ?? null
}

/** Why a badge has no visible attendee: 'not_consented', or null when the event has no such badge. */
export async function badgeConsent(db: Queryable, eventId: string, badgeCode: string) {
  const { rows } = await db.query<{ consent: 'consented' | 'not_consented' | null }>(
    'SELECT attendee_consent($1, $2) AS consent',
    [eventId, badgeCode],
  )
  return rows[0]?.consent ?? null
}

/** Where a cursor page starts: after the lead with these sort keys (the timestamp to the microsecond, as text). */
export interface LeadCursorKey {
  score: number
  at: string
  id: string
}

export type LeadSort = 'recent' | 'score'

/**
 * One keyset page of a sponsor's leads, newest capture first (or highest score first): `first + 1` rows are read
 * so the caller knows whether another page follows. Each lead carries its cursor key.
 */
export async function leadsPage(
  db: Queryable,
  sponsorId: string,
  filter: LeadFilter,
  page: { first: number; sort: LeadSort; after: LeadCursorKey | null },
) {
  const { where, params } = filterClause(filter)
  const values: unknown[] = [sponsorId, ...params]
  const at = (n: number) => `$${n}`
  let keyset = ''
  if (page.after) {
    const n = values.length + 1
    if (page.sort === 'score') {
      keyset = ` AND (l.intent_score, l.last_captured_at, l.id) < (${at(n)}::int, ${at(n + 1)}::timestamptz, ${at(n + 2)}::uuid)`
      values.push(page.after.score, page.after.at, page.after.id)
    } else {
      keyset = ` AND (l.last_captured_at, l.id) < (${at(n)}::timestamptz, ${at(n + 1)}::uuid)`
      values.push(page.after.at, page.after.id)
    }
  }
  const order =
    page.sort === 'score'
      ? 'l.intent_score DESC, l.last_captured_at DESC, l.id DESC'
      : 'l.last_captured_at DESC, l.id DESC'
  values.push(page.first + 1)
  const { rows } = await db.query<Lead & { cursorAt: string }>(
    `SELECT ${leadColumns}, to_char(l.last_captured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
     FROM leads l WHERE ${where}${keyset} ORDER BY ${order} LIMIT $${values.length}`,
    values,
  )
  return rows.map(({ cursorAt, ...lead }) => ({
    lead: lead as Lead,
    key: { score: lead.intentScore, at: cursorAt, id: lead.id },
  }))
}

/** How many of a sponsor's leads match the filter. */
export async function countLeads(db: Queryable, sponsorId: string, filter: LeadFilter) {
  const { where, params } = filterClause(filter)
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads l WHERE ${where}`, [
    sponsorId,
    ...params,
  ])
  return rows[0]!.n
}
