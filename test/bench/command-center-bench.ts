// npm run bench:command-center — the command center on Postgres at show scale: `npm run server` on a fresh
// database with BENCH_EVENTS events (20), BENCH_SPONSORS sponsors (200), BENCH_LEADS leads (1,000,000) and
// BENCH_ORDERS orders (50,000; with payouts for the paid ones) written in bulk — the command center's counter triggers
// on, the outbox and change-log triggers off — and a workspace of 20 widgets. Prints the 5-minute rollup's duration,
// widget data for the 20-widget workspace (every cache rebuilt: p50/p99), and capture → command_center.delta with
// BENCH_SUBSCRIBERS (200) sockets in the room while BENCH_CAPTURES (2,000) captures arrive BENCH_CONCURRENCY (16) at a
// time (p50/p99; the achieved captures/s is printed). Checks the rollup's and the tiles' figures against the base
// tables (count(*) and sums over leads, orders and payouts), the counters against count(*) after the captures, and
// that every subscriber heard every new lead; exit 1 when not. The replica's first paint is not measured here.
// Ends with one JSON line.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { openDatabase } from '../../server/db/open-database'
import { runCommandCenterRollup } from '../../server/workspaces/command-center-rollup'
import { sampleEvent } from '../support/api-client'
import { BenchChecks, countStatuses, ms, percentile, request, startBenchServer } from './bench-support'

const eventCount = Number(process.env.BENCH_EVENTS ?? 20)
const sponsorCount = Number(process.env.BENCH_SPONSORS ?? 200)
const leadCount = Number(process.env.BENCH_LEADS ?? 1_000_000)
const orderCount = Number(process.env.BENCH_ORDERS ?? 50_000)
const subscriberCount = Number(process.env.BENCH_SUBSCRIBERS ?? 200)
const captures = Number(process.env.BENCH_CAPTURES ?? 2000)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
const widgetRounds = 30

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

const widgets: [string, string, Record<string, unknown>][] = [
  ['gmv', 'kpi_tile', { metric: 'gmv' }],
  ['leads-today', 'kpi_tile', { metric: 'leads_today' }],
  ['hot', 'kpi_tile', { metric: 'hot_leads' }],
  ['open', 'kpi_tile', { metric: 'open_proposals' }],
  ['sold', 'kpi_tile', { metric: 'packages_sold' }],
  ['orders', 'kpi_tile', { metric: 'orders_by_escrow' }],
  ['payouts', 'kpi_tile', { metric: 'payouts' }],
  ['per-hour', 'time_series', { series: 'leads_per_hour', range: 24 }],
  ['per-hour-72', 'time_series', { series: 'leads_per_hour', range: 72 }],
  ['gmv-day', 'time_series', { series: 'gmv_per_day', range: 30 }],
  ['funnel', 'funnel', {}],
  ['sponsors', 'leaderboard', { board: 'sponsors_by_leads', limit: 10 }],
  ['reps', 'leaderboard', { board: 'representatives_by_captures', limit: 10 }],
  ['ticker', 'capture_ticker', { limit: 10 }],
  ['ticker-20', 'capture_ticker', { limit: 20 }],
  ['leads-today-2', 'kpi_tile', { metric: 'leads_today', title: 'Today' }],
  ['hot-2', 'kpi_tile', { metric: 'hot_leads', title: 'Hot' }],
  ['funnel-2', 'funnel', { title: 'Funnel' }],
  ['sponsors-5', 'leaderboard', { board: 'sponsors_by_leads', limit: 5 }],
  ['per-hour-6', 'time_series', { series: 'leads_per_hour', range: 6 }],
]

/** BENCH_ORDERS orders over 5 packages per event, funded over the last 30 days, in every escrow state; paid ones have a payout. */
async function loadOrders(db: Awaited<ReturnType<typeof openDatabase>>, orgId: string, eventIds: string[]) {
  await db.query(
    `INSERT INTO sponsorship_packages (org_id, event_id, title, tier, price_cents, currency, inventory)
     SELECT $1, e, 'Bench package ' || n, 'Gold', 500000, 'USD', 100000 FROM unnest($2::uuid[]) e, generate_series(1, 5) n`,
    [orgId, eventIds],
  )
  await db.query(
    `WITH s AS (SELECT es.sponsor_id, es.sponsor_org_id, es.event_id, row_number() OVER (ORDER BY es.sponsor_id) - 1 AS n
                FROM event_sponsorships es JOIN sponsors sp ON sp.id = es.sponsor_id WHERE sp.company_name LIKE 'Bench Sponsor %'),
     p AS (SELECT id, event_id, row_number() OVER (PARTITION BY event_id ORDER BY id) - 1 AS n FROM sponsorship_packages WHERE org_id = $1),
     o AS (SELECT g, s.*, now() - make_interval(mins => g % 43200) AS at,
             CASE WHEN g % 10 < 2 THEN 'pending' WHEN g % 10 < 5 THEN 'funded' WHEN g % 10 < 7 THEN 'locked' ELSE 'released' END AS state
           FROM generate_series(0, $2::int - 1) g JOIN s ON s.n = g % $3)
     INSERT INTO sponsorship_orders (org_id, sponsor_org_id, sponsor_id, event_id, package_id, package_version, amount_cents, currency,
       status, escrow_state, payout_status, refunded_cents, funded_at, locked_at, released_at)
     SELECT $1, o.sponsor_org_id, o.sponsor_id, o.event_id, p.id, 1, 10000 + (o.g % 97) * 1000, 'USD',
       CASE WHEN o.state = 'pending' THEN 'pending' ELSE 'funded' END, o.state,
       CASE WHEN o.state = 'released' THEN (CASE WHEN o.g % 2 = 1 THEN 'paid' ELSE 'queued' END) END,
       CASE WHEN o.g % 50 = 3 THEN 2500 ELSE 0 END,
       CASE WHEN o.state <> 'pending' THEN o.at END, CASE WHEN o.state IN ('locked', 'released') THEN o.at END,
       CASE WHEN o.state = 'released' THEN o.at END
     FROM o JOIN p ON p.event_id = o.event_id AND p.n = o.g % 5`,
    [orgId, orderCount, sponsorCount],
  )
  await db.query(
    `INSERT INTO sponsorship_payouts (order_id, org_id, amount_cents, fee_cents, currency, destination_account, stripe_transfer_id)
     SELECT id, org_id, amount_cents - refunded_cents, 0, 'USD', 'acct_bench', 'tr_' || id FROM sponsorship_orders
     WHERE org_id = $1 AND payout_status = 'paid'`,
    [orgId],
  )
}

async function main() {
  const server = await startBenchServer({ LEAD_CAPTURES_PER_MINUTE: '100000000', OUTBOX_POLL_MS: '50' })
  const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'unused' })
  const checks = new BenchChecks()
  const sockets: Socket[] = []
  try {
    console.log(
      `bench:command-center — server ${server.url} on Postgres; ${eventCount} events, ${sponsorCount} sponsors, ${leadCount.toLocaleString()} leads, ${subscriberCount} subscribers, ${captures} captures`,
    )
    const organizer = await signUp(server.url, 'organizer', 'Bench Host')
    const asOrganizer = { authorization: `Bearer ${organizer.token}`, 'x-org-id': organizer.orgId }
    const eventIds: string[] = []
    const tierIds: string[] = []
    for (let i = 0; i < eventCount; i++) {
      const event = await request(server.url, 'POST', '/v1/events', asOrganizer, {
        ...sampleEvent,
        title: `Bench Event ${i}`,
      })
      eventIds.push(event.body.id)
      const tiers = await request(
        server.url,
        'POST',
        `/v1/organizations/${organizer.orgId}/events/${event.body.id}/sponsor-tiers/defaults`,
        asOrganizer,
      )
      tierIds.push(tiers.body.data[0].id)
    }
    // Sponsors, leads and orders in bulk, as the server: the outbox and change-log triggers are off while loading
    // history (a million domain events would be announced); the counter triggers stay on and count it.
    const loadStarted = performance.now()
    await db.query(
      `
      WITH o AS (INSERT INTO organizations (name, kind) SELECT 'Bench Sponsor ' || g, 'sponsor' FROM generate_series(1, $1) g RETURNING id, name)
      INSERT INTO sponsors (org_id, company_name) SELECT id, name FROM o`,
      [sponsorCount],
    )
    await db.query(
      `
      INSERT INTO event_sponsorships (org_id, event_id, sponsor_id, sponsor_org_id, tier_id)
      SELECT $1, ($2::uuid[])[1 + (s.n % $4)], s.id, s.org_id, ($3::uuid[])[1 + (s.n % $4)]
      FROM (SELECT id, org_id, row_number() OVER (ORDER BY id) AS n FROM sponsors WHERE company_name LIKE 'Bench Sponsor %') s`,
      [organizer.orgId, eventIds, tierIds, eventCount],
    )
    const quiet = [
      'ALTER TABLE leads DISABLE TRIGGER leads_domain_event, DISABLE TRIGGER leads_change_log',
      'ALTER TABLE sponsorship_orders DISABLE TRIGGER sponsorship_orders_domain_event',
      'ALTER TABLE sponsorship_payouts DISABLE TRIGGER sponsorship_payouts_domain_event',
    ]
    for (const sql of quiet) await db.query(sql)
    for (let start = 0; start < leadCount; start += 100_000) {
      await db.query(
        `
        WITH s AS (SELECT es.sponsor_id, es.sponsor_org_id, es.event_id, row_number() OVER (ORDER BY es.sponsor_id) - 1 AS n
                   FROM event_sponsorships es JOIN sponsors sp ON sp.id = es.sponsor_id WHERE sp.company_name LIKE 'Bench Sponsor %')
        INSERT INTO leads (id, org_id, sponsor_id, event_id, name, consent_source, consent_confirmed_at, intent_score, intent_level, interactions,
                           first_captured_at, last_captured_at, created_at, updated_at)
        SELECT gen_random_uuid(), s.sponsor_org_id, s.sponsor_id, s.event_id, 'Bench lead', 'attendee_directory', now(), (g % 100),
               CASE WHEN g % 10 < 2 THEN 'hot' WHEN g % 10 < 6 THEN 'warm' ELSE 'cold' END, '[]'::jsonb,
               now() - make_interval(mins => g % 4320), now() - make_interval(mins => g % 4320), now() - make_interval(mins => g % 4320), now()
        FROM generate_series($1::int, $2::int) g JOIN s ON s.n = g % $3`,
        [start, Math.min(leadCount, start + 100_000) - 1, sponsorCount],
      )
    }
    await loadOrders(db, organizer.orgId, eventIds)
    for (const sql of quiet) await db.query(sql.replaceAll('DISABLE', 'ENABLE'))
    await db.query('ANALYZE leads, sponsorship_orders, sponsorship_payouts')
    console.log(
      `loaded ${leadCount.toLocaleString()} leads and ${orderCount.toLocaleString()} orders in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    )

    const ws = await request(server.url, 'POST', '/v1/sponsorship-workspaces', asOrganizer, {
      name: 'Bench',
      slug: 'bench',
      settings: { goal_gmv_cents: 100_000_000 },
    })
    const workspaceId = ws.body.id as string
    await request(server.url, 'POST', `/v1/sponsorship-workspaces/${workspaceId}/command-center`, asOrganizer, {
      capture_rollups: true,
    })
    for (const [id, type, config] of widgets) {
      const put = await request(
        server.url,
        'PUT',
        `/v1/sponsorship-workspaces/${workspaceId}/widgets/${id}`,
        asOrganizer,
        { widget_type: type, config },
      )
      if (put.status !== 201) throw new Error(`widget ${id}: ${put.status} ${JSON.stringify(put.body)}`)
    }

    // 1. The rollup, checked against the database.
    const rollupStarted = performance.now()
    const summary = await runCommandCenterRollup(db)
    const rollupMs = performance.now() - rollupStarted
    const feed = await db.query<{ metric: string; value: string }>(
      `SELECT metric, value FROM sponsorship_command_center_feed WHERE workspace_id = $1`,
      [workspaceId],
    )
    const fed = Object.fromEntries(feed.rows.map((r) => [r.metric, Number(r.value)]))
    const truth = (
      await db.query<Record<string, number>>(
        `SELECT count(*)::int AS leads, count(*) FILTER (WHERE intent_level = 'hot')::int AS hot, sum(capture_count)::int AS captures,
           (SELECT coalesce(sum(amount_cents - refunded_cents), 0)::float8 FROM sponsorship_orders WHERE event_id = ANY($1::uuid[])
              AND escrow_state IN ('funded', 'locked', 'released')) AS gmv,
           (SELECT count(*)::int FROM sponsorship_orders WHERE event_id = ANY($1::uuid[]) AND funded_at IS NOT NULL) AS funded,
           (SELECT coalesce(sum(p.amount_cents), 0)::float8 FROM sponsorship_payouts p JOIN sponsorship_orders o ON o.id = p.order_id
              WHERE o.event_id = ANY($1::uuid[])) AS paid
         FROM leads WHERE event_id = ANY($1::uuid[])`,
        [eventIds],
      )
    ).rows[0]!
    checks.check('rollup leads equal the database', fed.leads === truth.leads, `${fed.leads} vs ${truth.leads}`)
    checks.check('rollup hot leads equal the database', fed.hot_leads === truth.hot, `${fed.hot_leads} vs ${truth.hot}`)
    checks.check(
      'rollup captures equal the database',
      fed.captures === truth.captures,
      `${fed.captures} vs ${truth.captures}`,
    )
    checks.check('rollup GMV equals the database', fed.gmv_cents === truth.gmv, `${fed.gmv_cents} vs ${truth.gmv}`)
    checks.check(
      'rollup funded orders equal the database',
      fed.orders_funded === truth.funded,
      `${fed.orders_funded} vs ${truth.funded}`,
    )
    checks.check(
      'rollup payouts paid equal the database',
      fed.payouts_paid_cents === truth.paid,
      `${fed.payouts_paid_cents} vs ${truth.paid}`,
    )
    checks.check(
      'rollup covered the workspace with no widget failure',
      summary.workspaces === 1 && summary.widgetFailures === 0,
      JSON.stringify(summary),
    )

    // 2. Widget data for the 20-widget workspace, every cache rebuilt each round.
    const widgetTimes: number[] = []
    let hotTile = -1
    let gmvTile = -1
    for (let round = 0; round < widgetRounds; round++) {
      await db.query('UPDATE sponsorship_workspace_widget_cache SET is_stale = true WHERE workspace_id = $1', [
        workspaceId,
      ])
      const started = performance.now()
      const got = await request(server.url, 'GET', `/v1/sponsorship-workspaces/${workspaceId}/widgets`, asOrganizer)
      widgetTimes.push(performance.now() - started)
      checks.check('widgets answered', got.status === 200 && got.body.data.length === widgets.length, `${got.status}`)
      const tile = (id: string) =>
        got.body.data.find((w: { widget_id: string }) => w.widget_id === id)?.data?.value ?? -1
      hotTile = tile('hot')
      gmvTile = tile('gmv')
    }
    widgetTimes.sort((a, b) => a - b)
    checks.check('the hot-leads tile equals the database', hotTile === truth.hot, `${hotTile} vs ${truth.hot}`)
    checks.check('the GMV tile equals the database', gmvTile === truth.gmv, `${gmvTile} vs ${truth.gmv}`)

    // 3. Capture → delta with many command centers subscribed.
    const sponsorOwner = await signUp(server.url, 'sponsor', 'Live Sponsor')
    const added = await request(
      server.url,
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${eventIds[0]}/sponsors`,
      asOrganizer,
      { sponsor_org_id: sponsorOwner.orgId, tier_id: tierIds[0] },
    )
    const sponsorId = added.body.id as string
    for (let start = 0; start < captures; start += 5000) {
      const batch = Array.from({ length: Math.min(5000, captures - start) }, (_, i) => ({
        badge_code: `CC${start + i}`,
        name: `Attendee ${start + i}`,
        consent_to_share: true,
      }))
      await request(server.url, 'POST', `/v1/events/${eventIds[0]}/attendees`, asOrganizer, batch)
    }
    const totals: number[] = Array(subscriberCount).fill(0)
    const arrivals: { at: number; total: number }[] = []
    for (let i = 0; i < subscriberCount; i++) {
      const socket = io(server.url, { auth: { token: organizer.token }, transports: ['websocket'], forceNew: true })
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      const ack = (await socket.timeout(10_000).emitWithAck('command_center.join', { workspace_id: workspaceId })) as {
        ok: boolean
      }
      if (!ack.ok) throw new Error('join refused')
      socket.on('command_center.delta', (delta: { metrics: { leads?: number } }) => {
        totals[i]! += delta.metrics.leads ?? 0
        if (i === 0) arrivals.push({ at: performance.now(), total: totals[0]! })
      })
      sockets.push(socket)
    }
    const asSponsor = { authorization: `Bearer ${sponsorOwner.token}`, 'x-org-id': sponsorOwner.orgId }
    const statuses = new Map<number, number>()
    const committed: { sent: number; done: number }[] = []
    let next = 0
    const captureStarted = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < captures) {
          const i = next++
          const sent = performance.now()
          const answer = await request(
            server.url,
            'POST',
            `/v1/events/${eventIds[0]}/sponsors/${sponsorId}/capture-lead`,
            asSponsor,
            { lead_id: randomUUID(), badge_code: `CC${i}`, interaction: 'booth_visit' },
          )
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
          if (answer.status === 201) committed.push({ sent, done: performance.now() })
        }
      }),
    )
    const captureSeconds = (performance.now() - captureStarted) / 1000
    const answers = countStatuses(statuses, (s) => s === 201)
    for (let waited = 0; waited < 30_000 && totals.some((t) => t < answers.ok); waited += 100)
      await new Promise((r) => setTimeout(r, 100))
    // The j-th capture to commit is covered by the first delta that brings the running total to j.
    committed.sort((a, b) => a.done - b.done)
    const answerTimes = committed.map((c) => c.done - c.sent).sort((a, b) => a - b)
    const deltaLatencies = committed
      .map((c, j) => {
        const covering = arrivals.find((a) => a.total >= j + 1)
        return covering ? covering.at - c.sent : Number.NaN
      })
      .filter((v) => Number.isFinite(v))
      .sort((a, b) => a - b)
    checks.check('every capture succeeded', answers.failed === 0, answers.text)
    checks.check(
      'every subscriber heard every new lead',
      totals.every((t) => t === answers.ok),
      `${totals.filter((t) => t === answers.ok).length} of ${subscriberCount} complete`,
    )
    const seq = (
      await db.query<{ last_seq: string }>(
        'SELECT last_seq FROM sponsorship_command_center_streams WHERE workspace_id = $1',
        [workspaceId],
      )
    ).rows[0]
    checks.check('the stream was numbered', Number(seq?.last_seq ?? 0) > 0)
    const counted = (
      await db.query<{ counters: number; leads: number; captures: number; rep: number }>(
        `SELECT (SELECT coalesce(sum(leads), 0)::int FROM command_center_lead_counts WHERE event_id = $1) AS counters,
           (SELECT count(*)::int FROM leads WHERE event_id = $1) AS leads,
           (SELECT coalesce(sum(captures), 0)::int FROM command_center_rep_captures WHERE event_id = $1 AND user_id = $2) AS rep,
           (SELECT count(*)::int FROM lead_captures c JOIN leads l ON l.id = c.lead_id WHERE l.event_id = $1 AND c.captured_by = $2) AS captures`,
        [eventIds[0], sponsorOwner.userId],
      )
    ).rows[0]!
    checks.check(
      'after the captures the counters equal count(*)',
      counted.counters === counted.leads && counted.rep === counted.captures && counted.rep === answers.ok,
      JSON.stringify(counted),
    )

    console.log(
      `rollup (${leadCount.toLocaleString()} leads, ${orderCount.toLocaleString()} orders, 1 workspace): ${ms(rollupMs)}`,
    )
    console.log(
      `widget data, 20 widgets, every cache rebuilt: p50 ${ms(percentile(widgetTimes, 50))}, p99 ${ms(percentile(widgetTimes, 99))}`,
    )
    console.log(
      `captures: ${answers.ok} in ${captureSeconds.toFixed(1)} s (${Math.round(answers.ok / captureSeconds)}/s, failed ${answers.failed}; answered p50 ${ms(percentile(answerTimes, 50))}, p99 ${ms(percentile(answerTimes, 99))}); capture → delta at ${subscriberCount} subscribers: p50 ${ms(percentile(deltaLatencies, 50))}, p99 ${ms(percentile(deltaLatencies, 99))}`,
    )
    checks.finish('command-center', {
      events: eventCount,
      sponsors: sponsorCount,
      leads: leadCount,
      orders: orderCount,
      rollup_ms: Number(rollupMs.toFixed(1)),
      widgets_p50_ms: Number(percentile(widgetTimes, 50).toFixed(2)),
      widgets_p99_ms: Number(percentile(widgetTimes, 99).toFixed(2)),
      subscribers: subscriberCount,
      captures: answers.ok,
      failed: answers.failed,
      captures_per_s: Math.round(answers.ok / captureSeconds),
      capture_p50_ms: Number(percentile(answerTimes, 50).toFixed(2)),
      capture_p99_ms: Number(percentile(answerTimes, 99).toFixed(2)),
      delta_p50_ms: Number(percentile(deltaLatencies, 50).toFixed(2)),
      delta_p99_ms: Number(percentile(deltaLatencies, 99).toFixed(2)),
    })
  } finally {
    for (const socket of sockets) socket.disconnect()
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
