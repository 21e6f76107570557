// People and attendees for lead tests: representatives with a given sponsor role, and a directory.
import { randomUUID } from 'node:crypto'
import { rolePermissions, type SponsorRole } from '../../shared/sponsors/permissions'
import { upsertSponsorUser } from '../../server/repositories/sponsor-people-repository'
import type { Database } from '../../server/db/database'
import { api, signUp, type SignedUp } from './api-client'
import type { SponsorWorld } from './sponsor-fixtures'

/** A user who holds the role at the world's sponsor (as an accepted invitation would leave them). */
export async function representative(
  url: string,
  db: Database,
  world: SponsorWorld,
  role: SponsorRole,
  name: string = role,
): Promise<SignedUp> {
  const user = await signUp(url, 'organizer', name)
  await upsertSponsorUser(db, {
    sponsorId: world.sponsorId,
    sponsorOrgId: world.sponsorOwner.orgId,
    userId: user.user.id,
    role,
    permissions: rolePermissions[role],
  })
  return user
}

export async function addAttendees(
  url: string,
  world: SponsorWorld,
  attendees: { badge_code: string; name: string; email?: string; company?: string; consent_to_share: boolean }[],
) {
  const response = await api(url, 'POST', `/v1/events/${world.eventId}/attendees`, {
    token: world.organizer.access_token,
    orgId: world.organizer.orgId,
    body: attendees,
  })
  if (response.status !== 200) throw new Error(`attendees failed: ${response.status} ${JSON.stringify(response.body)}`)
}

export function capturer(url: string, world: SponsorWorld, as: SignedUp = world.sponsorOwner) {
  return (body: Record<string, unknown>) =>
    api(url, 'POST', `/v1/events/${world.eventId}/sponsors/${world.sponsorId}/capture-lead`, {
      token: as.access_token,
      orgId: world.sponsorOwner.orgId,
      body: { lead_id: randomUUID(), ...body },
    })
}
