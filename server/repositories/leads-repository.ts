// A sponsor's leads and the captures behind them. Runs inside the sponsor organization's tenant
// transactions, so row-level security keeps every query to that sponsor's own rows.
import type { FollowUpStatus, Interaction, QualifierAnswers } from '../../shared/leads/lead-record'
import type { IntentLevel } from '../../shared/leads/intent-scoring'
import type { Queryable } from '../db/database'
import { setClauses } from '../db/patch'

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
  notes: string | null
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

export type NewLead = Omit<Lead, 'isStarred' | 'isArchived' | 'followUpStatus' | 'captureCount' | 'createdAt' | 'updatedAt' | 'lastCapturedAt'>
export type LeadPatch = Partial<Pick<Lead, 'isStarred' | 'isArchived' | 'followUpStatus' | 'notes' | 'qualifiers'>>

export interface LeadFilter {
  eventId?: string
  intentLevel?: IntentLevel
  followUpStatus?: FollowUpStatus
  isStarred?: boolean
  isArchived?: boolean
  capturedBy?: string
  q?: string
}

const columns = `l.id, l.sponsor_id AS "sponsorId", l.event_id AS "eventId", l.attendee_id AS "attendeeId",
  l.badge_code AS "badgeCode", l.name, l.email, l.company, l.title, l.phone, l.consent_source AS "consentSource",
  l.consent_confirmed_by AS "consentConfirmedBy", l.consent_confirmed_at AS "consentConfirmedAt",
  l.intent_score AS "intentScore", l.intent_level AS "intentLevel", l.interactions, l.qualifiers, l.notes,
  l.is_starred AS "isStarred", l.is_archived AS "isArchived", l.follow_up_status AS "followUpStatus",
  l.captured_by AS "capturedBy", l.capture_count AS "captureCount", l.first_captured_at AS "firstCapturedAt",
  l.last_captured_at AS "lastCapturedAt", l.created_at AS "createdAt", l.updated_at AS "updatedAt"`

const patchColumns = {
  isStarred: 'is_starred',
  isArchived: 'is_archived',
  followUpStatus: 'follow_up_status',
  notes: 'notes',
  qualifiers: 'qualifiers',
} as const satisfies Record<keyof LeadPatch, string>

/** Inserts a lead; null when the sponsor already has a lead for this attendee at this event. */
export async function insertLead(db: Queryable, orgId: string, lead: NewLead) {
  const { rows } = await db.query<Lead>(
    `INSERT INTO leads AS l (id, org_id, sponsor_id, event_id, attendee_id, badge_code, name, email, company, title, phone,
       consent_source, consent_confirmed_by, consent_confirmed_at, intent_score, intent_level, interactions, qualifiers, notes,
       captured_by, first_captured_at, last_captured_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21)
     ON CONFLICT (sponsor_id, event_id, attendee_id) DO NOTHING
     RETURNING ${columns}`,
    [
      lead.id, orgId, lead.sponsorId, lead.eventId, lead.attendeeId, lead.badgeCode, lead.name, lead.email, lead.company,
      lead.title, lead.phone, lead.consentSource, lead.consentConfirmedBy, lead.consentConfirmedAt, lead.intentScore,
      lead.intentLevel, JSON.stringify(lead.interactions), JSON.stringify(lead.qualifiers), lead.notes, lead.capturedBy,
      lead.firstCapturedAt,
    ],
  )
  return rows[0] ?? null
}

export async function findLead(db: Queryable, sponsorId: string, id: string) {
  const { rows } = await db.query<Lead>(`SELECT ${columns} FROM leads l WHERE l.sponsor_id = $1 AND l.id = $2`, [sponsorId, id])
  return rows[0] ?? null
}

/** The sponsor's lead for an attendee at an event, locked until the transaction ends. */
export async function lockAttendeeLead(db: Queryable, sponsorId: string, eventId: string, attendeeId: string) {
  const { rows } = await db.query<Lead>(
    `SELECT ${columns} FROM leads l WHERE l.sponsor_id = $1 AND l.event_id = $2 AND l.attendee_id = $3 FOR UPDATE`,
    [sponsorId, eventId, attendeeId],
  )
  return rows[0] ?? null
}

/** Another capture of the same person: the new interactions, score, answers and notes. */
export async function recordRepeatCapture(
  db: Queryable,
  id: string,
  change: { interactions: Interaction[]; intentScore: number; intentLevel: IntentLevel; qualifiers: QualifierAnswers; notes: string | null; at: Date },
) {
  const { rows } = await db.query<Lead>(
    `UPDATE leads l SET interactions = $2, intent_score = $3, intent_level = $4, qualifiers = $5, notes = $6,
       capture_count = capture_count + 1, last_captured_at = $7, updated_at = now()
     WHERE l.id = $1 RETURNING ${columns}`,
    [id, JSON.stringify(change.interactions), change.intentScore, change.intentLevel, JSON.stringify(change.qualifiers), change.notes, change.at],
  )
  return rows[0]!
}

/** Records a capture request by its client id; false when that id was already recorded (a retry). */
export async function insertCapture(db: Queryable, capture: { id: string; leadId: string; orgId: string; interaction: string; capturedBy: string }) {
  const { rowCount } = await db.query(
    `INSERT INTO lead_captures (id, lead_id, org_id, interaction, captured_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [capture.id, capture.leadId, capture.orgId, capture.interaction, capture.capturedBy],
  )
  return rowCount === 1
}

export async function findCaptureLeadId(db: Queryable, captureId: string) {
  const { rows } = await db.query<{ lead_id: string }>('SELECT lead_id FROM lead_captures WHERE id = $1', [captureId])
  return rows[0]?.lead_id ?? null
}

export async function updateLead(db: Queryable, sponsorId: string, id: string, patch: LeadPatch) {
  const { sets, values } = setClauses(patch, patchColumns, 3, (key, value) => (key === 'qualifiers' ? JSON.stringify(value) : value))
  const { rows } = await db.query<Lead>(
    `UPDATE leads l SET ${sets} WHERE l.sponsor_id = $1 AND l.id = $2 RETURNING ${columns}`,
    [sponsorId, id, ...values],
  )
  return rows[0] ?? null
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
      (n) => `(l.name ILIKE ${n} OR l.email ILIKE ${n} OR l.company ILIKE ${n} OR l.title ILIKE ${n} OR l.notes ILIKE ${n} OR l.badge_code ILIKE ${n})`,
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
  const order = page.sort === 'score' ? 'l.intent_score DESC, l.last_captured_at DESC, l.id' : 'l.last_captured_at DESC, l.id'
  const n = params.length + 2
  const { rows } = await db.query<Lead>(`SELECT ${columns} FROM leads l WHERE ${where} ORDER BY ${order} LIMIT $${n} OFFSET $${n + 1}`, [sponsorId, ...params, page.limit, page.offset])
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads l WHERE ${where}`, [sponsorId, ...params])
  return { leads: rows, total: total.rows[0]!.n }
}

/** One page of an export in a stable order, after the (createdAt, id) of the previous page. */
export async function leadsAfter(db: Queryable, sponsorId: string, filter: LeadFilter, after: { createdAt: Date; id: string } | null, limit: number) {
  const { where, params } = filterClause(filter)
  const n = params.length + 2
  const { rows } = await db.query<Lead & { capturedByName: string | null }>(
    `SELECT ${columns}, u.name AS "capturedByName" FROM leads l LEFT JOIN users u ON u.id = l.captured_by
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
  const summary = await db.query<{ total: number; archived: number; starred: number; hot: number; warm: number; cold: number; statuses: Record<string, number> | null }>(
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
  organizerOrgId: string
  isArchived: boolean
  /** For a badge: 'consented', 'not_consented', or null when the event has no such badge. */
  consent: 'consented' | 'not_consented' | null
  attendee: { id: string; name: string; email: string | null; company: string | null; title: string | null } | null
}

/** In one round trip: the sponsor's link to the event, and the badge's attendee if they consented to share. */
export async function captureContext(db: Queryable, sponsorId: string, eventId: string, badgeCode: string | null) {
  const { rows } = await db.query<CaptureContext>(
    `SELECT es.org_id AS "organizerOrgId", es.archived_at IS NOT NULL AS "isArchived",
       CASE WHEN $3::text IS NULL THEN NULL ELSE attendee_consent($2, $3) END AS consent,
       (SELECT row_to_json(a) FROM (
          SELECT id, name, email, company, title FROM attendees WHERE event_id = $2 AND badge_code = $3 AND consent_to_share) a) AS attendee
     FROM event_sponsorships es WHERE es.sponsor_id = $1 AND es.event_id = $2`,
    [sponsorId, eventId, badgeCode],
  )
  return rows[0] ?? null
}
