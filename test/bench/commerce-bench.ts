// npm run bench:commerce — orders funded and released per second, end to end: the sync server as a
// child process on Postgres, Stripe as a local Stripe-compatible server beside it (as Stripe would be,
// another service over HTTP). Phase 1 funds every order with a test card; phase 2 locks and releases
// them and waits until the payout worker has made every transfer. Prints figures; asserts nothing.
import { LocalStripeServer } from '../../server/stripe/local/local-stripe-server'
import { ms, percentile, request, startBenchServer } from './bench-support'
import pg from 'pg'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 400)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const apiKey = 'sk_test_bench_commerce'
const webhookSecret = 'whsec_bench_commerce'

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!)
  }))
}

async function main() {
  const stripe = new LocalStripeServer({ apiKey })
  await stripe.listen()
  const server = await startBenchServer({ STRIPE_SECRET_KEY: apiKey, STRIPE_API_URL: stripe.url, STRIPE_WEBHOOK_SECRET: webhookSecret })
  stripe.webhooks.addEndpoint(`${server.url}/v1/stripe/webhook`, webhookSecret)
  const db = new pg.Client({ connectionString: server.database.url })
  await db.connect()
  try {
    const signUp = async (kind: string, name: string) => {
      const r = await request(server.url, 'POST', '/v1/auth/signup', {}, { email: `${name.toLowerCase().replace(/\W/g, "")}-${Date.now()}@bench.example`, password: 'correct horse battery', name, org_name: name, org_kind: kind })
      return { token: r.body.access_token as string, orgId: r.body.orgs[0].id as string }
    }
    const organizer = await signUp('organizer', 'Bench Host')
    const sponsor = await signUp('sponsor', 'Bench Sponsor')
    const asOrg = (who: { token: string; orgId: string }) => ({ authorization: `Bearer ${who.token}`, 'x-org-id': who.orgId })
    const sponsorId = (await request(server.url, 'GET', '/v1/my-sponsors', { authorization: `Bearer ${sponsor.token}` })).body.data[0].id
    const event = await request(server.url, 'POST', '/v1/events', asOrg(organizer), { title: 'Bench Summit', start_at: '2027-03-01T09:00:00Z', end_at: '2027-03-02T18:00:00Z' })
    await request(server.url, 'PUT', `/v1/organizations/${organizer.orgId}/payout-configuration`, asOrg(organizer), {})
    const pkg = await request(server.url, 'POST', '/v1/sponsorship-packages', asOrg(organizer), { event_id: event.body.id, title: 'Bench Gold', tier: 'gold', price_cents: 150000, inventory: ORDERS })
    await request(server.url, 'POST', `/v1/sponsorship-packages/${pkg.body.id}:publish`, asOrg(organizer))
    const orderIds: string[] = []
    for (let i = 0; i < ORDERS; i += 1) {
      // The sponsor buys at the package's terms (an organizer offers through a proposal instead).
      const order = await request(server.url, 'POST', '/v1/sponsorship-orders', asOrg(sponsor), { package_id: pkg.body.id, sponsor_id: sponsorId, event_id: event.body.id, amount_cents: 150000, currency: 'USD' })
      if (order.status !== 201) throw new Error(`order: ${order.status} ${JSON.stringify(order.body)}`)
      orderIds.push(order.body.id)
    }
    console.log(`${ORDERS} orders, ${CONCURRENCY} in flight; server on Postgres, local Stripe server over HTTP`)

    const fundLatencies: number[] = []
    const fundStart = performance.now()
    await pool(orderIds, CONCURRENCY, async (id) => {
      const t = performance.now()
      const funded = await request(server.url, 'POST', `/v1/sponsorship-orders/${id}:fund`, asOrg(sponsor), { payment_method_id: 'pm_card_visa' })
      fundLatencies.push(performance.now() - t)
      if (funded.status !== 200) throw new Error(`fund: ${funded.status} ${JSON.stringify(funded.body)}`)
    })
    const fundSeconds = (performance.now() - fundStart) / 1000
    fundLatencies.sort((a, b) => a - b)
    console.log(`fund: ${(ORDERS / fundSeconds).toFixed(1)} orders/s (PaymentIntent confirmed + ledger), p50 ${ms(percentile(fundLatencies, 50))}, p99 ${ms(percentile(fundLatencies, 99))}`)

    const releaseStart = performance.now()
    await pool(orderIds, CONCURRENCY, async (id) => {
      await request(server.url, 'POST', `/v1/sponsorship-orders/${id}:lock`, asOrg(organizer))
      const released = await request(server.url, 'POST', `/v1/sponsorship-orders/${id}:release`, asOrg(organizer))
      if (released.status !== 200) throw new Error(`release: ${released.status} ${JSON.stringify(released.body)}`)
    })
    const releasedAt = performance.now()
    for (;;) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sponsorship_payouts`)
      if (rows[0]!.n >= ORDERS) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const paidAt = performance.now()
    const endToEnd = (paidAt - releaseStart) / 1000
    console.log(`lock + release: ${(ORDERS / ((releasedAt - releaseStart) / 1000)).toFixed(1)} orders/s; every payout made ${((paidAt - releasedAt) / 1000).toFixed(2)} s after the last release`)
    console.log(`released and paid out end to end: ${(ORDERS / endToEnd).toFixed(1)} orders/s (${endToEnd.toFixed(2)} s for ${ORDERS})`)
    const whole = fundSeconds + endToEnd
    console.log(`funded, locked, released and paid out, whole lifecycle: ${(ORDERS / whole).toFixed(1)} orders/s (${whole.toFixed(2)} s for ${ORDERS})`)
    const { rows: ledger } = await db.query<{ unbalanced: number }>(`SELECT count(*)::int AS unbalanced FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_cents) <> 0) t`)
    const transfers = stripe.list('transfer').length
    console.log(`check: ${transfers} Stripe transfers for ${ORDERS} orders; ${ledger[0]!.unbalanced} unbalanced ledger transactions`)
  } finally {
    await db.end()
    await server.stop()
    await stripe.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
