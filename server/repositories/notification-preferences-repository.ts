// People's notification preferences, per organization and event. Reads and writes for the caller run in
// their tenant transaction; the recipient lookups run unscoped for the outbox reader.
import type { Queryable } from '../db/database'
import type { LeadEmailMode } from '../notifications/notification-rules'

export interface PreferenceRow {
  event_id: string
  event_title: string
  lead_emails: LeadEmailMode
  moments: string[]
  updated_at: Date | null
}

/** The events an organization may set preferences for: its own (organizer) or those it sponsors. */
export async function visibleEvents(db: Queryable, orgId: string, eventId?: string) {
  const { rows } = await db.query<{ id: string; title: string }>(
    `SELECT e.id, e.title FROM events e
     WHERE (e.org_id = $1 OR EXISTS (SELECT 1 FROM event_sponsorships es WHERE es.event_id = e.id AND es.sponsor_org_id = $1 AND es.archived_at IS NULL))
       AND ($2::uuid IS NULL OR e.id = $2)
     ORDER BY e.start_at DESC, e.id LIMIT 500`,
    [orgId, eventId ?? null],
  )
  return rows
}

export async function listPreferences(tx: Queryable, userId: string, orgId: string) {
  const { rows } = await tx.query<{
    event_id: string
    lead_emails: LeadEmailMode
    moments: string[]
    updated_at: Date
  }>(
    'SELECT event_id, lead_emails, moments, updated_at FROM notification_preferences WHERE user_id = $1 AND org_id = $2',
    [userId, orgId],
  )
  return rows
}

export async function upsertPreference(
  tx: Queryable,
  p: { userId: string; orgId: string; eventId: string; leadEmails: LeadEmailMode; moments: string[] },
) {
  const { rows } = await tx.query<{ lead_emails: LeadEmailMode; moments: string[]; updated_at: Date }>(
    `INSERT INTO notification_preferences (user_id, org_id, event_id, lead_emails, moments) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, org_id, event_id) DO UPDATE SET lead_emails = EXCLUDED.lead_emails, moments = EXCLUDED.moments, updated_at = now()
     RETURNING lead_emails, moments, updated_at`,
    [p.userId, p.orgId, p.eventId, p.leadEmails, p.moments],
  )
  return rows[0]!
}

/** Turns one preference off (an unsubscribe link): lead emails, or one moment. True when something changed. */
export async function turnOff(db: Queryable, t: { userId: string; orgId: string; eventId: string; scope: string }) {
  const { rowCount } = await db.query(
    t.scope === 'leads'
      ? `UPDATE notification_preferences SET lead_emails = 'off', updated_at = now()
         WHERE user_id = $1 AND org_id = $2 AND event_id = $3 AND lead_emails <> 'off' AND $4 = 'leads'`
      : `UPDATE notification_preferences SET moments = array_remove(moments, $4), updated_at = now()
         WHERE user_id = $1 AND org_id = $2 AND event_id = $3 AND $4 = ANY(moments)`,
    [t.userId, t.orgId, t.eventId, t.scope],
  )
  return (rowCount ?? 0) > 0
}

export interface LeadRecipient {
  user_id: string
  org_id: string
  event_id: string
  lead_emails: LeadEmailMode
}

/**
 * Who wants lead emails for these (organization, event, sponsor) triples: still members of the organization,
 * and allowed to read the sponsor's leads (its owners and admins, or people holding sponsor:leads:read).
 */
export async function leadRecipients(db: Queryable, keys: { orgId: string; eventId: string; sponsorId: string }[]) {
  if (!keys.length) return []
  const { rows } = await db.query<LeadRecipient & { sponsor_id: string }>(
    `SELECT p.user_id, p.org_id, p.event_id, p.lead_emails, k.sponsor_id
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(org_id, event_id, sponsor_id)
     JOIN notification_preferences p ON p.org_id = k.org_id AND p.event_id = k.event_id AND p.lead_emails <> 'off'
     JOIN memberships m ON m.org_id = p.org_id AND m.user_id = p.user_id
     WHERE m.role IN ('owner', 'admin') OR EXISTS (
       SELECT 1 FROM sponsor_users su WHERE su.sponsor_id = k.sponsor_id AND su.user_id = p.user_id AND su.org_id = p.org_id
         AND 'sponsor:leads:read' = ANY(su.permissions))`,
    [keys.map((k) => k.orgId), keys.map((k) => k.eventId), keys.map((k) => k.sponsorId)],
  )
  return rows
}

/** Who chose emails for these moments of these events, still members of the organization. */
export async function momentRecipients(db: Queryable, eventIds: string[]) {
  if (!eventIds.length) return []
  const { rows } = await db.query<{ user_id: string; org_id: string; event_id: string; moments: string[] }>(
    `SELECT p.user_id, p.org_id, p.event_id, p.moments FROM notification_preferences p
     JOIN memberships m ON m.org_id = p.org_id AND m.user_id = p.user_id
     WHERE p.event_id = ANY($1::uuid[]) AND cardinality(p.moments) > 0`,
    [eventIds],
  )
  return rows
}

export async function eventTitles(db: Queryable, eventIds: string[]) {
  if (!eventIds.length) return new Map<string, string>()
  const { rows } = await db.query<{ id: string; title: string }>(
    'SELECT id, title FROM events WHERE id = ANY($1::uuid[])',
    [eventIds],
  )
  return new Map(rows.map((r) => [r.id, r.title]))
}
