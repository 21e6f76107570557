// npm run bench:webhooks — on `npm run server` over a fresh Postgres database, with a real receiver on loopback in this
// process: (1) BENCH_WEBHOOK_EVENTS order.funded events (default 10,000), each committed in its own transaction by 8
// writers, to a healthy receiver: first-attempt success and commit → receiver p50/p99; (2) as many again to a receiver
// that fails 30 % of the requests at random: every event delivered, and the time to drain. The retry schedule is scaled
// down for the run (BENCH_WEBHOOK_RETRY_SCHEDULE_MS; production waits 1 s, 2 s, 4 s, 5 min …) so phase 2 drains in
// seconds. The receiver verifies every signature; the run checks the receiver's log against the outbox (every event
// once after dedupe, nothing else) and against the delivery records, exits 1 on a mismatch, ends with one JSON line.
import http from 'node:http'
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { openDatabase } from '../../server/db/open-database'
import { recordDomainEvent } from '../../server/repositories/domain-events-repository'
import { api, signUp } from '../support/api-client'
import { BenchChecks, percentile, startBenchServer } from './bench-support'

const events = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 10_000)
const writers = 8
const retrySchedule = process.env.BENCH_WEBHOOK_RETRY_SCHEDULE_MS ?? '100,200,400,800,1600,3200,3200,3200,3200'
const checks = new BenchChecks()

interface Arrival {
  id: string
  at: number
  status: number
}

/** A receiver that checks X-Yardpass-Signature, logs every request, and fails `failRate` of them at random. */
async function startReceiver(key: () => Buffer) {
  const log: Arrival[] = []
  let badSignatures = 0
  let failRate = 0
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => chunks.push(c))
    request.on('end', () => {
      const at = performance.timeOrigin + performance.now()
      const body = Buffer.concat(chunks)
      const expected = Buffer.from(`sha256=${createHmac('sha256', key()).update(body).digest('hex')}`)
      const got = Buffer.from(String(request.headers['x-yardpass-signature']))
      if (expected.length !== got.length || !timingSafeEqual(expected, got)) badSignatures++
      const status = Math.random() < failRate ? 503 : 200
      log.push({ id: String(request.headers['webhook-id']), at, status })
      response.writeHead(status).end()
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    log,
    badSignatures: () => badSignatures,
    setFailRate: (rate: number) => {
      failRate = rate
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const server = await startBenchServer({
  RATE_LIMIT_PER_MINUTE: '10000000',
  LOG_LEVEL: 'warn',
  WEBHOOKS_ALLOW_LOOPBACK: '1',
  WEBHOOK_RETRY_SCHEDULE_MS: retrySchedule,
})
const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://', poolSize: writers + 2 })
let secretKey = Buffer.alloc(0)
const receiver = await startReceiver(() => secretKey)
try {
  const organizer = await signUp(server.url, 'organizer', 'Webhook Bench Host')
  const made = await api(server.url, 'POST', `/v1/organizations/${organizer.orgId}/webhook-endpoints`, {
    token: organizer.access_token,
    orgId: organizer.orgId,
    body: { url: receiver.url, events: ['order.funded'], description: 'bench receiver' },
  })
  checks.check('the endpoint was made over HTTP', made.status === 201, JSON.stringify(made.body).slice(0, 200))
  secretKey = Buffer.from(String(made.body.secret).slice('whsec_'.length), 'base64')
  const endpointId: string = made.body.id

  /** Commits `n` order.funded events, each in its own transaction; returns commit times by event id. */
  async function commitEvents(n: number, phase: string) {
    const committedAt = new Map<string, number>()
    let next = 0
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < n) {
          const i = next++
          const id = await db.transaction((tx) =>
            recordDomainEvent(tx, {
              type: 'order.funded',
              orgIds: [organizer.orgId],
              data: {
                order_id: crypto.randomUUID(),
                event_id: crypto.randomUUID(),
                sponsor_id: crypto.randomUUID(),
                amount_cents: 150000 + i,
                currency: 'usd',
                escrow_state: 'funded',
                stripe_payment_intent_id: `pi_${phase}_${i}`,
                application_fee_cents: 7500,
              },
            }),
          )
          committedAt.set(id, performance.timeOrigin + performance.now())
        }
      }),
    )
    return committedAt
  }

  /** Waits until every event of the phase was answered 2xx at least once (or the deadline passes). */
  async function drained(ids: Map<string, number>, fromIndex: number, deadlineMs: number) {
    const end = Date.now() + deadlineMs
    for (;;) {
      const ok = new Set(
        receiver.log
          .slice(fromIndex)
          .filter((a) => a.status < 300 && ids.has(a.id))
          .map((a) => a.id),
      )
      if (ok.size === ids.size || Date.now() > end) return ok
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async function verifyAgainstOutbox(ids: Map<string, number>, fromIndex: number, phase: string) {
    const arrivals = receiver.log.slice(fromIndex)
    const delivered = new Set(arrivals.filter((a) => a.status < 300).map((a) => a.id))
    const outbox = (
      await db.query<{ id: string }>('SELECT id FROM domain_events WHERE id = ANY($1::uuid[])', [[...ids.keys()]])
    ).rows.map((r) => r.id)
    checks.check(
      `${phase}: every committed event is in the outbox`,
      outbox.length === ids.size,
      `${outbox.length} of ${ids.size}`,
    )
    checks.check(
      `${phase}: the receiver got every outbox event`,
      outbox.every((id) => delivered.has(id)),
      `${outbox.filter((id) => !delivered.has(id)).length} missing`,
    )
    checks.check(
      `${phase}: the receiver got nothing that is not in the outbox`,
      [...delivered].every((id) => ids.has(id)),
    )
    const successes = arrivals.filter((a) => a.status < 300).length
    checks.check(
      `${phase}: each event answered 2xx once (nothing sent again after a success)`,
      successes === delivered.size,
      `${successes} successes for ${delivered.size} events`,
    )
    const records = (
      await db.query<{ succeeded: number; attempts: number; logged: number }>(
        `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, coalesce(sum(attempt_count), 0)::int AS attempts,
              (SELECT count(*)::int FROM webhook_attempts a JOIN webhook_deliveries d2 ON d2.id = a.delivery_id WHERE d2.event_id = ANY($2::uuid[]) AND d2.endpoint_id = $1) AS logged
       FROM webhook_deliveries WHERE endpoint_id = $1 AND event_id = ANY($2::uuid[])`,
        [endpointId, [...ids.keys()]],
      )
    ).rows[0]!
    checks.check(
      `${phase}: every delivery succeeded`,
      records.succeeded === ids.size,
      `${records.succeeded} of ${ids.size}`,
    )
    checks.check(
      `${phase}: every request the receiver saw is one logged attempt`,
      records.attempts === arrivals.length && records.logged === arrivals.length,
      `${arrivals.length} requests, ${records.attempts} attempts counted, ${records.logged} logged`,
    )
    return records
  }

  // Phase 1: healthy receiver.
  const p1Start = performance.now()
  const healthy = await commitEvents(events, 'healthy')
  const p1Drained = await drained(healthy, 0, 300_000)
  const p1Seconds = (performance.now() - p1Start) / 1000
  // Let the last attempts settle before counting them.
  await new Promise((resolve) => setTimeout(resolve, 500))
  const p1Arrivals = receiver.log.slice()
  const firstArrival = new Map<string, Arrival>()
  const firstSuccess = new Map<string, Arrival>()
  for (const a of p1Arrivals) {
    if (!firstArrival.has(a.id)) firstArrival.set(a.id, a)
    if (a.status < 300 && !firstSuccess.has(a.id)) firstSuccess.set(a.id, a)
  }
  const firstOk = [...healthy.keys()].filter((id) => firstArrival.get(id)?.status === 200).length
  const latencies = [...healthy]
    .flatMap(([id, committed]) => {
      const ok = firstSuccess.get(id)
      return ok ? [ok.at - committed] : []
    })
    .sort((a, b) => a - b)
  await verifyAgainstOutbox(healthy, 0, 'healthy')
  checks.check('healthy: signatures verify', receiver.badSignatures() === 0, `${receiver.badSignatures()} bad`)
  const firstAttemptPct = (100 * firstOk) / events
  console.log(
    `healthy receiver, ${events} events in ${p1Seconds.toFixed(1)} s: ${p1Drained.size} delivered; first-attempt success ${firstAttemptPct.toFixed(2)} %; ` +
      `commit → receiver p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
  )

  // Phase 2: 30 % of requests fail at random.
  receiver.setFailRate(0.3)
  const p2From = receiver.log.length
  const p2Start = performance.now()
  const flaky = await commitEvents(events, 'flaky')
  const p2Drained = await drained(flaky, p2From, 600_000)
  const drainSeconds = (performance.now() - p2Start) / 1000
  await new Promise((resolve) => setTimeout(resolve, 500))
  const p2Records = await verifyAgainstOutbox(flaky, p2From, 'flaky')
  const p2Requests = receiver.log.length - p2From
  const p2Failed = receiver.log.slice(p2From).filter((a) => a.status >= 300).length
  checks.check('flaky: signatures verify', receiver.badSignatures() === 0, `${receiver.badSignatures()} bad`)
  const dead = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letter_webhooks WHERE endpoint_id = $1', [
      endpointId,
    ])
  ).rows[0]!.n
  checks.check('flaky: nothing dead-lettered', dead === 0, `${dead} dead letters`)
  console.log(
    `30 %-failing receiver, ${events} events: ${p2Drained.size} delivered in ${drainSeconds.toFixed(1)} s (commit of the first → last delivered); ` +
      `${p2Requests} requests, ${p2Failed} answered 503, ${p2Records.attempts} attempts logged; retry schedule ${retrySchedule} ms`,
  )

  checks.finish('webhooks', {
    events,
    healthy_delivered: p1Drained.size,
    first_attempt_success_pct: Number(firstAttemptPct.toFixed(3)),
    commit_to_receiver_p50_ms: Number(percentile(latencies, 50).toFixed(1)),
    commit_to_receiver_p99_ms: Number(percentile(latencies, 99).toFixed(1)),
    healthy_seconds: Number(p1Seconds.toFixed(2)),
    flaky_delivered: p2Drained.size,
    flaky_requests: p2Requests,
    flaky_failed_requests: p2Failed,
    flaky_drain_seconds: Number(drainSeconds.toFixed(2)),
    retry_schedule_ms: retrySchedule,
  })
} finally {
  await receiver.close()
  await db.close()
  await server.stop()
}
