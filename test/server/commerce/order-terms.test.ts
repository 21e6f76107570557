// Issue 10 §5: an order's terms come from the package version or an accepted offer, and an order one
// party starts holds inventory or shows up for the other party only once that party accepts.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld } from '../../support/commerce-fixtures'

const strictPolicy = { window_days: 200, penalty_pct: 0.2 }

describeBackends('order terms on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  const sold = async (packageId: string) =>
    (await server.db.query<{ sold: number }>('SELECT sold FROM sponsorship_packages WHERE id = $1', [packageId]))
      .rows[0]!.sold

  it("takes a direct purchase's price and cancellation policy from the package, not from the buyer", async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Lenient')
    const order = {
      package_id: world.packageId,
      sponsor_id: who.sponsorId,
      event_id: world.eventId,
      amount_cents: 150000,
      currency: 'USD',
    }
    const ownTerms = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: { ...order, cancellation_policy: { window_days: 0, penalty_pct: 0 } },
    })
    expect(ownTerms.status).toBe(400)
    const cheaper = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: { ...order, amount_cents: 50 },
    })
    expect(cheaper.status).toBe(422)
    expect(await sold(world.packageId)).toBe(0)
    const repriced = await api(server.url, 'PATCH', `/v1/sponsorship-packages/${world.packageId}`, {
      ...as(world.organizer),
      body: { price_cents: 100000, cancellation_policy: strictPolicy },
    })
    expect(repriced.body).toMatchObject({ version: 2, cancellation_policy: strictPolicy })
    const stale = await api(server.url, 'POST', '/v1/sponsorship-orders', { ...as(who.owner), body: order })
    expect(stale.body.error.code).toBe('price-mismatch')
    const bought = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: { ...order, amount_cents: 100000 },
    })
    expect(bought.status).toBe(201)
    expect(bought.body).toMatchObject({ amount_cents: 100000, package_version: 2, cancellation_policy: strictPolicy })
  })

  it('turns away an order an organizer starts for a sponsor: it offers through a proposal the sponsor accepts', async () => {
    const world = await commerceWorld(server.url)
    const stranger = await buyer(server.url, 'Stranger')
    const imposed = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(world.organizer),
      body: {
        package_id: world.packageId,
        sponsor_id: stranger.sponsorId,
        event_id: world.eventId,
        amount_cents: 900000,
        currency: 'USD',
      },
    })
    expect(imposed.status).toBe(403)
    expect(imposed.body.error.code).toBe('offer-through-proposal')
    expect((await api(server.url, 'GET', '/v1/sponsorship-orders', as(stranger.owner))).body.data).toEqual([])
    expect(await sold(world.packageId)).toBe(0)

    const offer = await api(server.url, 'POST', '/v1/proposals', {
      ...as(world.organizer),
      body: {
        event_id: world.eventId,
        sponsor_id: stranger.sponsorId,
        package_id: world.packageId,
        initial_message: { body: 'For you', offer: { price_cents: 120000 } },
      },
    })
    await api(server.url, 'POST', `/v1/proposals/${offer.body.id}:send`, as(world.organizer))
    expect(await sold(world.packageId)).toBe(0)
    const accepted = await api(server.url, 'POST', `/v1/proposals/${offer.body.id}:accept`, as(stranger.owner))
    expect(accepted.status).toBe(200)
    expect(accepted.body.order).toMatchObject({
      amount_cents: 120000,
      cancellation_policy: { window_days: 14, penalty_pct: 0.1 },
    })
    const listed = await api(server.url, 'GET', '/v1/sponsorship-orders', as(stranger.owner))
    expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual([accepted.body.order.id])
  })
})
