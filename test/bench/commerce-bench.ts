// npm run bench:commerce — orders funded and released per second, end to end: the sync server as a
// child process on Postgres, Stripe as a local Stripe-compatible server beside it (as Stripe would be,
// another service over HTTP). Phase 1 funds every order with a test card; phase 2 locks and releases
// them and waits until the payout worker has made every transfer. Rates count successful operations only; failures are
// counted apart. It checks one Stripe transfer and one payout per order and a balanced ledger; exit 1 when not.
// Ends with one JSON line.
import { LocalStripeServer } from '../../server/stripe/local/local-stripe-server'
import { BenchChecks, ms, percentile, request, startBenchServer } from './bench-support'
import pg from 'pg'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 400)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const apiKey = 'sk_test_bench_commerce'
const webhookSecret = 'whsec_bench_commerce'

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

async function main() {
  const stripe = new LocalStripeServer({ apiKey })
  await stripe.listen()
  const server = await startBenchServer({
    STRIPE_SECRET_KEY: apiKey,
    STRIPE_API_URL: stripe.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
  })
  stripe.webhooks.addEndpoint(`${server.url}/v1/stripe/webhook`, webhookSecret)
  const db = new pg.Client({ connectionString: server.database.url })
  await db.connect()
  try {
    const signUp = async (kind: string, name: string) => {
      const r = await request(
        server.url,
        'POST',
        '/v1/auth/signup',
        {},
        {
          email: `${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}@bench.example`,
          password: 'correct horse battery',
          name,
          org_name: name,
          org_kind: kind,
        },
      )
      return { token: r.body.access_token as string, orgId: r.body.orgs[0].id as string }
    }
    const organizer = await signUp('organizer', 'Bench Host')
    const sponsor = await signUp('sponsor', 'Bench Sponsor')
    const asOrg = (who: { token: string; orgId: string }) => ({
      authorization: `Bearer ${who.token}`,
      'x-org-id': who.orgId,
    })
    const sponsorId = (
      await request(server.url, 'GET', '/v1/my-sponsors', { authorization: `Bearer ${sponsor.token}` })
    ).body.data[0].id
    const event = await request(server.url, 'POST', '/v1/events', asOrg(organizer), {
      title: 'Bench Summit',
      start_at: '2027-03-01T09:00:00Z',
      end_at: '2027-03-02T18:00:00Z',
    })
    await request(server.url, 'PUT', `/v1/organizations/${organizer.orgId}/payout-configuration`, asOrg(organizer), {})
    const pkg = await request(server.url, 'POST', '/v1/sponsorship-packages', asOrg(organizer), {
      event_id: event.body.id,
      title: 'Bench Gold',
      tier: 'gold',
      price_cents: 150000,
      inventory: ORDERS,
    })
    await request(server.url, 'POST', `/v1/sponsorship-packages/${pkg.body.id}:publish`, asOrg(organizer))
    const orderIds: string[] = []
    for (let i = 0; i < ORDERS; i += 1) {
      // The sponsor buys at the package's terms (an organizer offers through a proposal instead).
      const order = await request(server.url, 'POST', '/v1/sponsorship-orders', asOrg(sponsor), {
        package_id: pkg.body.id,
        sponsor_id: sponsorId,
        event_id: event.body.id,
        amount_cents: 150000,
        currency: 'USD',
      })
      if (order.status !== 201) throw new Error(`order: ${order.status} ${JSON.stringify(order.body)}`)
      orderIds.push(order.body.id)
    }
    console.log(`${ORDERS} orders, ${CONCURRENCY} in flight; server on Postgres, local Stripe server over HTTP`)

    const checks = new BenchChecks()
    const failures: string[] = []
    const fundLatencies: number[] = []
    const funded: string[] = []
    const fundStart = performance.now()
    await pool(orderIds, CONCURRENCY, async (id) => {
      const t = performance.now()
      const answer = await request(server.url, 'POST', `/v1/sponsorship-orders/${id}:fund`, asOrg(sponsor), {
        payment_method_id: 'pm_card_visa',
      })
      if (answer.status !== 200) return void failures.push(`fund ${answer.status} ${answer.body?.code ?? ''}`)
      fundLatencies.push(performance.now() - t)
      funded.push(id)
    })
    const fundSeconds = (performance.now() - fundStart) / 1000
    fundLatencies.sort((a, b) => a - b)
    console.log(
      `fund: ${(funded.length / fundSeconds).toFixed(1)} orders/s (PaymentIntent confirmed + ledger), p50 ${ms(percentile(fundLatencies, 50))}, p99 ${ms(percentile(fundLatencies, 99))}`,
    )

    const released: string[] = []
    const releaseStart = performance.now()
    await pool(funded, CONCURRENCY, async (id) => {
      const locked = await request(server.url, 'POST', `/v1/sponsorship-orders/${id}:lock`, asOrg(organizer))
      if (locked.status !== 200) return void failures.push(`lock ${locked.status} ${locked.body?.code ?? ''}`)
      const answer = await request(server.url, 'POST', `/v1/sponsorship-orders/${id}:release`, asOrg(organizer))
      if (answer.status !== 200) return void failures.push(`release ${answer.status} ${answer.body?.code ?? ''}`)
      released.push(id)
    })
    const releasedAt = performance.now()
    // Every released order gets its payout; a worker that stops making them fails the run after a minute of silence.
    let payouts = 0
    for (
      let lastProgress = performance.now();
      payouts < released.length && performance.now() - lastProgress < 60_000;
    ) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sponsorship_payouts`)
      if (rows[0]!.n > payouts) lastProgress = performance.now()
      payouts = rows[0]!.n
      if (payouts < released.length) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const paidAt = performance.now()
    const endToEnd = (paidAt - releaseStart) / 1000
    console.log(
      `lock + release: ${(released.length / ((releasedAt - releaseStart) / 1000)).toFixed(1)} orders/s; every payout made ${((paidAt - releasedAt) / 1000).toFixed(2)} s after the last release`,
    )
    console.log(
      `released and paid out end to end: ${(payouts / endToEnd).toFixed(1)} orders/s (${endToEnd.toFixed(2)} s for ${payouts})`,
    )
    const whole = fundSeconds + endToEnd
    console.log(
      `funded, locked, released and paid out, whole lifecycle: ${(payouts / whole).toFixed(1)} orders/s (${whole.toFixed(2)} s for ${payouts})`,
    )
    if (failures.length > 0)
      console.log(`failed operations: ${failures.length} (${[...new Set(failures)].slice(0, 5).join('; ')})`)
    const { rows: ledger } = await db.query<{ unbalanced: number }>(
      `SELECT count(*)::int AS unbalanced FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_cents) <> 0) t`,
    )
    const { rows: perOrder } = await db.query<{ orders: number; payouts: number }>(
      `SELECT count(DISTINCT order_id)::int AS orders, count(*)::int AS payouts FROM sponsorship_payouts`,
    )
    const transfers = stripe.list('transfer').length
    console.log(
      `check: ${transfers} Stripe transfers and ${perOrder[0]!.payouts} payouts for ${released.length} released orders; ${ledger[0]!.unbalanced} unbalanced ledger transactions`,
    )
    checks.check('every operation succeeded', failures.length === 0, `${failures.length} failed`)
    checks.check(
      'one payout per released order',
      perOrder[0]!.payouts === released.length && perOrder[0]!.orders === released.length,
      `${perOrder[0]!.payouts} payouts over ${perOrder[0]!.orders} orders for ${released.length} released`,
    )
    checks.check(
      'one Stripe transfer per released order',
      transfers === released.length,
      `${transfers} transfers for ${released.length}`,
    )
    checks.check('the ledger balances', ledger[0]!.unbalanced === 0, `${ledger[0]!.unbalanced} unbalanced transactions`)
    checks.finish('commerce', {
      orders: ORDERS,
      funded: funded.length,
      released: released.length,
      paid_out: payouts,
      failed: failures.length,
      fund_per_s: Number((funded.length / fundSeconds).toFixed(1)),
      fund_p50_ms: Number(percentile(fundLatencies, 50).toFixed(2)),
      fund_p99_ms: Number(percentile(fundLatencies, 99).toFixed(2)),
      lifecycle_per_s: Number((payouts / whole).toFixed(1)),
      transfers,
      unbalanced_ledger_transactions: ledger[0]!.unbalanced,
    })
  } finally {
    await db.end()
    await server.stop()
    await stripe.close()
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
