// What a device may hold, from its user alone: the leads and questions of sponsors they may read
// (sponsor:leads:read, at a sponsor still active at one event at least), and the event directories
// (consented attendees) of those sponsors' active sponsorships. Capture-only access holds nothing:
// a device pushes such captures but never keeps the sponsor's leads.
import type { Queryable } from '../db/database'
import { listSponsorGrants } from '../repositories/sponsor-people-repository'
import { listSponsorEvents } from '../repositories/sponsors-repository'
import { effectivePermissions } from '../sponsors/sponsor-access'

export interface DeviceAccess {
  sponsors: string[]
  events: string[]
}

/** The sponsors and events whose rows a device of this user may hold now (PullResponse.access). */
export async function deviceAccess(db: Queryable, userId: string): Promise<DeviceAccess> {
  const readable = (await listSponsorGrants(db, userId))
    .filter((grant) => effectivePermissions(grant).includes('sponsor:leads:read'))
    .map((grant) => grant.sponsorId)
  if (readable.length === 0) return { sponsors: [], events: [] }
  // An archived sponsorship ends the sponsor's access at that event; archived everywhere, the sponsor's too.
  const active = (await listSponsorEvents(db, readable)).filter((e) => e.archivedAt === null)
  return {
    sponsors: readable.filter((id) => active.some((e) => e.sponsorId === id)),
    events: [...new Set(active.map((e) => e.eventId))],
  }
}

/** The change-log scopes of that access. */
export function deviceScopes(access: DeviceAccess): string[] {
  return [...access.sponsors.map((id) => `sponsor:${id}`), ...access.events.map((id) => `directory:${id}`)]
}
