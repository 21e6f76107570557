// The usual world of the commerce tests over HTTP: an organizer with an event, payouts set up and a
// published package; and sponsor companies (self-serve sponsor organizations) that buy it.
import { api, sampleEvent, signUp, type SignedUp } from './api-client'

export interface CommerceWorld {
  url: string
  organizer: SignedUp
  eventId: string
  packageId: string
}

export interface Buyer {
  owner: SignedUp
  sponsorId: string
}

export const as = (who: SignedUp) => ({ token: who.access_token, orgId: who.orgId })

export const goldPackage = {
  title: 'Gold Stage Sponsor',
  tier: 'gold',
  price_cents: 150000,
  currency: 'USD',
  inventory: 3,
  benefits: { logo_stage: true, booth: '10x10', speaking_slot: '15min', social_posts: 5 },
  availability: { start: '2025-02-01T00:00:00Z', end: '2030-03-01T00:00:00Z', max_per_sponsor: 1, exclusivity: false },
  audience_snapshot: {
    estimated_reach: 24000,
    age_segments: { '18-24': 0.31, '25-34': 0.42 },
    geo_top3: ['Los Angeles', 'San Francisco', 'San Diego'],
  },
  constraints: { category_allow: [], sponsor_conflicts: ['Competitor Brand X'] },
  // The escrow tests release by hand; fulfillment tests use the default (released once every deliverable is approved).
  release_condition: 'manual',
}

function expectStatus<T extends { status: number; body: any }>(response: T, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.body)}`)
  return response
}

/** An organizer with an event (starting in 2027), payouts configured and one published package. */
export async function commerceWorld(
  url: string,
  options: { package?: Record<string, unknown>; feePercentage?: number; eventStart?: string; eventEnd?: string } = {},
): Promise<CommerceWorld> {
  const organizer = await signUp(url, 'organizer', 'Host')
  const event = await api(url, 'POST', '/v1/events', {
    ...as(organizer),
    body: {
      ...sampleEvent,
      ...(options.eventStart
        ? { start_at: options.eventStart, end_at: options.eventEnd ?? '2031-01-01T00:00:00Z' }
        : {}),
    },
  })
  expectStatus(event, 201, 'creating the event')
  expectStatus(
    await api(url, 'PUT', `/v1/organizations/${organizer.orgId}/payout-configuration`, {
      ...as(organizer),
      body: { platform_fee_percentage: options.feePercentage ?? 0.1 },
    }),
    200,
    'payout configuration',
  )
  const created = expectStatus(
    await api(url, 'POST', '/v1/sponsorship-packages', {
      ...as(organizer),
      body: { event_id: event.body.id, ...goldPackage, ...options.package },
    }),
    201,
    'creating the package',
  )
  expectStatus(
    await api(url, 'POST', `/v1/sponsorship-packages/${created.body.id}:publish`, as(organizer)),
    200,
    'publishing',
  )
  return { url, organizer, eventId: event.body.id, packageId: created.body.id }
}

/** A self-serve sponsor company; its sponsor id comes from GET /v1/my-sponsors. */
export async function buyer(url: string, name = 'Acme'): Promise<Buyer> {
  const owner = await signUp(url, 'sponsor', name)
  const mine = expectStatus(await api(url, 'GET', '/v1/my-sponsors', { token: owner.access_token }), 200, 'my sponsors')
  return { owner, sponsorId: mine.body.data[0].id }
}

/** A sponsor's proposal at the package's price, sent, ready for the organizer to answer. */
export async function sentProposal(world: CommerceWorld, who: Buyer, priceCents = 140000) {
  const created = expectStatus(
    await api(world.url, 'POST', '/v1/proposals', {
      ...as(who.owner),
      body: {
        event_id: world.eventId,
        sponsor_id: who.sponsorId,
        package_id: world.packageId,
        initial_message: {
          body: "We'd love to sponsor your event!",
          offer: { price_cents: priceCents, requested_benefits: ['booth', 'logo_stage'] },
        },
      },
    }),
    201,
    'creating the proposal',
  )
  expectStatus(
    await api(world.url, 'POST', `/v1/proposals/${created.body.id}:send`, as(who.owner)),
    200,
    'sending the proposal',
  )
  return created.body.id as string
}

/** Polls until check passes (webhooks and workers act asynchronously), or throws after the timeout. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (check(value)) return value
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 2000)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
