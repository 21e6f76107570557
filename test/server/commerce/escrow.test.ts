// Money under pressure: the last unit under 50 simultaneous accepts, declines and 3-D Secure,
// double-delivered webhooks, two payout workers at once, failing payouts, cancellation and refunds.
// Every test ends with the ledger balanced against what the local Stripe server holds.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends, raceTitle } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import {
  as,
  buyer,
  commerceWorld,
  eventually,
  sentProposal,
  type Buyer,
  type CommerceWorld,
} from '../../support/commerce-fixtures'
import { openDatabase } from '../../../server/db/open-database'
import { processPayout, type PayoutDeps } from '../../../server/commerce/process-payout'
import { checkLedger } from '../../../server/commerce/ledger-check'
import { reconcile } from '../../../server/commerce/reconcile'
import { claimPayout, fixPayoutAmounts } from '../../../server/repositories/payouts-repository'

const silent = { info() {}, warn() {}, error() {} }

describeBackends('escrow on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let deps: PayoutDeps

  beforeAll(async () => {
    server = await startTestServer({ backend })
    deps = { db: server.db, stripe: server.app.stripe.client, maxAttempts: 3, log: silent }
  })
  afterAll(() => server.close())

  const expectBalanced = async () =>
    expect(await checkLedger(server.db, server.app.stripe.client)).toMatchObject({ isBalanced: true })
  const order = async (who: { access_token: string; orgId: string }, id: string) =>
    (await api(server.url, 'GET', `/v1/sponsorship-orders/${id}`, { token: who.access_token, orgId: who.orgId })).body

  /** A funded order: the sponsor's proposal, accepted by the organizer, paid with a test card. */
  async function fundedOrder(world: CommerceWorld, who: Buyer, card = 'pm_card_visa') {
    const threadId = await sentProposal(world, who, 100000)
    const accepted = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))
    expect(accepted.status).toBe(200)
    const funded = await api(server.url, 'POST', `/v1/sponsorship-orders/${accepted.body.order.id}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: card },
    })
    return { orderId: accepted.body.order.id as string, funded }
  }

  it(
    raceTitle(backend, 'sells the last unit exactly once to fifty simultaneous accepts'),
    async () => {
      const world = await commerceWorld(server.url, { package: { inventory: 1, availability: { max_per_sponsor: 1 } } })
      const sponsors = await Promise.all(Array.from({ length: 50 }, (_, i) => buyer(server.url, `Rival ${i}`)))
      // The organizer offers the package to each; each sponsor accepts at once.
      const threads = []
      for (const who of sponsors) {
        const created = await api(server.url, 'POST', '/v1/proposals', {
          ...as(world.organizer),
          body: {
            event_id: world.eventId,
            sponsor_id: who.sponsorId,
            package_id: world.packageId,
            initial_message: { body: 'Last one', offer: { price_cents: 150000 } },
          },
        })
        await api(server.url, 'POST', `/v1/proposals/${created.body.id}:send`, as(world.organizer))
        threads.push({ who, id: created.body.id as string })
      }
      const answers = await Promise.all(
        threads.map(({ who, id }) => api(server.url, 'POST', `/v1/proposals/${id}:accept`, as(who.owner))),
      )
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
      const refused = answers.filter((a) => a.status !== 200)
      expect(refused).toHaveLength(49)
      expect(new Set(refused.map((a) => `${a.status} ${a.body.error.code}`))).toEqual(new Set(['409 sold-out']))
      const { rows } = await server.db.query('SELECT sold, inventory FROM sponsorship_packages WHERE id = $1', [
        world.packageId,
      ])
      expect(rows).toEqual([{ sold: 1, inventory: 1 }])
      const orders = await server.db.query('SELECT count(*)::int AS n FROM sponsorship_orders WHERE package_id = $1', [
        world.packageId,
      ])
      expect(orders.rows).toEqual([{ n: 1 }])
      const open = await server.db.query(
        `SELECT count(*)::int AS n FROM proposal_threads WHERE package_id = $1 AND status = 'sent'`,
        [world.packageId],
      )
      expect(open.rows).toEqual([{ n: 49 }])
    },
    120_000,
  )

  it('refuses a declined card with its reason, then takes a good one; nothing is charged twice', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Decliner')
    const { orderId, funded } = await fundedOrder(world, who, 'pm_card_chargeDeclined')
    expect(funded.status).toBe(402)
    expect(funded.body.error).toMatchObject({
      code: 'payment-declined',
      message: 'Your card was declined.',
      details: { decline_code: 'generic_decline' },
    })
    expect(await order(who.owner, orderId)).toMatchObject({
      escrow_state: 'pending',
      escrow_balance_cents: 0,
      payments: [{ status: 'failed', failure_code: 'generic_decline' }],
    })
    const retry = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(retry.status).toBe(200)
    expect(retry.body.order).toMatchObject({ escrow_state: 'funded', escrow_balance_cents: 100000 })
    const listed = await api(server.url, 'GET', '/v1/sponsorship-orders', as(who.owner))
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: orderId, escrow_state: 'funded', escrow_balance_cents: 100000 }),
    ])
    // Funding again with the same card answers with the payment already made; another card is refused.
    const again = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(again.body.payment_intent_id).toBe(retry.body.payment_intent_id)
    const other = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_mastercard' },
    })
    expect(other.status).toBe(409)
    expect(other.body.error).toMatchObject({ code: 'invalid-transition', message: 'This order is already funded.' })
    expect(server.app.stripe.local!.list('charge', (c) => c.transfer_group === orderId)).toHaveLength(1)
    await expectBalanced()
  })

  it('hands 3-D Secure back to the sponsor and funds when the authentication page is completed', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Secure')
    const { orderId, funded } = await fundedOrder(world, who, 'pm_card_threeDSecure2Required')
    expect(funded.status).toBe(200)
    expect(funded.body).toMatchObject({
      status: 'requires_action',
      order: { escrow_state: 'requires_action' },
      next_action: { type: 'redirect_to_url' },
    })
    expect(funded.body.client_secret).toMatch(/_secret_/)
    const page = await fetch(funded.body.next_action.redirect_url)
    expect(await page.text()).toContain('Complete authentication')
    await fetch(funded.body.next_action.redirect_url, {
      method: 'POST',
      body: 'outcome=complete',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    // The webhook carries the outcome.
    await eventually(
      () => order(who.owner, orderId),
      (o) => o.escrow_state === 'funded',
    )
    await expectBalanced()
  })

  it('cancels a payment waiting for 3-D Secure at Stripe before closing the order, so it can no longer succeed', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Changed Mind')
    const { orderId, funded } = await fundedOrder(world, who, 'pm_card_threeDSecure2Required')
    expect(funded.body.order.escrow_state).toBe('requires_action')
    const cancelled = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:cancel`, as(who.owner))
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      escrow_state: 'cancelled',
      payments: [{ status: 'failed', failure_code: 'canceled' }],
    })
    const intent = await server.app.stripe.client.paymentIntents.retrieve(funded.body.payment_intent_id)
    expect(intent.status).toBe('canceled')
    const late = await fetch(funded.body.next_action.redirect_url, {
      method: 'POST',
      body: 'outcome=complete',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(late.status).toBe(400)
    expect(
      (await api(server.url, 'GET', `/v1/sponsorship-packages/${world.packageId}`, as(world.organizer))).body.sold,
    ).toBe(0)
    await expectBalanced()
  })

  it('applies a double-delivered webhook once', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Twice')
    const { orderId } = await fundedOrder(world, who)
    const local = server.app.stripe.local!
    await local.webhooks.idle()
    const succeeded = local.webhooks.deliveries.filter((d) => d.type === 'payment_intent.succeeded').at(-1)!
    await local.webhooks.redeliver(succeeded.eventId)
    await local.webhooks.redeliver(succeeded.eventId)
    const deliveries = local.webhooks.deliveries.filter((d) => d.eventId === succeeded.eventId)
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200])
    const charges = await server.db.query(
      `SELECT count(*)::int AS n FROM ledger_transactions WHERE order_id = $1 AND kind = 'charge'`,
      [orderId],
    )
    expect(charges.rows).toEqual([{ n: 1 }])
    expect(await order(who.owner, orderId)).toMatchObject({ escrow_state: 'funded', escrow_balance_cents: 100000 })
    await expectBalanced()
  })

  it('refuses a webhook that Stripe did not sign', async () => {
    const forged = await api(server.url, 'POST', '/v1/stripe/webhook', {
      body: { id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: {} } },
      headers: { 'stripe-signature': 't=1,v1=deadbeef' },
    })
    expect(forged.status).toBe(400)
    expect(forged.body.error.code).toBe('invalid-signature')
    expect(
      (await server.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = 'evt_forged'`)).rows,
    ).toEqual([{ n: 0 }])
  })

  it(raceTitle(backend, 'pays a released escrow once when two workers run the payout at the same moment'), async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Twins')
    const { orderId } = await fundedOrder(world, who)
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(world.organizer))
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(world.organizer))
    // A second worker with its own connection pool, as on another instance.
    const secondDb =
      backend === 'postgres' ? await openDatabase({ databaseUrl: server.databaseUrl, dataDir: 'memory://' }) : server.db
    try {
      const outcomes = await Promise.all([
        processPayout(deps, orderId),
        processPayout({ ...deps, db: secondDb }, orderId),
      ])
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['not-claimed', 'paid'])
    } finally {
      if (secondDb !== server.db) await secondDb.close()
    }
    const transfers = await server.app.stripe.client.transfers.list({ transfer_group: orderId })
    expect(transfers.data).toHaveLength(1)
    expect(transfers.data[0]!.amount).toBe(90000)
    expect(await order(world.organizer, orderId)).toMatchObject({
      status: 'completed',
      payout: { status: 'completed', stripe_transfer_id: transfers.data[0]!.id },
    })
    await expectBalanced()
  })

  it('settles from the transfer.created webhook a payout whose worker died after Stripe made the transfer', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Orphan')
    const { orderId } = await fundedOrder(world, who)
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(world.organizer))
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(world.organizer))
    // What a worker does before it dies: claim the payout, fix its amounts, and have Stripe make the transfer.
    const claim = (await claimPayout(server.db, orderId, 120))!
    await fixPayoutAmounts(server.db, claim.id, 90000, 10000)
    const account = (
      await server.db.query<{ stripe_connect_account_id: string }>(
        'SELECT stripe_connect_account_id FROM payout_configurations WHERE org_id = $1',
        [world.organizer.orgId],
      )
    ).rows[0]!
    const charge = (await order(world.organizer, orderId)).stripe_charge_id
    const transfer = await server.app.stripe.client.transfers.create(
      {
        amount: 90000,
        currency: 'usd',
        destination: account.stripe_connect_account_id,
        source_transaction: charge,
        transfer_group: orderId,
        metadata: { order_id: orderId, payout_queue_id: claim.id },
      },
      { idempotencyKey: `payout-${claim.id}-transfer` },
    )
    const paid = await eventually(
      () => order(world.organizer, orderId),
      (o) => o.payout_status === 'paid',
    )
    expect(paid).toMatchObject({
      status: 'completed',
      escrow_balance_cents: 0,
      payout: { status: 'completed', stripe_transfer_id: transfer.id },
    })
    expect(await processPayout(deps, orderId)).toEqual({ outcome: 'not-claimed' })
    await expectBalanced()
  })

  it('retries a failing payout three times, then raises an admin alert and pays nothing', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Stuck')
    const { orderId } = await fundedOrder(world, who)
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(world.organizer))
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(world.organizer))
    server.app.stripe.local!.injectFault('POST', /^\/v1\/transfers$/, 'fail', 1000)
    const first = await processPayout(deps, orderId)
    expect(first).toMatchObject({ outcome: 'failed', attempts: 1 })
    expect(await processPayout(deps, orderId)).toMatchObject({ outcome: 'not-claimed' }) // not due yet
    for (const attempt of [2, 3]) {
      await server.db.query(`UPDATE payout_queue SET next_attempt_at = now() WHERE order_id = $1`, [orderId]) // the retry delay has passed
      const outcome = await processPayout(deps, orderId)
      expect(outcome.outcome).toBe(attempt === 3 ? 'dead' : 'failed')
    }
    const alerts = await server.db.query(`SELECT kind, message FROM admin_alerts WHERE subject_id = $1`, [orderId])
    expect(alerts.rows).toEqual([{ kind: 'payout-failed', message: 'Payout failed after 3 attempts' }])
    expect(await order(world.organizer, orderId)).toMatchObject({
      payout_status: 'dead',
      escrow_balance_cents: 100000,
      payout: { status: 'dead', attempts: 3 },
    })
    server.app.stripe.local!.clearFaults()
    expect((await server.app.stripe.client.transfers.list({ transfer_group: orderId })).data).toHaveLength(0)
    await expectBalanced()
  })

  it('funds once a payment Stripe took but answered with a saved 500: the retry replays the 500, the webhook funds it', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Five Hundred')
    const threadId = await sentProposal(world, who, 100000)
    const orderId = (await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))).body.order
      .id
    const local = server.app.stripe.local!
    local.injectFault('POST', /^\/v1\/payment_intents$/, 'error')
    const first = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(first.status).toBe(503)
    // Stripe's payment_intent.succeeded reaches the webhook: the attempt is found by its metadata.
    await eventually(
      () => order(who.owner, orderId),
      (o) => o.escrow_state === 'funded',
    )
    const retried = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(retried.status).toBe(200)
    await reconcile(deps, { settleAfterSeconds: 0 })
    expect(local.list('payment_intent', (pi) => pi.transfer_group === orderId)).toHaveLength(1)
    expect(local.list('charge', (ch) => ch.transfer_group === orderId)).toHaveLength(1)
    expect(await order(who.owner, orderId)).toMatchObject({
      escrow_balance_cents: 100000,
      payments: [{ status: 'succeeded' }],
    })
    await expectBalanced()
  })

  it('pays once a transfer Stripe made but answered with a saved 500, with its webhook lost: the worker finds the transfer', async () => {
    const who = await buyer(server.url, 'Lost Answer')
    // A cancellation inside the window: a payout of 18 000 out of a 100 000 charge, so a repeated transfer would fit.
    const policy = { price_cents: 100000, cancellation_policy: { window_days: 200, penalty_pct: 0.2 } }
    const w = await commerceWorld(server.url, { package: policy })
    const created = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: {
        package_id: w.packageId,
        sponsor_id: who.sponsorId,
        event_id: w.eventId,
        amount_cents: 100000,
        currency: 'USD',
      },
    })
    const orderId = created.body.id as string
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    const local = server.app.stripe.local!
    local.webhooks.lost.add('transfer.created')
    try {
      local.injectFault('POST', /^\/v1\/transfers$/, 'error')
      await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:cancel`, {
        ...as(who.owner),
        body: { reason: 'Budget cut' },
      })
      // The worker gets the 500, and the SDK's retry with the same key the saved 500: it looks the transfer up.
      expect(await processPayout(deps, orderId)).toMatchObject({ outcome: 'paid', amountCents: 18000 })
      const paid = await order(w.organizer, orderId)
      const transfers = local.list('transfer', (t) => t.transfer_group === orderId)
      expect(transfers.map((t) => t.amount)).toEqual([18000])
      expect(paid).toMatchObject({ payout: { status: 'completed', stripe_transfer_id: transfers[0]!.id } })
      expect(await processPayout(deps, orderId)).toEqual({ outcome: 'not-claimed' })
      await reconcile(deps, { settleAfterSeconds: 0 })
      expect(local.list('transfer', (t) => t.transfer_group === orderId)).toHaveLength(1)
    } finally {
      local.webhooks.lost.delete('transfer.created')
      local.clearFaults()
    }
    await expectBalanced()
  })

  it('cancels by policy: a sponsor inside the window forfeits the penalty, which is paid out to the organizer', async () => {
    // The event starts on 2027-03-01: the package's 200-day window is already open, so a sponsor's cancellation costs 20 %.
    const world = await commerceWorld(server.url, {
      package: { price_cents: 100000, cancellation_policy: { window_days: 200, penalty_pct: 0.2 } },
    })
    const who = await buyer(server.url, 'Late')
    const created = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: {
        package_id: world.packageId,
        sponsor_id: who.sponsorId,
        event_id: world.eventId,
        amount_cents: 100000,
        currency: 'USD',
      },
    })
    expect(created.status).toBe(201)
    const orderId = created.body.id
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    const cancelled = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:cancel`, {
      ...as(who.owner),
      body: { reason: 'Budget cut' },
    })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      escrow_state: 'cancelled',
      refunded_cents: 80000,
      escrow_balance_cents: 20000,
      payout_status: 'queued',
    })
    expect(await processPayout(deps, orderId)).toMatchObject({ outcome: 'paid', amountCents: 18000, feeCents: 2000 })
    const pkg = await api(server.url, 'GET', `/v1/sponsorship-packages/${world.packageId}`, as(world.organizer))
    expect(pkg.body.sold).toBe(0)
    await expectBalanced()
  })

  it('refunds after the payout by reversing the transfer first, and returns the platform fee', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Unhappy')
    const { orderId } = await fundedOrder(world, who)
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(world.organizer))
    await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(world.organizer))
    await processPayout(deps, orderId)
    const tooMuch = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, {
      ...as(world.organizer),
      body: { amount_cents: 100001 },
    })
    expect(tooMuch.status).toBe(422)
    const partial = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, {
      ...as(world.organizer),
      body: { amount_cents: 40000, reason: 'Logo missing from stage' },
    })
    expect(partial.status).toBe(200)
    expect(partial.body).toMatchObject({
      refunded_cents: 40000,
      escrow_state: 'released',
      payout: { reversed_cents: 36000 },
    })
    const rest = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, as(world.organizer))
    expect(rest.body).toMatchObject({
      refunded_cents: 100000,
      status: 'refunded',
      escrow_state: 'refunded',
      escrow_balance_cents: 0,
      payout: { reversed_cents: 90000 },
    })
    const transfer = (await server.app.stripe.client.transfers.list({ transfer_group: orderId })).data[0]!
    expect(transfer.amount_reversed).toBe(90000)
    const sponsorRefund = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, as(who.owner))
    expect(sponsorRefund.status).toBe(403)
    await expectBalanced()
  })

  it('settles a payment whose outcome the database never heard of, in the reconciliation sweep', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Lost')
    const threadId = await sentProposal(world, who, 100000)
    const orderId = (await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))).body.order
      .id
    // Stripe is down for the call and the SDK's retries: the attempt's outcome is unknown until the sweep asks again.
    server.app.stripe.local!.injectFault('POST', /^\/v1\/payment_intents$/, 'fail', 1000)
    const lost = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(lost.status).toBe(503)
    expect(await order(who.owner, orderId)).toMatchObject({
      escrow_state: 'pending',
      payments: [{ status: 'creating' }],
    })
    server.app.stripe.local!.clearFaults()
    const summary = await reconcile(deps, { settleAfterSeconds: 0 })
    expect(summary.paymentsSettled).toBeGreaterThanOrEqual(1)
    expect(await order(who.owner, orderId)).toMatchObject({
      escrow_state: 'funded',
      escrow_balance_cents: 100000,
      payments: [{ status: 'succeeded' }],
    })
    await expectBalanced()
  })

  it('finishes a refund that Stripe could not take at the time, in the reconciliation sweep, once', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Patient')
    const { orderId } = await fundedOrder(world, who)
    server.app.stripe.local!.injectFault('POST', /^\/v1\/refunds$/, 'fail', 1000)
    const refused = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, {
      ...as(world.organizer),
      body: { amount_cents: 30000, reason: 'Booth too small' },
    })
    expect(refused.status).toBe(503)
    expect(await order(world.organizer, orderId)).toMatchObject({ refunded_cents: 0, escrow_balance_cents: 100000 })
    server.app.stripe.local!.clearFaults()
    const summary = await reconcile(deps, { settleAfterSeconds: 0 })
    expect(summary.refundsFinished).toBe(1)
    expect(await order(world.organizer, orderId)).toMatchObject({
      refunded_cents: 30000,
      escrow_balance_cents: 70000,
      refunds: [{ amount_cents: 30000, reason: 'Booth too small' }],
    })
    expect((await reconcile(deps, { settleAfterSeconds: 0 })).refundsFinished).toBe(0)
    expect(
      (
        await server.app.stripe.client.refunds.list({
          payment_intent: (await order(world.organizer, orderId)).stripe_payment_intent_id,
        })
      ).data,
    ).toHaveLength(1)
    await expectBalanced()
  })

  it('answers a second refund while the first is still being made with 409, and refunds once', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Twice')
    const { orderId } = await fundedOrder(world, who)
    server.app.stripe.local!.injectFault('POST', /^\/v1\/refunds$/, 'fail', 1000)
    const first = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, {
      ...as(world.organizer),
      body: { amount_cents: 30000, reason: 'First' },
    })
    expect(first.status).toBe(503)
    server.app.stripe.local!.clearFaults()
    const second = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:refund`, {
      ...as(world.organizer),
      body: { amount_cents: 50000, reason: 'Second' },
    })
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({ code: 'refund-in-progress', details: { amount_cents: 30000 } })
    await reconcile(deps, { settleAfterSeconds: 0 })
    expect(await order(world.organizer, orderId)).toMatchObject({
      refunded_cents: 30000,
      refunds: [{ amount_cents: 30000, reason: 'First' }],
    })
    await expectBalanced()
  })
})
