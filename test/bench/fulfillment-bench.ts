// npm run bench:fulfillment — on `npm run server` over a fresh Postgres database: (1) the nightly SLA check over
// BENCH_SLAS SLAs (default 100,000: BENCH_SLAS / 2 orders with an impressions and a booth-hours SLA each, made in SQL
// from one order bought over HTTP), deciding every one, making the make-good deliverables and marking refunds with
// nothing to refund (the bench orders are unfunded, so no Stripe refund is timed here); (2) the ROI report over HTTP for
// an order with BENCH_LEADS leads (10,000) by 8 representatives: JSON p50/p99 and PDF p50/p99. Verifies every count
// against what it generated, exits 1 on a mismatch, ends with one JSON line.
import { openDatabase } from '../../server/db/open-database'
import { checkSlaCompliance } from '../../server/fulfillment/sla-compliance'
import { api, sampleEvent, signUp } from '../support/api-client'
import { BenchChecks, percentile, startBenchServer } from './bench-support'

const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const slaCount = knob('BENCH_SLAS', 100_000)
const leadCount = knob('BENCH_LEADS', 10_000)
const jsonRequests = knob('BENCH_ROI_REQUESTS', 200)
const pdfRequests = knob('BENCH_PDF_REQUESTS', 40)
const orders = slaCount / 2
const checks = new BenchChecks()
const silent = { warn() {} }

const server = await startBenchServer({ RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'warn' })
const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://', poolSize: 4 })
try {
  const organizer = await signUp(server.url, 'organizer', 'Bench Host')
  const asOrg = { token: organizer.access_token, orgId: organizer.orgId }
  const event = (await api(server.url, 'POST', '/v1/events', { ...asOrg, body: sampleEvent })).body
  await api(server.url, 'PUT', `/v1/organizations/${organizer.orgId}/payout-configuration`, { ...asOrg, body: {} })
  const pkg = (
    await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...asOrg,
      body: {
        event_id: event.id,
        title: 'Bench Gold',
        tier: 'gold',
        price_cents: 500000,
        inventory: 10,
        benefits: { logo_stage: true, booth: '10x10' },
      },
    })
  ).body
  await api(server.url, 'POST', `/v1/sponsorship-packages/${pkg.id}:publish`, asOrg)
  const sponsor = await signUp(server.url, 'sponsor', 'Bench Sponsor')
  const asSponsor = { token: sponsor.access_token, orgId: sponsor.orgId }
  const sponsorId = (await api(server.url, 'GET', '/v1/my-sponsors', { token: sponsor.access_token })).body.data[0].id
  const tiers = (
    await api(
      server.url,
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${event.id}/sponsor-tiers/defaults`,
      asOrg,
    )
  ).body.data
  await api(server.url, 'POST', `/v1/organizations/${organizer.orgId}/events/${event.id}/sponsors`, {
    ...asOrg,
    body: { sponsor_org_id: sponsor.orgId, tier_id: tiers[0].id },
  })
  const order = (
    await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...asSponsor,
      body: { package_id: pkg.id, sponsor_id: sponsorId, event_id: event.id, amount_cents: 500000, currency: 'USD' },
    })
  ).body
  checks.check('the order was bought over HTTP', typeof order.id === 'string', JSON.stringify(order).slice(0, 200))

  // 10,000 leads by 8 representatives; captures on two days 4 hours apart each (8 hours staffed, short of 48).
  const setupStart = performance.now()
  await db.query(
    `INSERT INTO users (email, name, password_hash) SELECT 'rep' || g || '-' || $1 || '@bench.example', 'Rep ' || g, 'x' FROM generate_series(1, 8) g`,
    [order.id.slice(0, 8)],
  )
  await db.query(
    `INSERT INTO leads (id, org_id, sponsor_id, event_id, name, consent_source, consent_confirmed_at, intent_score, intent_level, interactions,
       captured_by, first_captured_at, last_captured_at)
     SELECT gen_random_uuid(), $1, $2, $3, 'Lead ' || g, 'confirmed_at_capture', now(), (g % 100), CASE g % 10 WHEN 0 THEN 'hot' WHEN 1 THEN 'hot' WHEN 2 THEN 'warm' ELSE 'cold' END,
       '[]', (SELECT id FROM users WHERE email = 'rep' || (1 + g % 8) || '-' || $4 || '@bench.example'),
       '2027-03-01T10:00:00Z'::timestamptz + make_interval(secs => g % 14400), '2027-03-01T10:00:00Z'::timestamptz + make_interval(secs => g % 14400)
     FROM generate_series(1, $5::int) g`,
    [sponsor.orgId, sponsorId, event.id, order.id.slice(0, 8), leadCount],
  )
  await db.query(
    `INSERT INTO lead_captures (id, lead_id, org_id, interaction, captured_at)
     SELECT gen_random_uuid(), l.id, l.org_id, 'booth_visit', t FROM (SELECT id, org_id FROM leads WHERE sponsor_id = $1 LIMIT 2) l,
       unnest(ARRAY['2027-03-01T10:00:00Z', '2027-03-01T14:00:00Z', '2027-03-02T09:00:00Z', '2027-03-02T13:00:00Z']::timestamptz[]) t`,
    [sponsorId],
  )
  await db.query(
    `INSERT INTO sponsor_conversions (org_id, sponsor_org_id, event_id, sponsor_id, external_id, utm_source, value_cents, occurred_at)
     SELECT $1, $2, $3, $4, 'conv-' || g, CASE WHEN g % 2 = 0 THEN 'newsletter' ELSE 'social' END, 1000, '2027-03-01T12:00:00Z' FROM generate_series(1, 2000) g`,
    [organizer.orgId, sponsor.orgId, event.id, sponsorId],
  )
  // orders − 1 more orders like the bought one, each with its two SLAs; a third of all orders have an approved proof of 2,000
  // impressions (meeting the 1,200 target), the rest rely on the event's snapshot of 1,000 and are breached.
  await db.query(
    `INSERT INTO sponsorship_orders (org_id, sponsor_org_id, sponsor_id, event_id, package_id, package_version, amount_cents, currency, benefits,
       hold_expires_at, release_condition)
     SELECT org_id, sponsor_org_id, sponsor_id, event_id, package_id, package_version, amount_cents, currency, benefits, hold_expires_at, release_condition
     FROM sponsorship_orders, generate_series(2, $2::int) WHERE id = $1`,
    [order.id, orders],
  )
  await db.query(
    `INSERT INTO sponsorship_slas (org_id, sponsor_org_id, package_id, event_id, order_id, sponsor_id, metric, target, breach_policy)
     SELECT s.org_id, s.sponsor_org_id, s.package_id, s.event_id, o.id, s.sponsor_id, s.metric, s.target, s.breach_policy
     FROM sponsorship_orders o CROSS JOIN (SELECT * FROM sponsorship_slas WHERE order_id = $1) s WHERE o.package_id = $2 AND o.id <> $1`,
    [order.id, pkg.id],
  )
  await db.query(
    `WITH picked AS (SELECT id, org_id, sponsor_org_id, event_id, sponsor_id, package_id FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM sponsorship_orders WHERE package_id = $1) o WHERE n % 3 = 0),
     made AS (
       INSERT INTO deliverables (org_id, sponsor_org_id, event_id, sponsor_id, order_id, package_id, type, responsible_side, status, source, benefit_key, proof_count)
       SELECT org_id, sponsor_org_id, event_id, sponsor_id, id, package_id, 'logo_placement', 'organizer', 'approved', 'package', 'bench_logo', 1 FROM picked
       RETURNING id, org_id, sponsor_org_id)
     INSERT INTO deliverable_proofs (deliverable_id, org_id, sponsor_org_id, seq, asset_url, metrics, submitted_side, submitted_at, prev_hash, hash)
     SELECT id, org_id, sponsor_org_id, 1, 'https://cdn.example.com/p.jpg', '{"impressions": 2000}', 'organizer', now(), repeat('0', 64), encode(sha256(convert_to(id::text, 'UTF8')), 'hex') FROM made`,
    [pkg.id],
  )
  await db.query(
    `INSERT INTO event_stat_snapshots (event_id, org_id, metric_key, metric_value, captured_at) VALUES ($1, $2, 'impressions_total', 1000, now())`,
    [event.id, organizer.orgId],
  )
  await db.query('ANALYZE')
  const expectedMet = Math.floor(orders / 3)
  const totalSlas = Number(
    (await db.query(`SELECT count(*) AS n FROM sponsorship_slas WHERE order_id IS NOT NULL`)).rows[0]!.n,
  )
  console.log(
    `setup: ${totalSlas} SLAs over ${orders} orders, ${leadCount} leads in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  )
  checks.check('SLAs generated', totalSlas === slaCount, `${totalSlas} of ${slaCount}`)

  // 1. The nightly SLA check, after the event and its grace period.
  const afterEvent = new Date(Date.parse(sampleEvent.end_at) + 8 * 86_400_000)
  const slaStart = performance.now()
  const summary = await checkSlaCompliance({ db, stripe: null as never, log: silent }, afterEvent)
  const slaSeconds = (performance.now() - slaStart) / 1000
  console.log(
    `SLA check: ${summary.checked} SLAs decided in ${slaSeconds.toFixed(2)} s (${Math.round(summary.checked / slaSeconds)} SLAs/s): ${summary.met} met, ${summary.breached} breached, ${summary.makegoods} make-goods, ${summary.notApplicable} refunds with nothing to refund; phases ${JSON.stringify(summary.phases_ms)} ms`,
  )
  const byState = (
    await db.query(
      `SELECT metric, status, remedy_status, count(*)::int AS n FROM sponsorship_slas WHERE order_id IS NOT NULL GROUP BY 1, 2, 3`,
    )
  ).rows
  const count = (metric: string, status: string, remedy: string | null) =>
    byState.find((r) => r.metric === metric && r.status === status && r.remedy_status === remedy)?.n ?? 0
  checks.check(
    'every SLA decided',
    summary.checked === slaCount && byState.every((r) => r.status !== 'pending'),
    JSON.stringify(byState),
  )
  checks.check(
    'impressions met where a proof shows 2,000',
    count('impressions_total', 'met', null) === expectedMet,
    `${count('impressions_total', 'met', null)} of ${expectedMet}`,
  )
  checks.check(
    'impressions breached with a make-good each',
    count('impressions_total', 'breached', 'applied') === orders - expectedMet,
    `${count('impressions_total', 'breached', 'applied')}`,
  )
  const makegoods = Number(
    (await db.query(`SELECT count(*) AS n FROM deliverables WHERE source = 'makegood'`)).rows[0]!.n,
  )
  checks.check(
    'one make-good deliverable per impressions breach',
    makegoods === orders - expectedMet && summary.makegoods === makegoods,
    `${makegoods}`,
  )
  checks.check(
    'booth hours breached (8 of 48), nothing to refund on unfunded orders',
    count('booth_hours', 'breached', 'not_applicable') === orders,
    `${count('booth_hours', 'breached', 'not_applicable')}`,
  )
  const booth = (
    await db.query(`SELECT actual FROM sponsorship_slas WHERE order_id = $1 AND metric = 'booth_hours'`, [order.id])
  ).rows[0]
  checks.check('booth hours are 8 (two days of 4 hours)', Number(booth?.actual) === 8, String(booth?.actual))
  const rerun = await checkSlaCompliance({ db, stripe: null as never, log: silent }, afterEvent)
  checks.check(
    'a re-run changes nothing',
    rerun.checked === 0 && rerun.makegoods === 0 && rerun.notApplicable === 0,
    JSON.stringify(rerun),
  )

  // 2. The ROI report of the bought order, as JSON and as PDF.
  const path = `/v1/reports/roi?order_id=${order.id}&from=2027-01-01&to=2027-12-31`
  const headers = { authorization: `Bearer ${sponsor.access_token}`, 'x-org-id': sponsor.orgId }
  const timed = async (accept: string, n: number) => {
    const times: number[] = []
    let last: Response | null = null
    let failures = 0
    for (let i = 0; i < n; i++) {
      const start = performance.now()
      const response = await fetch(new URL(path, server.url), { headers: { ...headers, accept } })
      const body = Buffer.from(await response.arrayBuffer())
      if (response.status === 200) times.push(performance.now() - start)
      else failures += 1
      last = response
      if (i === n - 1) return { times: times.sort((a, b) => a - b), body, failures, last }
    }
    return { times, body: Buffer.alloc(0), failures, last }
  }
  const json = await timed('application/json', jsonRequests)
  const report = JSON.parse(json.body.toString()).data
  checks.check('ROI JSON answered', json.failures === 0, `${json.failures} failures`)
  checks.check(
    'ROI counts every lead',
    report.booth_leads.total === leadCount && report.booth_leads.hot === Math.floor(leadCount / 10) * 2,
    JSON.stringify(report.booth_leads).slice(0, 200),
  )
  checks.check(
    'ROI per representative adds up',
    report.booth_leads.by_representative.length === 8 &&
      report.booth_leads.by_representative.reduce((t: number, r: { total: number }) => t + r.total, 0) === leadCount,
  )
  checks.check(
    'ROI counts every conversion',
    report.performance.conversions === 2000 && report.performance.conversion_value_cents === 2_000_000,
  )
  const pdf = await timed('application/pdf', pdfRequests)
  checks.check(
    'ROI PDF answered',
    pdf.failures === 0 && pdf.body.subarray(0, 5).toString() === '%PDF-',
    `${pdf.failures} failures`,
  )
  console.log(
    `ROI report, ${leadCount} leads: JSON p50 ${percentile(json.times, 50).toFixed(1)} ms, p99 ${percentile(json.times, 99).toFixed(1)} ms (${json.times.length} requests); PDF p50 ${percentile(pdf.times, 50).toFixed(1)} ms, p99 ${percentile(pdf.times, 99).toFixed(1)} ms (${pdf.times.length} requests, ${pdf.body.length} bytes)`,
  )
  checks.finish('fulfillment', {
    slas: summary.checked,
    sla_check_seconds: Number(slaSeconds.toFixed(2)),
    sla_met: summary.met,
    sla_breached: summary.breached,
    makegoods: summary.makegoods,
    leads: leadCount,
    roi_json_p50_ms: Number(percentile(json.times, 50).toFixed(1)),
    roi_json_p99_ms: Number(percentile(json.times, 99).toFixed(1)),
    roi_pdf_p50_ms: Number(percentile(pdf.times, 50).toFixed(1)),
    roi_pdf_p99_ms: Number(percentile(pdf.times, 99).toFixed(1)),
  })
} finally {
  await db.close()
  await server.stop()
}
