// What a device may pull, from its user alone: the lead scopes of sponsors they may read, and the
// event directories (consented attendees) of events those sponsors are at.
import type { Queryable } from '../db/database'
import { listSponsorGrants } from '../repositories/sponsor-people-repository'
import { listSponsorEvents } from '../repositories/sponsors-repository'
import { effectivePermissions } from '../sponsors/sponsor-access'

export async function deviceScopes(db: Queryable, userId: string): Promise<string[]> {
  const grants = (await listSponsorGrants(db, userId)).filter((grant) => {
    const permissions = effectivePermissions(grant)
    return permissions.includes('sponsor:leads:read') || permissions.includes('sponsor:leads:capture')
  })
  if (grants.length === 0) return []
  const events = await listSponsorEvents(db, grants.map((g) => g.sponsorId))
  return [
    ...grants.map((g) => `sponsor:${g.sponsorId}`),
    ...new Set(events.filter((e) => e.archivedAt === null).map((e) => `directory:${e.eventId}`)),
  ]
}
