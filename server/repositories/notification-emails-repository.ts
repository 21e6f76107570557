// The notification email queue and the hourly lead digest items. Server-only tables (no tenant reads):
// the outbox reader queues, every instance's sender claims with SKIP LOCKED and settles.
import type { Queryable } from '../db/database'

export interface QueuedEmail {
  dedupeKey: string
  userId: string
  orgId: string
  eventId: string
  scope: string
  subject: string
  body: string
}

/** Queues emails; one whose dedupe key exists already is left alone. Returns how many were queued. */
export async function queueEmails(tx: Queryable, emails: QueuedEmail[]) {
  if (!emails.length) return 0
  const { rowCount } = await tx.query(
    `INSERT INTO notification_emails (dedupe_key, user_id, org_id, event_id, scope, subject, body)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      emails.map((e) => e.dedupeKey),
      emails.map((e) => e.userId),
      emails.map((e) => e.orgId),
      emails.map((e) => e.eventId),
      emails.map((e) => e.scope),
      emails.map((e) => e.subject),
      emails.map((e) => e.body),
    ],
  )
  return rowCount ?? 0
}

export interface DigestItem {
  userId: string
  orgId: string
  eventId: string
  windowStart: Date
  leadId: string
  intentLevel: string
  fields: Record<string, string>
}

/** Adds new leads to their hour's digest; a lead already in it keeps its place with its latest intent. */
export async function addDigestItems(tx: Queryable, items: DigestItem[]) {
  if (!items.length) return
  await tx.query(
    `INSERT INTO lead_digest_items (user_id, org_id, event_id, window_start, lead_id, intent_level, fields)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::uuid[], $6::text[], $7::jsonb[])
     ON CONFLICT (user_id, org_id, event_id, window_start, lead_id) DO UPDATE SET intent_level = EXCLUDED.intent_level, fields = EXCLUDED.fields
       WHERE lead_digest_items.flushed_at IS NULL`,
    [
      items.map((i) => i.userId),
      items.map((i) => i.orgId),
      items.map((i) => i.eventId),
      items.map((i) => i.windowStart),
      items.map((i) => i.leadId),
      items.map((i) => i.intentLevel),
      items.map((i) => JSON.stringify(i.fields)),
    ],
  )
}

/** A repeat capture in a window whose digest is still open updates the lead's intent there. */
export async function updateDigestIntents(tx: Queryable, changes: { leadId: string; intentLevel: string }[]) {
  if (!changes.length) return
  await tx.query(
    `UPDATE lead_digest_items i SET intent_level = c.level FROM unnest($1::uuid[], $2::text[]) AS c(lead_id, level)
     WHERE i.lead_id = c.lead_id AND i.flushed_at IS NULL`,
    [changes.map((c) => c.leadId), changes.map((c) => c.intentLevel)],
  )
}

export interface DigestGroup {
  user_id: string
  org_id: string
  event_id: string
  window_start: Date
}

/** Digests whose hour is over at `now` and that were not sent yet. */
export async function closedDigests(db: Queryable, now: Date, limit = 200) {
  const { rows } = await db.query<DigestGroup>(
    `SELECT DISTINCT user_id, org_id, event_id, window_start FROM lead_digest_items
     WHERE flushed_at IS NULL AND window_start + interval '1 hour' <= $1 ORDER BY window_start LIMIT $2`,
    [now, limit],
  )
  return rows
}

/** Takes one digest's items (locked; another instance taking it skips them) and marks them flushed. */
export async function takeDigest(tx: Queryable, g: DigestGroup) {
  const { rows } = await tx.query<{ lead_id: string; intent_level: string; fields: Record<string, string> }>(
    `WITH taken AS (
       SELECT lead_id FROM lead_digest_items WHERE user_id = $1 AND org_id = $2 AND event_id = $3 AND window_start = $4 AND flushed_at IS NULL
       FOR UPDATE SKIP LOCKED
     )
     UPDATE lead_digest_items i SET flushed_at = now() FROM taken
     WHERE i.user_id = $1 AND i.org_id = $2 AND i.event_id = $3 AND i.window_start = $4 AND i.lead_id = taken.lead_id
     RETURNING i.lead_id, i.intent_level, i.fields`,
    [g.user_id, g.org_id, g.event_id, g.window_start],
  )
  return rows
}

/** The person's current lead email mode for the event (off when they have no preference). */
export async function leadMode(db: Queryable, userId: string, orgId: string, eventId: string) {
  const { rows } = await db.query<{ lead_emails: string }>(
    'SELECT lead_emails FROM notification_preferences WHERE user_id = $1 AND org_id = $2 AND event_id = $3',
    [userId, orgId, eventId],
  )
  return rows[0]?.lead_emails ?? 'off'
}

export interface ClaimedEmail {
  id: string
  user_id: string
  org_id: string
  event_id: string
  scope: string
  subject: string
  body: string
  attempts: number
  to_email: string | null
  /** The preference the email depends on still holds (else it is dropped, not sent). */
  wanted: boolean
}

/** Claims due emails with a lease (SKIP LOCKED: instances never take the same one). */
export async function claimEmails(db: Queryable, limit: number, leaseMs: number) {
  const { rows } = await db.query<ClaimedEmail>(
    `WITH due AS (
       SELECT id FROM notification_emails WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
     )
     UPDATE notification_emails n SET status = 'sending', attempts = n.attempts + 1,
       next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
     FROM due WHERE n.id = due.id
     RETURNING n.id, n.user_id, n.org_id, n.event_id, n.scope, n.subject, n.body, n.attempts,
       (SELECT u.email FROM users u WHERE u.id = n.user_id) AS to_email,
       EXISTS (SELECT 1 FROM notification_preferences p JOIN memberships m ON m.org_id = p.org_id AND m.user_id = p.user_id
               WHERE p.user_id = n.user_id AND p.org_id = n.org_id AND p.event_id = n.event_id
                 AND CASE WHEN n.scope = 'leads' THEN p.lead_emails <> 'off' ELSE n.scope = ANY(p.moments) END) AS wanted`,
    [limit, leaseMs],
  )
  return rows
}

/** Settles a claimed email: sent, dropped, back in line at `retryAt`, or dead (no retry left). */
export async function settleEmail(
  db: Queryable,
  id: string,
  attempts: number,
  outcome: { status: 'sent' | 'dropped' | 'dead' | 'pending'; retryAt?: Date; error?: string },
) {
  await db.query(
    `UPDATE notification_emails SET status = $3, sent_at = CASE WHEN $3 = 'sent' THEN now() END,
       next_attempt_at = coalesce($4, next_attempt_at), last_error = $5
     WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
    [id, attempts, outcome.status, outcome.retryAt ?? null, outcome.error?.slice(0, 2000) ?? null],
  )
}
