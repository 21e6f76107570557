// npm run soak: a steady mixed load (online captures, sync pushes, lead reads, commerce) against two
// `npm run server` instances on one Postgres behind a round-robin balancer, for SOAK_MINUTES (10).
// Prints a row per minute — operations, p50/p99, errors, each instance's RSS and event-loop lag read
// from its own /metrics — and exits 1 on any error, a minute's p99 above 250 ms, memory that grew
// every minute after the first, or stored leads that differ from accepted captures.
import { randomUUID } from 'node:crypto'
import { api, type SignedUp } from '../support/api-client'
import { startServerProcess } from '../support/server-process'
import { startRoundRobinProxy } from '../support/round-robin-proxy'
import { sponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees } from '../support/lead-fixtures'
import { as, buyer, commerceWorld, sentProposal } from '../support/commerce-fixtures'
import { LocalStripeServer } from '../../server/stripe/local/local-stripe-server'
import { openDatabase } from '../../server/db/open-database'
import { benchDatabaseUrl, percentile, request } from './bench-support'

const minutes = Number(process.env.SOAK_MINUTES ?? 10)
const rates = { capture: Number(process.env.SOAK_CAPTURES_PER_S ?? 40), push: 2, read: 10, commerce: 0.2 }
const metricsToken = `soak-${randomUUID()}`
const apiKey = 'sk_test_soak_key'

type Kind = keyof typeof rates
interface Minute {
  ops: Record<Kind, number>
  latencies: number[]
  errors: string[]
}
const freshMinute = (): Minute => ({ ops: { capture: 0, push: 0, read: 0, commerce: 0 }, latencies: [], errors: [] })

async function main() {
  const stripe = new LocalStripeServer({ apiKey })
  await stripe.listen()
  const env = {
    STRIPE_SECRET_KEY: apiKey,
    STRIPE_API_URL: stripe.url,
    METRICS_TOKEN: metricsToken,
    LEAD_CAPTURES_PER_MINUTE: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  }
  const first = await startServerProcess({ adminUrl: benchDatabaseUrl, env })
  const second = await startServerProcess({ adminUrl: benchDatabaseUrl, env, sharedDatabase: first.database })
  const proxy = await startRoundRobinProxy([first.url, second.url])
  const db = await openDatabase({ databaseUrl: first.database.url, dataDir: 'memory://' })

  // Setup, outside the measured minutes.
  const world = await sponsorWorld(proxy.url, 'Soak')
  const badges = Array.from({ length: 5000 }, (_, i) => `SOAK-${100000 + i}`)
  for (let i = 0; i < badges.length; i += 1000) {
    await addAttendees(
      proxy.url,
      world,
      badges.slice(i, i + 1000).map((badge_code, j) => ({
        badge_code,
        name: `Guest ${i + j}`,
        email: `g${i + j}@soak.example`,
        consent_to_share: true,
      })),
    )
  }
  const market = await commerceWorld(proxy.url, { package: { inventory: 100000, price_cents: 50000 } })
  const owner: SignedUp = world.sponsorOwner
  const auth = { authorization: `Bearer ${owner.access_token}`, 'x-org-id': owner.orgId }
  const clientId = `soak-${randomUUID()}`
  let mutationId = 0
  let acceptedCaptures = 0
  let pushedApplied = 0
  const capturedBadges = new Set<string>()

  const operations: Record<Kind, () => Promise<void>> = {
    capture: async () => {
      const badge = badges[Math.floor(Math.random() * badges.length)]!
      const res = await request(
        proxy.url,
        'POST',
        `/v1/events/${world.eventId}/sponsors/${world.sponsorId}/capture-lead`,
        auth,
        { lead_id: randomUUID(), badge_code: badge, interaction: 'booth_visit' },
      )
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`capture ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
      acceptedCaptures++
      capturedBadges.add(badge)
    },
    push: async () => {
      const mutations = Array.from({ length: 20 }, () => {
        const badge = badges[Math.floor(Math.random() * badges.length)]!
        return {
          mutation_id: ++mutationId,
          name: 'lead.capture',
          args: {
            sponsor_id: world.sponsorId,
            event_id: world.eventId,
            lead_id: randomUUID(),
            badge_code: badge,
            interaction: 'demo_watched',
            captured_at: new Date(Date.now() - 1000).toISOString(),
          },
        }
      })
      const res = await request(
        proxy.url,
        'POST',
        '/v1/sync/push',
        { authorization: auth.authorization },
        { client_id: clientId, mutations },
      )
      if (res.status !== 200) throw new Error(`push ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
      const applied = res.body.results.filter((r: { status: string }) => r.status === 'applied').length
      if (applied !== mutations.length) throw new Error(`push applied ${applied} of ${mutations.length}`)
      pushedApplied += applied
      for (const mutation of mutations) capturedBadges.add(mutation.args.badge_code)
    },
    read: async () => {
      const res = await request(proxy.url, 'GET', `/v1/sponsors/${world.sponsorId}/leads?limit=50&sort=recent`, auth)
      if (res.status !== 200) throw new Error(`read ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
    },
    commerce: async () => {
      const who = await buyer(proxy.url, `Soak Buyer ${randomUUID().slice(0, 6)}`)
      const threadId = await sentProposal(market, who, 50000)
      const accepted = await api(proxy.url, 'POST', `/v1/proposals/${threadId}:accept`, as(market.organizer))
      if (accepted.status !== 200) throw new Error(`accept ${accepted.status}`)
      const orderId = accepted.body.order.id as string
      for (const [step, who2, body] of [
        [':fund', who.owner, { payment_method_id: 'pm_card_visa' }],
        [':lock', market.organizer, undefined],
        [':release', market.organizer, undefined],
      ] as const) {
        const res = await api(proxy.url, 'POST', `/v1/sponsorship-orders/${orderId}${step}`, {
          ...as(who2),
          ...(body ? { body } : {}),
        })
        if (res.status !== 200) throw new Error(`${step} ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
      }
    },
  }

  const rows: {
    minute: number
    ops: number
    perSecond: number
    p50: number
    p99: number
    errors: number
    rss: number[]
    lag: number[]
  }[] = []
  const allErrors: string[] = []
  let current = freshMinute()
  const inFlight = new Set<Promise<void>>()
  const start = Date.now()
  const stopAt = start + minutes * 60_000
  const timers = (Object.keys(rates) as Kind[]).map((kind) =>
    setInterval(() => {
      if (Date.now() >= stopAt) return
      const minute = current
      const began = performance.now()
      const op = operations[kind]().then(
        () => {
          minute.ops[kind]++
          // Commerce is a whole sale (five requests and a sign-up); its latency is not one request's.
          if (kind !== 'commerce') minute.latencies.push(performance.now() - began)
        },
        (error: unknown) => {
          minute.errors.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`)
        },
      )
      inFlight.add(op)
      void op.finally(() => inFlight.delete(op))
    }, 1000 / rates[kind]),
  )

  console.log(
    `soak — ${minutes} min against 2 instances behind a balancer; per second: ${rates.capture} captures, ${rates.push} pushes of 20, ${rates.read} lead reads, a sale every ${1 / rates.commerce} s`,
  )
  console.log('min | ops | ops/s | p50 ms | p99 ms | errors | RSS MiB (a / b) | loop lag p99 ms (a / b)')
  for (let minute = 1; minute <= minutes; minute++) {
    await new Promise((resolve) => setTimeout(resolve, start + minute * 60_000 - Date.now()))
    const done = current
    current = freshMinute()
    const sorted = done.latencies.sort((a, b) => a - b)
    const scrapes = await Promise.all([first.url, second.url].map(scrape))
    const ops = Object.values(done.ops).reduce((a, b) => a + b, 0)
    const row = {
      minute,
      ops,
      perSecond: ops / 60,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errors: done.errors.length,
      rss: scrapes.map((s) => s.rss),
      lag: scrapes.map((s) => s.lagP99),
    }
    rows.push(row)
    allErrors.push(...done.errors)
    console.log(
      `${String(minute).padStart(3)} | ${String(ops).padStart(5)} | ${row.perSecond.toFixed(1).padStart(5)} | ${row.p50.toFixed(1).padStart(6)} | ${row.p99.toFixed(1).padStart(6)} | ${String(row.errors).padStart(6)} | ${row.rss.map((r) => r.toFixed(0)).join(' / ')} | ${row.lag.map((l) => l.toFixed(1)).join(' / ')}`,
    )
  }
  for (const timer of timers) clearInterval(timer)
  await Promise.all(inFlight)

  // Outcome check: every accepted capture and pushed mutation is in a lead; no lead outside the set.
  const { rows: stored } = await db.query<{ leads: string; captures: string }>(
    `SELECT count(*) AS leads, coalesce(sum(capture_count), 0) AS captures FROM leads WHERE sponsor_id = $1`,
    [world.sponsorId],
  )
  const storedCaptures = Number(stored[0]!.captures)
  const expectedCaptures = acceptedCaptures + pushedApplied
  const problems: string[] = []
  if (allErrors.length) problems.push(`${allErrors.length} errors, first: ${allErrors.slice(0, 3).join(' | ')}`)
  const slow = rows.filter((row) => row.p99 > 250)
  if (slow.length) problems.push(`p99 above 250 ms in minute(s) ${slow.map((r) => r.minute).join(', ')}`)
  for (const instance of [0, 1]) {
    const rss = rows.map((row) => row.rss[instance]!)
    const grewEveryMinute = rss.length >= 4 && rss.slice(1).every((value, i) => i === 0 || value > rss[i]!)
    if (grewEveryMinute && rss[rss.length - 1]! > rss[1]! * 1.1)
      problems.push(
        `instance ${instance === 0 ? 'a' : 'b'} RSS grew every minute: ${rss.map((r) => r.toFixed(0)).join(' → ')} MiB`,
      )
  }
  if (storedCaptures !== expectedCaptures)
    problems.push(`stored ${storedCaptures} captures, accepted ${expectedCaptures}`)
  if (Number(stored[0]!.leads) !== capturedBadges.size)
    problems.push(`stored ${stored[0]!.leads} leads for ${capturedBadges.size} badges`)

  const total = rows.reduce((sum, row) => sum + row.ops, 0)
  console.log(
    `checked: ${storedCaptures} captures stored = ${expectedCaptures} accepted; ${stored[0]!.leads} leads for ${capturedBadges.size} badges; ${allErrors.length} errors`,
  )
  console.log(
    JSON.stringify({
      minutes,
      operations: total,
      ops_per_s: round(total / (minutes * 60)),
      p99_max_ms: round(Math.max(...rows.map((r) => r.p99))),
      errors: allErrors.length,
      rss_mib: rows.map((r) => r.rss.map(round)),
      captures_stored: storedCaptures,
      captures_accepted: expectedCaptures,
      ok: problems.length === 0,
    }),
  )
  await db.close()
  await proxy.close()
  await second.stop()
  await first.stop()
  await stripe.close()
  if (problems.length) {
    console.error(`soak FAILED: ${problems.join('; ')}`)
    process.exit(1)
  }
}

async function scrape(url: string): Promise<{ rss: number; lagP99: number }> {
  const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) =>
    r.text(),
  )
  const value = (name: string) =>
    Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((line) => line.startsWith(`${name} `)) ?? '')?.[2] ?? NaN)
  return {
    rss: value('yardpass_process_resident_memory_bytes') / 2 ** 20,
    lagP99: value('yardpass_nodejs_eventloop_lag_p99_seconds') * 1000,
  }
}

const round = (value: number) => Math.round(value * 100) / 100

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
