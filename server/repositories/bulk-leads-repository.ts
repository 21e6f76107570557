// Set-based reads and writes for applying a pushed backlog of captures in one transaction.
// Rows travel as JSON arrays (jsonb_to_recordset), so a batch is a handful of statements, not thousands.
import type { NoteEntry, QualifierAnswers } from '../../shared/leads/lead-record'
import type { DeviceClient } from './sync-repository'
import type { Queryable } from '../db/database'
import { leadColumns, type Lead } from './leads-repository'
import { questionColumns, type QualifierQuestion } from './qualifiers-repository'

export interface BatchItemContext {
  i: number
  organizerOrgId: string | null
  isArchived: boolean | null
  attendee: { id: string; name: string; email: string | null; company: string | null; title: string | null } | null
  isReplay: boolean
  eventCreatedAt: Date | null
}

/** For each item (event, badge, capture id): the sponsor's link to the event, the consented attendee, and whether it was captured before. */
export async function batchContext(
  db: Queryable,
  sponsorId: string,
  items: { i: number; eventId: string; badgeCode: string | null; captureId: string }[],
) {
  const { rows } = await db.query<BatchItemContext>(
    `SELECT x.i, es.org_id AS "organizerOrgId", es.archived_at IS NOT NULL AS "isArchived",
       CASE WHEN es.id IS NULL THEN NULL ELSE sponsored_event_created_at(x.event_id) END AS "eventCreatedAt",
       CASE WHEN a.id IS NULL THEN NULL ELSE jsonb_build_object('id', a.id, 'name', a.name, 'email', a.email, 'company', a.company, 'title', a.title) END AS attendee,
       EXISTS (SELECT 1 FROM lead_captures lc WHERE lc.id = x.capture_id) OR EXISTS (SELECT 1 FROM leads ld WHERE ld.id = x.capture_id) AS "isReplay"
     FROM jsonb_to_recordset($2) AS x(i int, event_id uuid, badge_code text, capture_id uuid)
     LEFT JOIN event_sponsorships es ON es.sponsor_id = $1 AND es.event_id = x.event_id
     LEFT JOIN attendees a ON a.event_id = x.event_id AND a.badge_code = x.badge_code AND a.consent_to_share
     ORDER BY x.i`,
    [
      sponsorId,
      JSON.stringify(
        items.map((item) => ({
          i: item.i,
          event_id: item.eventId,
          badge_code: item.badgeCode,
          capture_id: item.captureId,
        })),
      ),
    ],
  )
  return rows
}

export async function leadsOfAttendees(db: Queryable, sponsorId: string, attendeeIds: string[]) {
  const { rows } = await db.query<Lead>(
    `SELECT ${leadColumns} FROM leads l WHERE l.sponsor_id = $1 AND l.attendee_id = ANY($2)`,
    [sponsorId, attendeeIds],
  )
  return rows
}

export async function activeQuestions(db: Queryable, sponsorId: string, eventIds: string[]) {
  const { rows } = await db.query<QualifierQuestion>(
    `SELECT ${questionColumns} FROM qualifier_questions q WHERE q.sponsor_id = $1 AND q.event_id = ANY($2) AND q.is_active ORDER BY q.display_order, q.created_at`,
    [sponsorId, eventIds],
  )
  return rows
}

/** Inserts new leads; returns how many went in (fewer: another capture made one of them meanwhile). */
export async function insertLeads(db: Queryable, orgId: string, leads: Lead[]) {
  if (leads.length === 0) return 0
  const { rowCount } = await db.query(
    `INSERT INTO leads (id, org_id, sponsor_id, event_id, attendee_id, badge_code, name, email, company, title, phone, consent_source,
       consent_confirmed_by, consent_confirmed_at, intent_score, intent_level, interactions, qualifiers, note_entries, captured_by, capture_count,
       first_captured_at, last_captured_at)
     SELECT x."id", $1, x."sponsorId", x."eventId", x."attendeeId", x."badgeCode", x."name", x."email", x."company", x."title", x."phone",
       x."consentSource", x."consentConfirmedBy", x."consentConfirmedAt", x."intentScore", x."intentLevel", x."interactions", x."qualifiers",
       x."noteEntries", x."capturedBy", x."captureCount", x."firstCapturedAt", x."lastCapturedAt"
     FROM jsonb_to_recordset($2) AS x("id" uuid, "sponsorId" uuid, "eventId" uuid, "attendeeId" uuid, "badgeCode" text, "name" text, "email" text,
       "company" text, "title" text, "phone" text, "consentSource" text, "consentConfirmedBy" uuid, "consentConfirmedAt" timestamptz,
       "intentScore" int, "intentLevel" text, "interactions" jsonb, "qualifiers" jsonb, "noteEntries" jsonb, "capturedBy" uuid, "captureCount" int,
       "firstCapturedAt" timestamptz, "lastCapturedAt" timestamptz)
     ON CONFLICT (sponsor_id, event_id, attendee_id) DO NOTHING`,
    [orgId, JSON.stringify(leads)],
  )
  return rowCount ?? 0
}

/**
 * Updates leads that are still as they were read (capture_count); returns how many matched. The batch's notes
 * and answers are added to the leads as they are now, so an edit committed meanwhile stays; the captured span only widens.
 */
export async function updateLeads(
  db: Queryable,
  leads: (Lead & { expectedCount: number; addedAnswers: QualifierAnswers; addedNotes: NoteEntry[] })[],
) {
  if (leads.length === 0) return 0
  const { rowCount } = await db.query(
    `UPDATE leads l SET interactions = x."interactions", intent_score = x."intentScore", intent_level = x."intentLevel",
       qualifiers = l.qualifiers || x."addedAnswers", note_entries = lead_notes_add(l.note_entries, x."addedNotes"), capture_count = x."captureCount",
       first_captured_at = least(l.first_captured_at, x."firstCapturedAt"), last_captured_at = greatest(l.last_captured_at, x."lastCapturedAt"),
       updated_at = now()
     FROM jsonb_to_recordset($1) AS x("id" uuid, "expectedCount" int, "interactions" jsonb, "intentScore" int, "intentLevel" text,
       "addedAnswers" jsonb, "addedNotes" jsonb, "captureCount" int, "firstCapturedAt" timestamptz, "lastCapturedAt" timestamptz)
     WHERE l.id = x."id" AND l.capture_count = x."expectedCount"`,
    [JSON.stringify(leads)],
  )
  return rowCount ?? 0
}

export async function insertCaptures(
  db: Queryable,
  orgId: string,
  captures: {
    id: string
    leadId: string
    interaction: string
    capturedBy: string
    capturedAt: string
    receivedAt: string
    clockFlag: 'future' | 'past' | null
  }[],
) {
  if (captures.length === 0) return 0
  const { rowCount } = await db.query(
    `INSERT INTO lead_captures (id, lead_id, org_id, interaction, captured_by, captured_at, received_at, clock_flag)
     SELECT x."id", x."leadId", $1, x."interaction", x."capturedBy", x."capturedAt", x."receivedAt", x."clockFlag"
     FROM jsonb_to_recordset($2) AS x("id" uuid, "leadId" uuid, "interaction" text, "capturedBy" uuid, "capturedAt" timestamptz,
       "receivedAt" timestamptz, "clockFlag" text)
     ON CONFLICT (id) DO NOTHING`,
    [orgId, JSON.stringify(captures)],
  )
  return rowCount ?? 0
}

export async function insertRejections(
  db: Queryable,
  client: DeviceClient,
  rejections: { mutationId: number; code: string; reason: string }[],
) {
  if (rejections.length === 0) return
  await db.query(
    `INSERT INTO sync_rejections (user_id, client_id, mutation_id, name, code, reason)
     SELECT $1, $2, x."mutationId", 'lead.capture', x."code", x."reason" FROM jsonb_to_recordset($3) AS x("mutationId" bigint, "code" text, "reason" text)
     ON CONFLICT DO NOTHING`,
    [client.userId, client.clientId, JSON.stringify(rejections)],
  )
}

/** Moves the client's cursor over a whole batch, only if it stands before the batch; locks the client row. */
export async function advanceClientOver(db: Queryable, client: DeviceClient, firstId: number, lastId: number) {
  const { rowCount } = await db.query(
    'UPDATE sync_clients SET last_mutation_id = $4, updated_at = now() WHERE user_id = $1 AND client_id = $2 AND last_mutation_id < $3',
    [client.userId, client.clientId, firstId, lastId],
  )
  return rowCount === 1
}
