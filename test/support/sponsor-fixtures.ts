// Builds the usual world of the sponsor and lead tests over HTTP: an organizer with an event and
// its default tiers, and a sponsor organization (self-serve) added to that event.
import { api, sampleEvent, signUp, type SignedUp } from './api-client'

export interface SponsorWorld {
  organizer: SignedUp
  eventId: string
  tierIds: string[]
  sponsorOwner: SignedUp
  sponsorId: string
}

export async function organizerWithEvent(url: string, name = 'Organizer', title = sampleEvent.title) {
  const organizer = await signUp(url, 'organizer', name)
  const as = { token: organizer.access_token, orgId: organizer.orgId }
  const event = await api(url, 'POST', '/v1/events', { ...as, body: { ...sampleEvent, title } })
  const tiers = await api(
    url,
    'POST',
    `/v1/organizations/${organizer.orgId}/events/${event.body.id}/sponsor-tiers/defaults`,
    as,
  )
  return {
    organizer,
    eventId: event.body.id as string,
    tierIds: tiers.body.data.map((t: { id: string }) => t.id) as string[],
  }
}

/** Adds a self-serve sponsor organization to the organizer's event; returns its sponsor id. */
export async function addSponsorOrg(
  url: string,
  organizer: SignedUp,
  eventId: string,
  tierId: string,
  sponsorOwner: SignedUp,
) {
  const added = await api(url, 'POST', `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsors`, {
    token: organizer.access_token,
    orgId: organizer.orgId,
    body: { sponsor_org_id: sponsorOwner.orgId, tier_id: tierId },
  })
  if (added.status !== 201) throw new Error(`adding the sponsor failed: ${added.status} ${JSON.stringify(added.body)}`)
  return added.body.id as string
}

export async function sponsorWorld(url: string, name = 'Acme'): Promise<SponsorWorld> {
  const { organizer, eventId, tierIds } = await organizerWithEvent(url, `${name} Host`)
  const sponsorOwner = await signUp(url, 'sponsor', name)
  const sponsorId = await addSponsorOrg(url, organizer, eventId, tierIds[1]!, sponsorOwner)
  return { organizer, eventId, tierIds, sponsorOwner, sponsorId }
}
