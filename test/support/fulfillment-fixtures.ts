// The world of the fulfillment tests over HTTP: an organizer's event with a published package whose benefits
// make deliverables (released once every one is approved, by default), a sponsor company at the event that buys it.
import { api } from './api-client'
import { as, buyer, commerceWorld, type Buyer, type CommerceWorld } from './commerce-fixtures'

/** A 1×1 PNG: real image bytes, so its type is recognised by content. */
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

export const fulfillmentPackage = {
  title: 'Stage and Booth',
  tier: 'gold',
  price_cents: 200000,
  currency: 'USD',
  inventory: 5,
  benefits: { logo_stage: true, booth: '10x10', lead_capture: true },
  availability: { start: null, end: null, max_per_sponsor: 1, exclusivity: false },
  constraints: { category_allow: [], sponsor_conflicts: [] },
  release_condition: null,
}

export interface FulfillmentWorld extends CommerceWorld {
  sponsor: Buyer
  orderId: string
}

function ok<T extends { status: number; body: any }>(response: T, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.body)}`)
  return response
}

/** The sponsor added to the event (it can capture leads there), the package bought and, if asked, funded. */
export async function fulfillmentWorld(
  url: string,
  options: { fund?: boolean; package?: Record<string, unknown>; eventStart?: string; eventEnd?: string } = {},
): Promise<FulfillmentWorld> {
  const world = await commerceWorld(url, {
    package: { ...fulfillmentPackage, ...options.package },
    ...(options.eventStart ? { eventStart: options.eventStart } : {}),
    ...(options.eventEnd ? { eventEnd: options.eventEnd } : {}),
  })
  const sponsor = await buyer(url, 'Fizz')
  const tiers = ok(
    await api(
      url,
      'POST',
      `/v1/organizations/${world.organizer.orgId}/events/${world.eventId}/sponsor-tiers/defaults`,
      as(world.organizer),
    ),
    201,
    'tiers',
  )
  ok(
    await api(url, 'POST', `/v1/organizations/${world.organizer.orgId}/events/${world.eventId}/sponsors`, {
      ...as(world.organizer),
      body: { sponsor_org_id: sponsor.owner.orgId, tier_id: tiers.body.data[0].id },
    }),
    201,
    'adding the sponsor to the event',
  )
  const pkg = (await api(url, 'GET', `/v1/sponsorship-packages/${world.packageId}`, as(world.organizer))).body
  const order = ok(
    await api(url, 'POST', '/v1/sponsorship-orders', {
      ...as(sponsor.owner),
      body: {
        package_id: world.packageId,
        sponsor_id: sponsor.sponsorId,
        event_id: world.eventId,
        amount_cents: pkg.price_cents,
        currency: pkg.currency,
      },
    }),
    201,
    'buying the package',
  )
  if (options.fund !== false) {
    ok(
      await api(url, 'POST', `/v1/sponsorship-orders/${order.body.id}:fund`, {
        ...as(sponsor.owner),
        body: { payment_method_id: 'pm_card_visa' },
      }),
      200,
      'funding',
    )
  }
  return { ...world, sponsor, orderId: order.body.id }
}

/** Posts a proof as multipart/form-data: a file and its metrics. */
export async function uploadProof(
  url: string,
  who: { token: string; orgId: string },
  deliverableId: string,
  file: { bytes: Buffer; name: string; type?: string },
  metrics?: Record<string, number>,
) {
  const form = new FormData()
  if (metrics) form.append('metrics', JSON.stringify(metrics))
  form.append(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  )
  const response = await fetch(new URL(`/v1/deliverables/${deliverableId}/proofs`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'x-org-id': who.orgId },
    body: form,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}
