// The server process killed with -9 between Stripe's action and the database write: after a restart
// the same idempotency key replays Stripe's answer, so the card is charged once and the organizer
// paid once, and the ledger balances. Needs Postgres (a real second process on the same database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { testDatabaseUrl } from '../../support/databases'
import { startServerProcess, type ServerProcess } from '../../support/server-process'
import { as, buyer, commerceWorld, eventually, sentProposal } from '../../support/commerce-fixtures'
import { LocalStripeServer } from '../../../server/stripe/local/local-stripe-server'
import { stripeClient } from '../../../server/stripe/stripe-gateway'
import { openDatabase } from '../../../server/db/open-database'
import type { Database } from '../../../server/db/database'
import { reconcile } from '../../../server/commerce/reconcile'
import { checkLedger } from '../../../server/commerce/ledger-check'

const apiKey = 'sk_test_crash_test_key'
const webhookSecret = 'whsec_crash_test_secret'
const silent = { info() {}, warn() {}, error() {} }

describe.skipIf(!testDatabaseUrl)(
  'commerce across a crash of the server process (needs TEST_DATABASE_URL: a server process on Postgres)',
  () => {
    let stripe: LocalStripeServer
    let server: ServerProcess
    let db: Database

    beforeAll(async () => {
      stripe = new LocalStripeServer({ apiKey })
      await stripe.listen()
      server = await startServerProcess({
        adminUrl: testDatabaseUrl!,
        env: { STRIPE_SECRET_KEY: apiKey, STRIPE_API_URL: stripe.url, STRIPE_WEBHOOK_SECRET: webhookSecret },
      })
      stripe.webhooks.addEndpoint(`${server.url}/v1/stripe/webhook`, webhookSecret)
      db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://' })
    }, 120_000)
    afterAll(async () => {
      await db?.close()
      await server?.stop()
      await stripe?.close()
    })

    const deps = () => ({ db, stripe: stripeClient(apiKey, stripe.url), maxAttempts: 3, log: silent })

    it('charges once when the server dies after Stripe took the payment', async () => {
      const world = await commerceWorld(server.url)
      const who = await buyer(server.url, 'Crash Payer')
      const threadId = await sentProposal(world, who, 120000)
      const orderId = (await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))).body
        .order.id
      // Stripe creates and confirms the PaymentIntent but its answer never leaves: the server is killed meanwhile.
      stripe.injectFault('POST', /^\/v1\/payment_intents$/, 'stall')
      const pending = api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
        ...as(who.owner),
        body: { payment_method_id: 'pm_card_visa' },
      }).catch((error: unknown) => error)
      await eventually(
        async () => stripe.list('payment_intent', (pi) => pi.transfer_group === orderId).length,
        (n) => n === 1,
      )
      await server.crash()
      await pending
      await server.start()
      // The sponsor retries: the same attempt, the same key, Stripe's stored answer.
      const retried = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
        ...as(who.owner),
        body: { payment_method_id: 'pm_card_visa' },
      })
      expect(retried.status).toBe(200)
      expect(retried.body.order).toMatchObject({ escrow_state: 'funded', escrow_balance_cents: 120000 })
      expect(stripe.list('payment_intent', (pi) => pi.transfer_group === orderId)).toHaveLength(1)
      expect(stripe.list('charge', (ch) => ch.transfer_group === orderId)).toHaveLength(1)
      expect(await checkLedger(db, deps().stripe)).toMatchObject({ isBalanced: true })
    }, 120_000)

    it('pays the organizer once when the server dies after Stripe made the transfer', async () => {
      const world = await commerceWorld(server.url)
      const who = await buyer(server.url, 'Crash Payee')
      const threadId = await sentProposal(world, who, 100000)
      const orderId = (await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))).body
        .order.id
      await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
        ...as(who.owner),
        body: { payment_method_id: 'pm_card_visa' },
      })
      await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(world.organizer))
      // The server's payout worker picks the release up; Stripe makes the transfer, the answer stalls, the server dies.
      stripe.injectFault('POST', /^\/v1\/transfers$/, 'stall')
      expect(
        (await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(world.organizer))).body
          .payout_queued,
      ).toBe(true)
      await eventually(
        async () => stripe.list('transfer', (t) => t.transfer_group === orderId).length,
        (n) => n === 1,
      )
      await server.crash()
      await server.start()
      // Either Stripe's retried transfer.created webhook settles it, or, once the dead worker's lease runs
      // out, the 5-minute sweep (run here, as another instance) replays the transfer with the same key.
      await db.query(
        `UPDATE payout_queue SET locked_until = now() - interval '1 second' WHERE order_id = $1 AND status = 'processing'`,
        [orderId],
      )
      await reconcile(deps())
      const transfers = stripe.list('transfer', (t) => t.transfer_group === orderId)
      expect(transfers).toHaveLength(1)
      const { rows } = await db.query(
        'SELECT stripe_transfer_id, amount_cents FROM sponsorship_payouts WHERE order_id = $1',
        [orderId],
      )
      expect(rows).toEqual([{ stripe_transfer_id: transfers[0]!.id, amount_cents: '90000' }])
      expect(await checkLedger(db, deps().stripe)).toMatchObject({ isBalanced: true })
    }, 120_000)

    it('makes a released payout within seconds through the job queue', async () => {
      const world = await commerceWorld(server.url)
      const who = await buyer(server.url, 'Quick')
      const threadId = await sentProposal(world, who, 100000)
      const orderId = (await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))).body
        .order.id
      await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
        ...as(who.owner),
        body: { payment_method_id: 'pm_card_visa' },
      })
      await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(world.organizer))
      await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(world.organizer))
      const paid = await eventually(
        async () => (await api(server.url, 'GET', `/v1/sponsorship-orders/${orderId}`, as(world.organizer))).body,
        (o) => o.payout_status === 'paid',
        20_000,
      )
      expect(paid.payout.stripe_transfer_id).toMatch(/^tr_/)
    }, 60_000)
  },
)
