// Notification preferences of the signed-in person, for the organization they act for: one entry per event
// the organization runs or sponsors. Sponsor people choose lead emails (and need to be allowed to read the
// sponsor's leads); organizers choose moments. One-click unsubscribe turns one preference off without a sign-in.
import type { Database } from '../db/database'
import type { Tenant } from '../auth/access-checks'
import { badRequest, forbidden, notFound } from '../errors'
import {
  listPreferences,
  turnOff,
  upsertPreference,
  visibleEvents,
} from '../repositories/notification-preferences-repository'
import { isOrganizerMoment, leadEmailModes, organizerMoments, type LeadEmailMode } from './notification-rules'
import { verifyUnsubscribe, type UnsubscribeTarget } from './unsubscribe-token'

type Caller = Tenant & { userId: string }

export interface PreferenceView {
  event_id: string
  event_title: string
  lead_emails: LeadEmailMode
  moments: string[]
  updated_at: string | null
}

async function mayReadLeads(db: Database, caller: Caller) {
  if (caller.role === 'owner' || caller.role === 'admin') return true
  const { rows } = await db.query(
    `SELECT 1 FROM sponsor_users WHERE user_id = $1 AND org_id = $2 AND 'sponsor:leads:read' = ANY(permissions) LIMIT 1`,
    [caller.userId, caller.orgId],
  )
  return rows.length > 0
}

export async function listMyPreferences(db: Database, caller: Caller, eventId?: string): Promise<PreferenceView[]> {
  const events = await visibleEvents(db, caller.orgId, eventId)
  if (eventId && !events.length) throw notFound('Event')
  const saved = await db.tenantTransaction(caller, (tx) => listPreferences(tx, caller.userId, caller.orgId))
  const byEvent = new Map(saved.map((p) => [p.event_id, p]))
  return events.map((e) => {
    const p = byEvent.get(e.id)
    return {
      event_id: e.id,
      event_title: e.title,
      lead_emails: p?.lead_emails ?? 'off',
      moments: p?.moments ?? [],
      updated_at: p ? p.updated_at.toISOString() : null,
    }
  })
}

export async function setMyPreference(
  db: Database,
  caller: Caller,
  eventId: string,
  input: { lead_emails?: string; moments?: string[] },
): Promise<PreferenceView> {
  const isSponsor = caller.orgKind === 'sponsor'
  if (isSponsor && input.moments?.length)
    throw badRequest('invalid-request', 'Sponsor organizations choose lead emails; moments are for organizers.')
  if (!isSponsor && input.lead_emails !== undefined && input.lead_emails !== 'off')
    throw badRequest('invalid-request', 'Lead emails are for sponsor organizations; organizers choose moments.')
  const unknown = (input.moments ?? []).filter((m) => !isOrganizerMoment(m))
  if (unknown.length)
    throw badRequest(
      'invalid-request',
      `Unknown moments: ${unknown.join(', ')}. Choose from ${organizerMoments.join(', ')}.`,
    )
  const mode = (input.lead_emails ?? 'off') as LeadEmailMode
  if (!leadEmailModes.includes(mode))
    throw badRequest('invalid-request', `lead_emails must be one of ${leadEmailModes.join(', ')}.`)
  const [event] = await visibleEvents(db, caller.orgId, eventId)
  if (!event) throw notFound('Event')
  if (isSponsor && mode !== 'off' && !(await mayReadLeads(db, caller)))
    throw forbidden("Lead emails carry leads' contact details: they need the permission sponsor:leads:read.")
  const saved = await db.tenantTransaction(caller, async (tx) => {
    const current = (await listPreferences(tx, caller.userId, caller.orgId)).find((p) => p.event_id === eventId)
    return upsertPreference(tx, {
      userId: caller.userId,
      orgId: caller.orgId,
      eventId,
      leadEmails: input.lead_emails === undefined ? (current?.lead_emails ?? 'off') : mode,
      moments: input.moments === undefined ? (current?.moments ?? []) : [...new Set(input.moments)],
    })
  })
  return {
    event_id: eventId,
    event_title: event.title,
    lead_emails: saved.lead_emails,
    moments: saved.moments,
    updated_at: saved.updated_at.toISOString(),
  }
}

/** Whom an unsubscribe token names; 400 for a token this server did not sign. */
export function unsubscribeTarget(secret: string, token: unknown): UnsubscribeTarget {
  const target = verifyUnsubscribe(secret, token)
  if (!target)
    throw badRequest('invalid-token', 'This unsubscribe link is not valid. Copy the whole link from the email.')
  return target
}

/** Turns the named preference off; true when it was on. */
export async function unsubscribe(db: Database, secret: string, token: unknown) {
  return turnOff(db, unsubscribeTarget(secret, token))
}
