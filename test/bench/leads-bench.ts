// npm run bench:leads — drives the online capture endpoint on Postgres over HTTP with concurrent
// representatives, and a socket.io client subscribed to the sponsor's lead room. Prints captures/s (successful
// captures only; failures are counted apart), request p50/p99, and the p99 time from sending a capture to its
// lead.captured.new at the socket. It checks that the database holds one lead per badge captured and one capture
// per successful request, and that the socket announced every new lead; exit 1 when not. Ends with one JSON line.
// Knobs: BENCH_CAPTURES (20000), BENCH_CONCURRENCY (16), BENCH_REPS (16), BENCH_REPEAT_SHARE (0.1).
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { io } from 'socket.io-client'
import { rolePermissions } from '../../shared/sponsors/permissions'
import { openDatabase } from '../../server/db/open-database'
import { upsertSponsorUser } from '../../server/repositories/sponsor-people-repository'
import { sampleEvent } from '../support/api-client'
import { BenchChecks, countStatuses, ms, percentile, request, startBenchServer } from './bench-support'

const captures = Number(process.env.BENCH_CAPTURES ?? 20_000)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
const repCount = Number(process.env.BENCH_REPS ?? 16)
const repeatShare = Number(process.env.BENCH_REPEAT_SHARE ?? 0.1)
const warmup = 1000
const attendeeCount = captures + warmup

async function signUp(url: string, kind: 'organizer' | 'sponsor', name: string) {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${randomUUID().slice(0, 8)}@bench.example`
  const { status, body } = await request(
    url,
    'POST',
    '/v1/auth/signup',
    {},
    { email, password: 'bench password 123', name, org_name: `${name} Org`, org_kind: kind },
  )
  if (status !== 201) throw new Error(`signup: ${status} ${JSON.stringify(body)}`)
  return { token: body.access_token as string, userId: body.user.id as string, orgId: body.orgs[0].id as string }
}

async function main() {
  const server = await startBenchServer({ LEAD_CAPTURES_PER_MINUTE: '100000000' })
  const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://' })
  try {
    console.log(
      `bench:leads — server ${server.url} on Postgres; ${captures} captures, ${concurrency} in flight, ${repCount} representatives, ${Math.round(repeatShare * 100)}% repeat captures`,
    )
    const organizer = await signUp(server.url, 'organizer', 'Bench Host')
    const asOrganizer = { authorization: `Bearer ${organizer.token}`, 'x-org-id': organizer.orgId }
    const event = await request(server.url, 'POST', '/v1/events', asOrganizer, sampleEvent)
    const eventId = event.body.id as string
    const tiers = await request(
      server.url,
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsor-tiers/defaults`,
      asOrganizer,
    )
    const sponsorOwner = await signUp(server.url, 'sponsor', 'Bench Sponsor')
    const added = await request(
      server.url,
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsors`,
      asOrganizer,
      { sponsor_org_id: sponsorOwner.orgId, tier_id: tiers.body.data[0].id },
    )
    const sponsorId = added.body.id as string

    const reps: Record<string, string>[] = []
    for (let i = 0; i < repCount; i++) {
      const rep = await signUp(server.url, 'organizer', `Rep ${i}`)
      await upsertSponsorUser(db, {
        sponsorId,
        sponsorOrgId: sponsorOwner.orgId,
        userId: rep.userId,
        role: 'representative',
        permissions: rolePermissions.representative,
      })
      reps.push({ authorization: `Bearer ${rep.token}`, 'x-org-id': sponsorOwner.orgId })
    }
    for (let start = 0; start < attendeeCount; start += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, attendeeCount - start) }, (_, i) => ({
        badge_code: `B${start + i}`,
        name: `Attendee ${start + i}`,
        email: `a${start + i}@bench.example`,
        company: 'Bench Co',
        consent_to_share: true,
      }))
      const response = await request(server.url, 'POST', `/v1/events/${eventId}/attendees`, asOrganizer, batch)
      if (response.status !== 200) throw new Error(`attendees: ${response.status}`)
    }

    const socket = io(server.url, { auth: { token: sponsorOwner.token }, transports: ['websocket'] })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('connect_error', reject)
    })
    const joined = await socket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: sponsorId })
    if (!joined.ok) throw new Error(`join: ${JSON.stringify(joined)}`)
    const sentAt = new Map<string, number>()
    const socketLatencies: number[] = []
    socket.on('lead.captured.new', (lead: { id: string }) => {
      const sent = sentAt.get(lead.id)
      if (sent !== undefined) socketLatencies.push(performance.now() - sent)
    })

    const path = `/v1/events/${eventId}/sponsors/${sponsorId}/capture-lead`
    const statuses = new Map<number, number>()
    const latencies: number[] = []
    // What the database must hold afterwards: the badges captured and the successful captures, warm-up included.
    const capturedBadges = new Set<string>()
    let successfulCaptures = 0
    let nextBadge = 0
    async function run(total: number, record: boolean) {
      let issued = 0
      const worker = async (w: number) => {
        while (issued < total) {
          const n = issued++
          const isRepeat = nextBadge > 100 && n % Math.round(1 / repeatShare) === 0
          const badge = isRepeat ? `B${Math.floor((n * 7919) % nextBadge)}` : `B${nextBadge++}`
          const leadId = randomUUID()
          const started = performance.now()
          if (record && !isRepeat) sentAt.set(leadId, started)
          const response = await request(server.url, 'POST', path, reps[(w + n) % reps.length]!, {
            lead_id: leadId,
            badge_code: badge,
            interaction: 'booth_visit',
          })
          const isSuccess = response.status === 201 || response.status === 200
          if (isSuccess) {
            successfulCaptures++
            capturedBadges.add(badge)
          } else {
            sentAt.delete(leadId)
          }
          if (record) {
            if (isSuccess) latencies.push(performance.now() - started)
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          }
        }
      }
      const started = performance.now()
      await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)))
      return (performance.now() - started) / 1000
    }

    await run(warmup, false)
    // Steady state: fresh statistics, as autovacuum keeps them on a running server.
    await db.query('ANALYZE')
    const seconds = await run(captures, true)
    // Give the last events time to arrive before counting what the socket received.
    for (let waited = 0; socketLatencies.length < sentAt.size && waited < 5000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100))
    socket.disconnect()

    latencies.sort((a, b) => a - b)
    socketLatencies.sort((a, b) => a - b)
    const stored = (
      await db.query<{ n: number; c: number }>(
        'SELECT count(*)::int AS n, coalesce(sum(capture_count), 0)::int AS c FROM leads',
      )
    ).rows[0]!
    const answers = countStatuses(statuses, (status) => status === 201 || status === 200)
    const rate = answers.ok / seconds
    console.log(
      `captures/s:            ${rate.toFixed(0)}  (${answers.ok} successful captures in ${seconds.toFixed(2)} s)`,
    )
    console.log(
      `request latency:       p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)}`,
    )
    console.log(
      `capture → socket:      p50 ${ms(percentile(socketLatencies, 50))}, p99 ${ms(percentile(socketLatencies, 99))} (${socketLatencies.length} lead.captured.new received of ${sentAt.size} new leads)`,
    )
    console.log(`responses:             ${answers.text}; ${answers.failed} failed`)
    console.log(
      `stored:                ${stored.n} leads holding ${stored.c} captures (${capturedBadges.size} distinct badges captured, warm-up included)`,
    )
    const checks = new BenchChecks()
    checks.check('every request succeeded', answers.failed === 0, `${answers.failed} failed (${answers.text})`)
    checks.check(
      'one lead per badge captured',
      stored.n === capturedBadges.size,
      `${stored.n} leads for ${capturedBadges.size} badges`,
    )
    checks.check(
      'one capture per successful request',
      stored.c === successfulCaptures,
      `${stored.c} captures stored for ${successfulCaptures} successful requests`,
    )
    checks.check(
      'the socket announced every new lead',
      socketLatencies.length === sentAt.size,
      `${socketLatencies.length} of ${sentAt.size}`,
    )
    checks.finish('leads', {
      captures: answers.ok,
      failed: answers.failed,
      concurrency,
      captures_per_s: Math.round(rate),
      p50_ms: Number(percentile(latencies, 50).toFixed(2)),
      p99_ms: Number(percentile(latencies, 99).toFixed(2)),
      socket_p50_ms: Number(percentile(socketLatencies, 50).toFixed(2)),
      socket_p99_ms: Number(percentile(socketLatencies, 99).toFixed(2)),
      stored_leads: stored.n,
      stored_captures: stored.c,
    })
  } finally {
    await db.close()
    await server.stop()
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
