// Seed 001 §16, "Create package" through "Release escrow → payout record exists, Stripe transfer ID set",
// in order, through the HTTP API and the local Stripe server, on PGlite and on Postgres.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, eventually, goldPackage, type Buyer } from '../../support/commerce-fixtures'
import { processPayout } from '../../../server/commerce/process-payout'
import { checkLedger } from '../../../server/commerce/ledger-check'

const silent = { info() {}, warn() {}, error() {} }

describeBackends('seed 001 §16 checklist on %s', (backend) => {
  let server: TestServer
  let organizer: SignedUp
  let sponsor: Buyer
  let eventId: string
  let packageId: string
  let threadId: string
  let orderId: string

  beforeAll(async () => {
    server = await startTestServer({ backend })
    organizer = await signUp(server.url, 'organizer', 'Host')
    eventId = (await api(server.url, 'POST', '/v1/events', { ...as(organizer), body: sampleEvent })).body.id
    sponsor = await buyer(server.url, 'Acme')
    const config = await api(server.url, 'PUT', `/v1/organizations/${organizer.orgId}/payout-configuration`, {
      ...as(organizer),
      body: { platform_fee_percentage: 0.1 },
    })
    expect(config.status).toBe(200)
    expect(config.body.stripe_connect_account_id).toMatch(/^acct_/)
  })
  afterAll(() => server.close())

  it('create package → appears in the gallery with its stats snapshot', async () => {
    const created = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(organizer),
      body: { event_id: eventId, ...goldPackage },
    })
    expect(created.status).toBe(201)
    packageId = created.body.id
    expect(created.body).toMatchObject({ is_active: false, version: 1, sold: 0, available: 3, price_cents: 150000 })
    const gallery = await api(server.url, 'GET', `/v1/sponsorship-packages?event_id=${eventId}`, as(organizer))
    expect(gallery.body.data.map((p: { id: string }) => p.id)).toEqual([packageId])
    expect(gallery.body.data[0].audience_snapshot.estimated_reach).toBe(24000)
    const { rows } = await server.db.query('SELECT title, is_active FROM sponsorship_packages WHERE event_id = $1', [
      eventId,
    ])
    expect(rows).toEqual([{ title: 'Gold Stage Sponsor', is_active: false }])
  })

  it('publish package → is_active and in the marketplace, with the event audience attached', async () => {
    const before = await api(
      server.url,
      'GET',
      `/v1/sponsorship-packages?event_id=${eventId}&visibility=public`,
      as(sponsor.owner),
    )
    expect(before.body.data).toEqual([])
    const published = await api(server.url, 'POST', `/v1/sponsorship-packages/${packageId}:publish`, as(organizer))
    expect(published.status).toBe(200)
    expect(published.body.is_active).toBe(true)
    expect(published.body.audience_snapshot).toMatchObject({
      estimated_reach: 1200,
      capacity: 1200,
      geo: 'Austin, TX, US',
    })
    const market = await api(
      server.url,
      'GET',
      `/v1/sponsorship-packages?event_id=${eventId}&visibility=public`,
      as(sponsor.owner),
    )
    expect(market.body.data.map((p: { id: string }) => p.id)).toEqual([packageId])
  })

  it('start proposal → creates the thread and its initial message', async () => {
    const created = await api(server.url, 'POST', '/v1/proposals', {
      ...as(sponsor.owner),
      body: {
        event_id: eventId,
        sponsor_id: sponsor.sponsorId,
        package_id: packageId,
        initial_message: {
          body: "We'd love to sponsor your event!",
          offer: { price_cents: 140000, requested_benefits: ['booth', 'logo_stage'] },
        },
      },
    })
    expect(created.status).toBe(201)
    threadId = created.body.id
    expect(created.body).toMatchObject({
      status: 'draft',
      created_by_side: 'sponsor',
      message_count: 1,
      allowed_actions: ['send', 'reject'],
    })
    const threads = await server.db.query('SELECT status FROM proposal_threads WHERE event_id = $1', [eventId])
    expect(threads.rows).toEqual([{ status: 'draft' }])
    const messages = await server.db.query('SELECT sender_type, offer FROM proposal_messages WHERE thread_id = $1', [
      threadId,
    ])
    expect(messages.rows).toEqual([
      { sender_type: 'sponsor', offer: { price_cents: 140000, requested_benefits: ['booth', 'logo_stage'] } },
    ])
  })

  it('negotiate → messages added, offers tracked, turns enforced', async () => {
    expect((await api(server.url, 'POST', `/v1/proposals/${threadId}:send`, as(sponsor.owner))).body.status).toBe(
      'sent',
    )
    // The sponsor made the latest offer: accepting it themselves is refused, with what is allowed.
    const ownAccept = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(sponsor.owner))
    expect(ownAccept.status).toBe(409)
    expect(ownAccept.body.error).toMatchObject({ code: 'invalid-transition', details: { allowed: ['reject'] } })
    const counter = await api(server.url, 'POST', `/v1/proposals/${threadId}/messages`, {
      ...as(organizer),
      body: {
        sender_type: 'organizer',
        body: 'Adding 3 story posts to sweeten the deal',
        offer: { price_cents: 175000, benefits_delta: { story_posts: 3, exclusivity: true } },
      },
    })
    expect(counter.status).toBe(201)
    expect(counter.body).toMatchObject({ status: 'counter', awaiting: 'sponsor', message_count: 2 })
    const { rows } = await server.db.query<{ offer: { price_cents: number } }>(
      'SELECT offer FROM proposal_messages WHERE thread_id = $1 ORDER BY seq DESC',
      [threadId],
    )
    expect(rows.map((r) => r.offer.price_cents)).toEqual([175000, 140000])
  })

  it('accept → order created with the latest offer, inventory reserved', async () => {
    const accepted = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(sponsor.owner))
    expect(accepted.status).toBe(200)
    expect(accepted.body.proposal.status).toBe('accepted')
    orderId = accepted.body.order.id
    expect(accepted.body.order).toMatchObject({
      amount_cents: 175000,
      currency: 'USD',
      escrow_state: 'pending',
      status: 'pending',
      package_version: 1,
    })
    expect(accepted.body.order.benefits).toEqual({ ...goldPackage.benefits, story_posts: 3, exclusivity: true })
    const { rows } = await server.db.query('SELECT amount_cents, status FROM sponsorship_orders WHERE event_id = $1', [
      eventId,
    ])
    expect(rows).toEqual([{ amount_cents: '175000', status: 'pending' }])
    const pkg = await api(server.url, 'GET', `/v1/sponsorship-packages/${packageId}`, as(organizer))
    expect(pkg.body).toMatchObject({ sold: 1, available: 2 })
  })

  it("fund order (test mode) → escrow 'funded' and the webhook arrives", async () => {
    const funded = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(sponsor.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(funded.status, JSON.stringify(funded.body)).toBe(200)
    expect(funded.body).toMatchObject({
      status: 'succeeded',
      order: { escrow_state: 'funded', status: 'funded', escrow_balance_cents: 175000 },
    })
    expect(funded.body.payment_intent_id).toMatch(/^pi_/)
    await eventually(
      () => server.db.query(`SELECT type FROM stripe_events WHERE type = 'payment_intent.succeeded'`),
      (r) => r.rows.length === 1,
    )
    const { rows } = await server.db.query('SELECT escrow_state FROM sponsorship_orders WHERE id = $1', [orderId])
    expect(rows).toEqual([{ escrow_state: 'funded' }])
  })

  it('release escrow → payout record exists with the Stripe transfer id, ledger balanced against Stripe', async () => {
    const early = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(organizer))
    expect(early.status).toBe(409)
    expect(early.body.error.details.allowed).toEqual(['lock', 'cancel', 'refund'])
    expect(
      (await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(organizer))).body.escrow_state,
    ).toBe('locked')
    const released = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(organizer))
    expect(released.body).toEqual({ success: true, payout_queued: true })
    const outcome = await processPayout(
      { db: server.db, stripe: server.app.stripe.client, maxAttempts: 3, log: silent },
      orderId,
    )
    expect(outcome).toMatchObject({ outcome: 'paid', amountCents: 157500, feeCents: 17500 })
    const { rows } = await server.db.query<{ amount_cents: string; fee_cents: string; stripe_transfer_id: string }>(
      'SELECT amount_cents, fee_cents, stripe_transfer_id FROM sponsorship_payouts WHERE order_id = $1',
      [orderId],
    )
    const payout = rows[0]!
    expect(rows).toHaveLength(1)
    expect(payout).toMatchObject({ amount_cents: '157500', fee_cents: '17500' })
    expect(payout.stripe_transfer_id).toMatch(/^tr_/)
    const order = await api(server.url, 'GET', `/v1/sponsorship-orders/${orderId}`, as(organizer))
    expect(order.body).toMatchObject({
      status: 'completed',
      escrow_state: 'released',
      payout_status: 'paid',
      escrow_balance_cents: 0,
    })
    expect(order.body.payout).toMatchObject({
      status: 'completed',
      stripe_transfer_id: payout.stripe_transfer_id,
      amount_cents: 157500,
    })
    const transfer = await server.app.stripe.client.transfers.retrieve(payout.stripe_transfer_id)
    expect(transfer).toMatchObject({
      amount: 157500,
      transfer_group: orderId,
      source_transaction: order.body.stripe_charge_id,
    })
    expect(await checkLedger(server.db, server.app.stripe.client)).toMatchObject({ isBalanced: true, ordersChecked: 1 })
  })
})
