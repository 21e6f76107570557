// npm run bench:graphql — a sponsor dashboard over GraphQL on Postgres: the sponsor with its tier, a page of 50
// leads with their interactions and capturers, and the statistics, in one query, at concurrency 16. Prints p50/p99
// of successful answers (failures counted apart) and the SQL statements each query issued (extensions.sqlStatements).
// Checks every answer against the database (50 leads, their ids in order, each lead's interactions, the totals);
// exit 1 when any differs or p99 is above 20 ms. Ends with one JSON line.
// Knobs: BENCH_QUERIES (4000), BENCH_CONCURRENCY (16), BENCH_LEADS (300).
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../../server/db/open-database'
import { sampleEvent } from '../support/api-client'
import { BenchChecks, countStatuses, ms, percentile, request, startBenchServer } from './bench-support'

const queries = Number(process.env.BENCH_QUERIES ?? 4000)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
const leadCount = Number(process.env.BENCH_LEADS ?? 300)
const warmup = 300
const p99Target = 20

const dashboard = `query Dashboard($s: ID!) {
  sponsorWithTier(id: $s) { sponsor { id companyName logoUrl } tier { name color benefits } sponsorship { boothLocation isFeatured } }
  sponsorLeads(sponsorId: $s, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name company intentScore intentLevel followUpStatus isStarred lastCapturedAt
      interactions { type points at } capturedBy { name } } }
  }
  sponsorStats(sponsorId: $s) { total starred byIntentLevel { hot warm cold } byFollowUpStatus { status leads } byRep { user { name } leads } }
}`

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
  return { token: body.access_token as string, orgId: body.orgs[0].id as string }
}

async function main() {
  const server = await startBenchServer({
    LEAD_CAPTURES_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_MINUTE: '100000000',
    GRAPHQL_SQL_COUNTS: 'true',
  })
  const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'unused' })
  const checks = new BenchChecks()
  try {
    console.log(
      `bench:graphql — server ${server.url} on Postgres; ${queries} dashboard queries, ${concurrency} in flight, ${leadCount} leads`,
    )
    const organizer = await signUp(server.url, 'organizer', 'Bench Host')
    const asOrganizer = { authorization: `Bearer ${organizer.token}`, 'x-org-id': organizer.orgId }
    const eventId = (await request(server.url, 'POST', '/v1/events', asOrganizer, sampleEvent)).body.id as string
    const tiers = await request(
      server.url,
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsor-tiers/defaults`,
      asOrganizer,
    )
    const owner = await signUp(server.url, 'sponsor', 'Bench Sponsor')
    const added = await request(
      server.url,
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsors`,
      asOrganizer,
      { sponsor_org_id: owner.orgId, tier_id: tiers.body.data[0].id, booth_location: 'Hall B 12' },
    )
    const sponsorId = added.body.id as string
    const asSponsor = { authorization: `Bearer ${owner.token}`, 'x-org-id': owner.orgId }
    const attendees = Array.from({ length: leadCount }, (_, i) => ({
      badge_code: `GQ-${i}`,
      name: `Guest ${i}`,
      company: `Company ${i % 17}`,
      consent_to_share: true,
    }))
    await request(server.url, 'POST', `/v1/events/${eventId}/attendees`, asOrganizer, attendees)
    const kinds = ['booth_visit', 'demo_request', 'content_download', 'direct_request']
    for (let i = 0; i < leadCount; i++) {
      for (let k = 0; k <= i % 3; k++) {
        const captured = await request(
          server.url,
          'POST',
          `/v1/events/${eventId}/sponsors/${sponsorId}/capture-lead`,
          asSponsor,
          { lead_id: randomUUID(), badge_code: `GQ-${i}`, interaction: kinds[(i + k) % kinds.length] },
        )
        if (captured.status >= 300) throw new Error(`capture: ${captured.status} ${JSON.stringify(captured.body)}`)
      }
    }
    await db.query('ANALYZE leads')

    // What every answer must say, from the database.
    const expected = await db.query<{ id: string; interactions: unknown[] }>(
      'SELECT id, interactions FROM leads WHERE sponsor_id = $1 AND NOT is_archived ORDER BY last_captured_at DESC, id DESC LIMIT 50',
      [sponsorId],
    )
    const expectedIds = expected.rows.map((r) => r.id).join(',')
    const expectedInteractions = new Map(expected.rows.map((r) => [r.id, r.interactions.length]))
    const verify = (body: any): string | null => {
      if (body?.errors) return `errors: ${JSON.stringify(body.errors).slice(0, 200)}`
      const data = body?.data
      if (data?.sponsorWithTier?.tier?.name !== 'Platinum') return 'tier'
      const edges = data.sponsorLeads?.edges ?? []
      if (edges.map((e: { node: { id: string } }) => e.node.id).join(',') !== expectedIds) return 'lead page'
      if (
        edges.some(
          (e: { node: { id: string; interactions: unknown[]; capturedBy: { name: string } | null } }) =>
            e.node.interactions.length !== expectedInteractions.get(e.node.id) || !e.node.capturedBy,
        )
      )
        return 'interactions or capturer'
      if (data.sponsorLeads.totalCount !== leadCount || data.sponsorStats.total !== leadCount) return 'totals'
      return null
    }

    const run = async (count: number) => {
      const latencies: number[] = []
      const statuses = new Map<number, number>()
      const statementCounts = new Set<number>()
      let wrong = 0
      let next = 0
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < count) {
            next++
            const started = performance.now()
            const { status, body } = await request(server.url, 'POST', '/graphql', asSponsor, {
              query: dashboard,
              variables: { s: sponsorId },
            })
            const took = performance.now() - started
            const problem = status === 200 ? verify(body) : `status ${status}`
            statuses.set(status, (statuses.get(status) ?? 0) + 1)
            if (problem) {
              wrong++
              if (wrong <= 3) checks.check('dashboard answer', false, problem)
              continue
            }
            latencies.push(took)
            statementCounts.add(body.extensions.sqlStatements)
          }
        }),
      )
      return { latencies: latencies.sort((a, b) => a - b), statuses, statementCounts, wrong }
    }

    await run(warmup)
    const started = performance.now()
    const measured = await run(queries)
    const seconds = (performance.now() - started) / 1000
    const { ok, failed, text } = countStatuses(measured.statuses, (s) => s === 200)
    const p50 = percentile(measured.latencies, 50)
    const p99 = percentile(measured.latencies, 99)
    const statements = [...measured.statementCounts]
    console.log(`answers: ${text}; verified ${measured.latencies.length}, wrong ${measured.wrong}`)
    console.log(
      `dashboard query (sponsor + tier + 50 leads with interactions and capturers + stats): p50 ${ms(p50)}, p99 ${ms(p99)}, ${(measured.latencies.length / seconds).toFixed(0)} queries/s (successes only)`,
    )
    console.log(
      `SQL statements per dashboard query: ${statements.join(', ')} (round trips incl. BEGIN/COMMIT, access checks and loaders)`,
    )
    checks.check(
      'every answer verified',
      measured.wrong === 0 && failed === 0,
      `${measured.wrong} wrong, ${failed} failed`,
    )
    checks.check('one statement count for every query', statements.length === 1, statements.join(','))
    checks.check(`p99 ≤ ${p99Target} ms`, p99 <= p99Target, ms(p99))
    checks.finish('graphql', {
      queries: measured.latencies.length,
      concurrency,
      leads: leadCount,
      succeeded: ok,
      failed,
      p50_ms: Number(p50.toFixed(2)),
      p99_ms: Number(p99.toFixed(2)),
      queries_per_s: Number((measured.latencies.length / seconds).toFixed(1)),
      sql_statements_per_query: statements.length === 1 ? statements[0] : statements,
    })
  } finally {
    await db.close()
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
