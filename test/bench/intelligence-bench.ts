// npm run bench:intelligence — the stats pipeline and matching at scale on Postgres: `npm run server` on a
// fresh database; ingestion over HTTP with an API key (10,000-row batches, BENCH_INGEST_CONCURRENCY in
// flight); the hourly rollup over BENCH_IMPRESSIONS impressions (default 10,000,000, generated in SQL);
// a full match computation of BENCH_EVENTS × BENCH_SPONSORS pairs (default 1,000 × 1,000) with a sample
// checked against the TypeScript formula; recommendations p50/p99 over HTTP for both sides.
// Prints figures, checks its own outcome (exit 1 when wrong) and ends with one JSON line.
import { randomUUID } from 'node:crypto'
import { openDatabase } from '../../server/db/open-database'
import {
  computeMatch,
  type AudienceInsights,
  type EventFacts,
  type SponsorTargeting,
} from '../../server/intelligence/match-formula'
import { computeMatches } from '../../server/intelligence/match-sql'
import { runStatsRollup } from '../../server/intelligence/stats-rollup'
import { api, sampleEvent, signUp } from '../support/api-client'
import { percentile, request, startBenchServer } from './bench-support'

const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const ingestRows = knob('BENCH_INGEST', 500_000)
const ingestConcurrency = knob('BENCH_INGEST_CONCURRENCY', 4)
const impressions = knob('BENCH_IMPRESSIONS', 10_000_000)
const eventCount = knob('BENCH_EVENTS', 1000)
const sponsorCount = knob('BENCH_SPONSORS', 1000)
const recRequests = knob('BENCH_REC_REQUESTS', 300)
const sampleSize = knob('BENCH_SAMPLE', 500)

const failures: string[] = []
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what)
}
const pick = <T>(xs: readonly T[], n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => xs[(seed * 7 + i * 13) % xs.length]!).filter((x, i, a) => a.indexOf(x) === i)
const categories = ['music', 'technology', 'food', 'art', 'sports', 'gaming', 'fashion', 'health', 'film', 'business']
const regions = ['US', 'CA', 'MX', 'GB', 'DE', 'FR', 'TX', 'NY', 'ON', 'BR']
const words = [
  'festival',
  'startups',
  'founders',
  'live',
  'indie',
  'summit',
  'craft',
  'wellness',
  'esports',
  'design',
  'awareness',
  'leads',
]

const server = await startBenchServer({ RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'warn' })
const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://', poolSize: 4 })
try {
  const organizer = await signUp(server.url, 'organizer', 'Bench Host')
  const asOrg = { token: organizer.access_token, orgId: organizer.orgId }
  const event = await api(server.url, 'POST', '/v1/events', { ...asOrg, body: sampleEvent })
  const key = await api(server.url, 'POST', `/v1/organizations/${organizer.orgId}/api-keys`, {
    ...asOrg,
    body: { name: 'bench' },
  })
  const ingestEventId: string = event.body.id

  // 1. Ingestion over HTTP.
  const batches = Math.ceil(ingestRows / 10_000)
  const now = Date.now()
  const batchBody = (b: number) => ({
    batch_id: `bench-${b}`,
    rows: Array.from({ length: Math.min(10_000, ingestRows - b * 10_000) }, (_, i) => ({
      created_at: new Date(now - ((b * 10_000 + i) % 86_400) * 1000).toISOString(),
      session_id: `s${i % 5000}`,
      country: regions[i % 6],
      age_bucket: '25-34',
    })),
  })
  const bodies = Array.from({ length: batches }, (_, b) => batchBody(b))
  let accepted = 0
  let next = 0
  const ingestStart = performance.now()
  await Promise.all(
    Array.from({ length: ingestConcurrency }, async () => {
      while (next < batches) {
        const b = next++
        const r = await request(
          server.url,
          'POST',
          `/v1/events/${ingestEventId}/impressions`,
          { authorization: `Bearer ${key.body.key}` },
          bodies[b],
        )
        if (r.status === 200 && !r.body.duplicate) accepted += r.body.accepted
        else failures.push(`batch ${b}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
      }
    }),
  )
  const ingestSeconds = (performance.now() - ingestStart) / 1000
  const stored = Number(
    (await db.query('SELECT count(*) AS n FROM event_impressions_p WHERE event_id = $1', [ingestEventId])).rows[0]!.n,
  )
  check(
    stored === accepted && accepted === ingestRows,
    `ingestion stored ${stored}, accepted ${accepted}, sent ${ingestRows}`,
  )
  const ingestRate = Math.round(accepted / ingestSeconds)
  console.log(
    `ingestion: ${accepted} impressions in ${ingestSeconds.toFixed(2)} s = ${ingestRate} rows/s (${ingestConcurrency} batches of 10,000 in flight)`,
  )

  // 2. Events and sponsors for the rollup and matching, written in SQL.
  const events: { id: string; facts: EventFacts; insights: AudienceInsights }[] = Array.from(
    { length: eventCount },
    (_, i) => ({
      id: randomUUID(),
      facts: {
        title: `${words[i % words.length]} ${words[(i * 5) % words.length]} ${i}`,
        categories: pick(categories, 1 + (i % 3), i),
        country: regions[i % 6]!,
        region: regions[6 + (i % 4)]!,
        interests: pick(words, 2, i + 3),
        brandSafetyTags: i % 10 === 0 ? ['gambling'] : [],
      },
      insights: {
        geoDistribution: Object.fromEntries(pick(regions.slice(0, 6), 3, i).map((r, j) => [r, 100 * (j + 1)])),
        engagementScore: (i % 100) / 100,
        ticketConversionRate: (i % 37) / 100,
      },
    }),
  )
  await db.query(
    `INSERT INTO events (id, org_id, title, start_at, end_at, country, region, categories, target_audience, brand_safety_tags)
     SELECT id, $2, title, now() + interval '30 days', now() + interval '31 days', country, region, string_to_array(cats, ','), jsonb_build_object('interests', string_to_array(ints, ',')), string_to_array(tags, ',')
     FROM unnest($1::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t (id, title, country, region, cats, ints, tags)`,
    [
      events.map((e) => e.id),
      organizer.orgId,
      events.map((e) => e.facts.title),
      events.map((e) => e.facts.country),
      events.map((e) => e.facts.region),
      events.map((e) => e.facts.categories.join(',')),
      events.map((e) => e.facts.interests.join(',')),
      events.map((e) => e.facts.brandSafetyTags.join(',')),
    ],
  )
  await db.query(`UPDATE events SET brand_safety_tags = '{}' WHERE brand_safety_tags = '{""}'`)
  await db.query(
    `INSERT INTO event_audience_insights (event_id, org_id, geo_distribution, engagement_score, ticket_conversion_rate)
     SELECT id, $2, geo::jsonb, eng, conv FROM unnest($1::uuid[], $3::text[], $4::float8[], $5::float8[]) AS t (id, geo, eng, conv)`,
    [
      events.map((e) => e.id),
      organizer.orgId,
      events.map((e) => JSON.stringify(e.insights.geoDistribution)),
      events.map((e) => e.insights.engagementScore),
      events.map((e) => e.insights.ticketConversionRate),
    ],
  )
  await db.query(
    `INSERT INTO sponsorship_packages (org_id, event_id, title, tier, price_cents, currency, inventory, is_active, visibility, published_at)
     SELECT $2, id, 'Gold', 'gold', 100000, 'USD', 3, true, 'public', now() FROM unnest($1::uuid[]) id`,
    [events.map((e) => e.id), organizer.orgId],
  )

  const self = await signUp(server.url, 'sponsor', 'Bench Sponsor')
  const asSelf = { token: self.access_token, orgId: self.orgId }
  const selfId: string = (await api(server.url, 'GET', '/v1/my-sponsors', { token: self.access_token })).body.data[0].id
  const targeting = (i: number): SponsorTargeting => ({
    annualBudgetCents: (i % 50) * 100_000,
    preferredCategories: pick(categories, 1 + (i % 4), i + 1),
    regions: pick(regions, 1 + (i % 3), i + 2),
    keywords: pick(words, 2, i),
    goals: pick(words, 1, i + 5),
    interests: pick(words, 1, i + 7),
    avoidTags: i % 7 === 0 ? ['gambling'] : [],
  })
  const sponsors: { id: string; t: SponsorTargeting }[] = [{ id: selfId, t: targeting(0) }]
  const selfPatch = await api(server.url, 'PATCH', `/v1/sponsors/${selfId}/profile`, {
    ...asSelf,
    body: {
      annual_budget_cents: sponsors[0]!.t.annualBudgetCents,
      preferred_categories: sponsors[0]!.t.preferredCategories,
      regions: sponsors[0]!.t.regions,
      brand_objectives: { keywords: sponsors[0]!.t.keywords, goals: sponsors[0]!.t.goals },
      target_audience: { age_buckets: [], interests: sponsors[0]!.t.interests },
      activation_preferences: { avoid_tags: sponsors[0]!.t.avoidTags },
    },
  })
  check(selfPatch.status === 200, `sponsor profile PATCH answered ${selfPatch.status}`)
  const more = Array.from({ length: sponsorCount - 1 }, (_, k) => ({
    id: randomUUID(),
    org: randomUUID(),
    t: targeting(k + 1),
  }))
  await db.query(
    `INSERT INTO organizations (id, name, kind) SELECT id, 'Bench sponsor', 'sponsor' FROM unnest($1::uuid[]) id`,
    [more.map((s) => s.org)],
  )
  await db.query(
    `INSERT INTO sponsors (id, org_id, company_name) SELECT * , 'Bench sponsor' FROM unnest($1::uuid[], $2::uuid[])`,
    [more.map((s) => s.id), more.map((s) => s.org)],
  )
  await db.query(
    `INSERT INTO sponsor_profiles (sponsor_id, org_id, annual_budget_cents, preferred_categories, regions, brand_objectives, target_audience, activation_preferences)
     SELECT id, org, budget, string_to_array(cats, ','), string_to_array(regs, ','), objectives::jsonb, audience::jsonb, prefs::jsonb
     FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t (id, org, budget, cats, regs, objectives, audience, prefs)`,
    [
      more.map((s) => s.id),
      more.map((s) => s.org),
      more.map((s) => s.t.annualBudgetCents),
      more.map((s) => s.t.preferredCategories.join(',')),
      more.map((s) => s.t.regions.join(',')),
      more.map((s) => JSON.stringify({ keywords: s.t.keywords, goals: s.t.goals })),
      more.map((s) => JSON.stringify({ age_buckets: [], interests: s.t.interests })),
      more.map((s) => JSON.stringify({ avoid_tags: s.t.avoidTags })),
    ],
  )
  sponsors.push(...more.map((s) => ({ id: s.id, t: s.t })))
  await db.query('DELETE FROM fit_recalc_queue')

  // 3. The hourly rollup over the generated impressions.
  const genStart = performance.now()
  const chunk = 1_000_000
  for (let done = 0; done < impressions; done += chunk) {
    await db.query(
      `INSERT INTO event_impressions_p (event_id, created_at, country)
       SELECT ($1::uuid[])[1 + g % $3], now() - ((g * 7919) % 2592000) * interval '1 second', (ARRAY['US','CA','GB','DE'])[1 + g % 4]
       FROM generate_series($2::bigint, $2::bigint + $4 - 1) g`,
      [events.map((e) => e.id), done, events.length, Math.min(chunk, impressions - done)],
    )
  }
  await db.query('ANALYZE event_impressions_p')
  console.log(`generated ${impressions} impressions in ${((performance.now() - genStart) / 1000).toFixed(1)} s`)
  const rollup = await runStatsRollup(db)
  const totals = await db.query(
    `SELECT sum(metric_value)::bigint AS s FROM event_stat_snapshots WHERE metric_key = 'impressions_total' AND captured_at = $1`,
    [rollup.captured_at],
  )
  const all = await db.query('SELECT count(*)::bigint AS n FROM event_impressions_p')
  check(
    Number(totals.rows[0]!.s) === Number(all.rows[0]!.n) && Number(all.rows[0]!.n) === impressions + accepted,
    `rollup counted ${totals.rows[0]!.s} of ${all.rows[0]!.n} impressions`,
  )
  console.log(
    `hourly rollup: ${rollup.snapshots} snapshots over ${Number(all.rows[0]!.n)} impressions in ${rollup.duration_ms} ms (insights changed: ${rollup.insights_changed})`,
  )

  // 4. A full match computation, checked against the reference formula.
  await db.query('DELETE FROM fit_recalc_queue')
  const matchStart = performance.now()
  const pairs = await computeMatches(db, { all: true })
  const matchMs = Math.round(performance.now() - matchStart)
  check(
    pairs === (eventCount + 1) * sponsorCount,
    `match computation wrote ${pairs} pairs, not ${(eventCount + 1) * sponsorCount}`,
  )
  console.log(
    `full match computation: ${pairs} pairs in ${matchMs} ms (${Math.round(pairs / (matchMs / 1000))} pairs/s)`,
  )
  // The rollup just rewrote the insights; the formula gets what the database now holds.
  const held = await db.query<{
    event_id: string
    geo_distribution: Record<string, number>
    engagement_score: number
    ticket_conversion_rate: number
  }>('SELECT event_id, geo_distribution, engagement_score, ticket_conversion_rate FROM event_audience_insights')
  const insightsOf = new Map(
    held.rows.map((r) => [
      r.event_id,
      {
        geoDistribution: r.geo_distribution,
        engagementScore: r.engagement_score,
        ticketConversionRate: r.ticket_conversion_rate,
      },
    ]),
  )
  let mismatches = 0
  for (let k = 0; k < sampleSize; k++) {
    const e = events[(k * 7919) % events.length]!
    const s = sponsors[(k * 104729) % sponsors.length]!
    const row = (
      await db.query('SELECT score FROM sponsorship_matches WHERE event_id = $1 AND sponsor_id = $2', [e.id, s.id])
    ).rows[0]
    const expected = computeMatch(s.t, e.facts, insightsOf.get(e.id) ?? null).score
    if (!row || Math.abs(row.score - expected) > 1e-6) {
      mismatches++
      if (mismatches <= 3) console.log(`mismatch ${e.id} × ${s.id}: database ${row?.score}, formula ${expected}`)
    }
  }
  check(mismatches === 0, `${mismatches} of ${sampleSize} sampled scores differ from the formula`)
  console.log(`checked ${sampleSize} sampled pairs against the TypeScript formula: ${mismatches} mismatches`)

  // 5. Recommendations over HTTP.
  const timeRequests = async (path: (i: number) => string, headers: Record<string, string>) => {
    const times: number[] = []
    for (let i = 0; i < recRequests; i++) {
      const t = performance.now()
      const r = await request(server.url, 'GET', path(i), headers)
      times.push(performance.now() - t)
      if (r.status !== 200 || !Array.isArray(r.body.data)) failures.push(`recommendations ${r.status}`)
      else if (r.body.data.some((m: { score: number }) => m.score < 0.5))
        failures.push('a recommendation under its threshold')
    }
    return times.sort((a, b) => a - b)
  }
  const orgTimes = await timeRequests((i) => `/v1/events/${events[i % events.length]!.id}/sponsor-recommendations`, {
    authorization: `Bearer ${organizer.access_token}`,
    'x-org-id': organizer.orgId,
  })
  const sponsorTimes = await timeRequests(() => `/v1/sponsors/${selfId}/event-recommendations`, {
    authorization: `Bearer ${self.access_token}`,
    'x-org-id': self.orgId,
  })
  console.log(
    `sponsor recommendations: p50 ${percentile(orgTimes, 50).toFixed(2)} ms, p99 ${percentile(orgTimes, 99).toFixed(2)} ms; event recommendations: p50 ${percentile(sponsorTimes, 50).toFixed(2)} ms, p99 ${percentile(sponsorTimes, 99).toFixed(2)} ms`,
  )

  for (const f of failures.slice(0, 10)) console.log(`FAILED: ${f}`)
  console.log(
    JSON.stringify({
      bench: 'intelligence',
      ok: failures.length === 0,
      ingest_rows: accepted,
      ingest_rows_per_s: ingestRate,
      rollup_impressions: Number(all.rows[0]!.n),
      rollup_ms: rollup.duration_ms,
      match_pairs: pairs,
      match_ms: matchMs,
      sample_checked: sampleSize,
      sample_mismatches: mismatches,
      sponsor_recs_p99_ms: Number(percentile(orgTimes, 99).toFixed(2)),
      event_recs_p99_ms: Number(percentile(sponsorTimes, 99).toFixed(2)),
    }),
  )
} finally {
  await db.close()
  await server.stop()
}
process.exit(failures.length === 0 ? 0 : 1)
