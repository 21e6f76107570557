// Issue 10 §7: an unfunded order holds its unit for ORDER_HOLD_MINUTES; the sweep releases it, and
// funding after the deadline is refused with a 409 that says so.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, type CommerceWorld } from '../../support/commerce-fixtures'
import { reconcile } from '../../../server/commerce/reconcile'

const silent = { info() {}, warn() {}, error() {} }

describeBackends('order holds on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { ORDER_HOLD_MINUTES: '30' } })
  })
  afterAll(() => server.close())

  const sweep = () =>
    reconcile(
      { db: server.db, stripe: server.app.stripe.client, maxAttempts: 3, log: silent },
      { settleAfterSeconds: 0 },
    )
  const sold = async (packageId: string) =>
    (await server.db.query<{ sold: number }>('SELECT sold FROM sponsorship_packages WHERE id = $1', [packageId]))
      .rows[0]!.sold
  const expire = (orderId: string) =>
    server.db.query(`UPDATE sponsorship_orders SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [
      orderId,
    ])

  async function directOrder(world: CommerceWorld, name: string) {
    const who = await buyer(server.url, name)
    const created = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: {
        package_id: world.packageId,
        sponsor_id: who.sponsorId,
        event_id: world.eventId,
        amount_cents: 150000,
        currency: 'USD',
      },
    })
    expect(created.status).toBe(201)
    return { who, order: created.body }
  }

  it('shows the deadline on the order and releases the unit in the sweep once it passes unfunded', async () => {
    const world = await commerceWorld(server.url)
    const before = Date.now()
    const { who, order } = await directOrder(world, 'Dawdler')
    const deadline = Date.parse(order.hold_expires_at)
    expect(deadline).toBeGreaterThanOrEqual(before + 30 * 60_000 - 5_000)
    expect(deadline).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 5_000)
    expect(await sold(world.packageId)).toBe(1)
    expect((await sweep()).holdsReleased).toBe(0)
    await expire(order.id)
    expect((await sweep()).holdsReleased).toBe(1)
    expect(await sold(world.packageId)).toBe(0)
    const after = await api(server.url, 'GET', `/v1/sponsorship-orders/${order.id}`, as(who.owner))
    expect(after.body).toMatchObject({ status: 'cancelled', escrow_state: 'cancelled', hold_expires_at: null })
  })

  it('refuses to fund an order whose hold has expired, before the sweep gets to it', async () => {
    const world = await commerceWorld(server.url)
    const { who, order } = await directOrder(world, 'Late Payer')
    await expire(order.id)
    const late = await api(server.url, 'POST', `/v1/sponsorship-orders/${order.id}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('hold-expired')
    expect(
      (await server.app.stripe.client.paymentIntents.list({ limit: 100 })).data.filter(
        (pi) => pi.transfer_group === order.id,
      ),
    ).toHaveLength(0)
    expect((await sweep()).holdsReleased).toBe(1)
    expect(await sold(world.packageId)).toBe(0)
  })

  it('cancels at Stripe a payment left waiting for 3-D Secure past the hold, then releases the unit', async () => {
    const world = await commerceWorld(server.url)
    const { who, order } = await directOrder(world, 'Unauthenticated')
    const pending = await api(server.url, 'POST', `/v1/sponsorship-orders/${order.id}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_threeDSecure2Required' },
    })
    expect(pending.body.order.escrow_state).toBe('requires_action')
    await expire(order.id)
    expect((await sweep()).holdsReleased).toBe(1)
    expect(await sold(world.packageId)).toBe(0)
    expect((await server.app.stripe.client.paymentIntents.retrieve(pending.body.payment_intent_id)).status).toBe(
      'canceled',
    )
    expect((await api(server.url, 'GET', `/v1/sponsorship-orders/${order.id}`, as(who.owner))).body.escrow_state).toBe(
      'cancelled',
    )
  })

  it('leaves funded orders alone in the sweep', async () => {
    const world = await commerceWorld(server.url)
    const { who, order } = await directOrder(world, 'Prompt')
    const funded = await api(server.url, 'POST', `/v1/sponsorship-orders/${order.id}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(funded.body.order).toMatchObject({ escrow_state: 'funded', hold_expires_at: null })
    await expire(order.id)
    await sweep()
    expect((await api(server.url, 'GET', `/v1/sponsorship-orders/${order.id}`, as(who.owner))).body.escrow_state).toBe(
      'funded',
    )
    expect(await sold(world.packageId)).toBe(1)
  })
})
