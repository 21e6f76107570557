import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, type CommerceWorld } from '../../support/commerce-fixtures'
import { runStatsRollup } from '../../../server/intelligence/stats-rollup'
import { maintainPartitions } from '../../../server/intelligence/partitions'
import { refreshPackageCards, refreshQualityScores } from '../../../server/intelligence/quality-scores'

describeBackends('stats pipeline on %s', (backend) => {
  let server: TestServer
  let world: CommerceWorld
  let key: string
  const ingest = (path: string, body: unknown, token = key) =>
    api(server.url, 'POST', `/v1/events/${world.eventId}/${path}`, {
      headers: { authorization: `Bearer ${token}` },
      body,
    })

  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await commerceWorld(server.url)
  })
  afterAll(() => server.close())

  it('makes an API key shown once and stored hashed, and lists it without the key', async () => {
    const made = await api(server.url, 'POST', `/v1/organizations/${world.organizer.orgId}/api-keys`, {
      ...as(world.organizer),
      body: { name: 'Ticketing backend' },
    })
    expect(made.status).toBe(201)
    key = made.body.key
    expect(key).toMatch(/^yk_[A-Za-z0-9_-]{43}$/)
    const stored = await server.db.query('SELECT key_hash FROM organization_api_keys WHERE id = $1', [made.body.id])
    expect(stored.rows[0]!.key_hash).not.toContain(key.slice(3))
    const listed = await api(
      server.url,
      'GET',
      `/v1/organizations/${world.organizer.orgId}/api-keys`,
      as(world.organizer),
    )
    expect(listed.body.data).toHaveLength(1)
    expect(JSON.stringify(listed.body)).not.toContain(key)
  })

  it('takes a key on the ingestion routes only, and a user token never there', async () => {
    const asUser = await api(server.url, 'POST', `/v1/events/${world.eventId}/impressions`, {
      ...as(world.organizer),
      body: { batch_id: 'x', rows: [{}] },
    })
    expect(asUser.status).toBe(401)
    const keyElsewhere = await api(server.url, 'GET', '/v1/events', {
      headers: { authorization: `Bearer ${key}`, 'x-org-id': world.organizer.orgId },
    })
    expect(keyElsewhere.status).toBe(401)
    const other = await commerceWorld(server.url)
    const foreign = await api(server.url, 'POST', `/v1/events/${other.eventId}/impressions`, {
      headers: { authorization: `Bearer ${key}` },
      body: { batch_id: 'f', rows: [{}] },
    })
    expect(foreign.status).toBe(404)
    expect(
      (await server.db.query('SELECT count(*)::int AS n FROM event_impressions_p WHERE event_id = $1', [other.eventId]))
        .rows[0]!.n,
    ).toBe(0)
  })

  it('ingests a batch once, refuses a changed batch under the same id, and refuses bad rows whole', async () => {
    const now = Date.now()
    const rows = Array.from({ length: 300 }, (_, i) => ({
      created_at: new Date(now - (i % 3) * 3600_000).toISOString(),
      session_id: `s${i}`,
      country: i % 3 === 0 ? 'ca' : 'US',
      age_bucket: i % 2 ? '25-34' : '18-24',
    }))
    const first = await ingest('impressions', { batch_id: 'b1', rows })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ batch_id: 'b1', kind: 'impressions', accepted: 300, duplicate: false })
    const again = await ingest('impressions', { batch_id: 'b1', rows })
    expect(again.body).toMatchObject({ accepted: 300, duplicate: true })
    const changed = await ingest('impressions', { batch_id: 'b1', rows: rows.slice(1) })
    expect(changed.status).toBe(422)
    const future = await ingest('impressions', {
      batch_id: 'b2',
      rows: [{}, { created_at: new Date(now + 3600_000).toISOString() }],
    })
    expect(future.status).toBe(422)
    const tooMany = await ingest('impressions', { batch_id: 'b3', rows: Array.from({ length: 10_001 }, () => ({})) })
    expect(tooMany.status).toBe(400)
    const badCountry = await ingest('impressions', { batch_id: 'b4', rows: [{ country: 'USA' }] })
    expect(badCountry.status).toBe(400)
    expect(
      (await server.db.query('SELECT count(*)::int AS n FROM event_impressions_p WHERE event_id = $1', [world.eventId]))
        .rows[0]!.n,
    ).toBe(300)
    const views = await ingest('post-views', {
      batch_id: 'v1',
      rows: [
        { dwell_ms: 20000, watch_percentage: 80 },
        { dwell_ms: 40000, watch_percentage: 40 },
      ],
    })
    expect(views.body.accepted).toBe(2)
    const tickets = await ingest('ticket-analytics', {
      batch_id: 't1',
      rows: [
        { interaction_type: 'ticket_open' },
        { interaction_type: 'ticket_open' },
        { interaction_type: 'ticket_open' },
        { interaction_type: 'ticket_open' },
        { interaction_type: 'ticket_purchase' },
      ],
    })
    expect(tickets.body.accepted).toBe(5)
  })

  it('lands rows for a month without a partition in the default one, and moves them when the month is made', async () => {
    const far = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 9, 15))
    await server.db.query(`INSERT INTO event_impressions_p (event_id, created_at) VALUES ($1, $2)`, [
      world.eventId,
      far,
    ])
    const where = async () =>
      (
        await server.db.query(`SELECT tableoid::regclass::text AS t FROM event_impressions_p WHERE created_at = $1`, [
          far,
        ])
      ).rows[0]!.t
    expect(await where()).toBe('event_impressions_p_default')
    await maintainPartitions(server.db, 13, new Date(Date.UTC(far.getUTCFullYear(), far.getUTCMonth(), 1)))
    expect(await where()).toMatch(/^event_impressions_p_y\d{4}m\d{2}$/)
    await server.db.query('DELETE FROM event_impressions_p WHERE created_at = $1', [far])
    const old = await server.db.query<{ n: number }>(
      `SELECT ensure_month_partitions('ticket_analytics_p', (now() - interval '30 months')::date, 1) AS n`,
    )
    expect(old.rows[0]!.n).toBe(1)
    const kept = await maintainPartitions(server.db, 13)
    expect(kept.dropped).toBeGreaterThanOrEqual(1)
  })

  it('rolls up snapshots and insights set-based, and the publish snapshot carries the last hour', async () => {
    const rolled = await runStatsRollup(server.db)
    expect(rolled.snapshots).toBeGreaterThan(0)
    const metrics = await server.db.query<{ metric_key: string; metric_value: string }>(
      'SELECT metric_key, metric_value FROM event_stat_snapshots WHERE event_id = $1 ORDER BY metric_key',
      [world.eventId],
    )
    expect(Object.fromEntries(metrics.rows.map((r) => [r.metric_key, Number(r.metric_value)]))).toEqual({
      booth_leads_total: 0,
      impressions_24h: 300,
      impressions_total: 300,
      ticket_conv_rate_30d: 0.25,
      video_avg_dwell_ms_7d: 30000,
    })
    const insights = await server.db.query('SELECT * FROM event_audience_insights WHERE event_id = $1', [world.eventId])
    expect(insights.rows[0]).toMatchObject({
      geo_distribution: { US: 200, CA: 100 },
      age_segments: { '18-24': 0.5, '25-34': 0.5 },
      ticket_conversion_rate: 0.25,
    })
    expect(insights.rows[0]!.engagement_score).toBeCloseTo(0.5 * (30000 / 30000) + 0.5 * 0.6, 6)
    // The insights change queued the event's rescoring; an unchanged second run queues nothing new.
    await server.db.query('UPDATE fit_recalc_queue SET processed_at = now()')
    expect((await runStatsRollup(server.db)).insights_changed).toBe(0)

    const pkg = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(world.organizer),
      body: { event_id: world.eventId, title: 'Silver', tier: 'silver', price_cents: 50000, inventory: 2 },
    })
    const noConsent = await api(
      server.url,
      'POST',
      `/v1/sponsorship-packages/${pkg.body.id}:publish`,
      as(world.organizer),
    )
    expect(noConsent.body.audience_snapshot.metrics).toMatchObject({ impressions_24h: 300, ticket_conv_rate_30d: 0.25 })
    expect(noConsent.body.audience_snapshot.captured_at).toBeTruthy()
    expect(noConsent.body.audience_snapshot.segments).toEqual({})
    await server.db.query(
      `INSERT INTO audience_consents (event_id, org_id, segment_key, scope) VALUES ($1, $2, 'geo', 'aggregated')`,
      [world.eventId, world.organizer.orgId],
    )
    const consented = await api(
      server.url,
      'POST',
      `/v1/sponsorship-packages/${pkg.body.id}:publish`,
      as(world.organizer),
    )
    expect(consented.body.audience_snapshot.segments).toEqual({ geo_distribution: { US: 200, CA: 100 } })
  })

  it('scores quality 0–100 onto packages and lists cards of quality 70 and up', async () => {
    await server.db.query(
      'UPDATE event_audience_insights SET engagement_score = 1, ticket_conversion_rate = 1 WHERE event_id = $1',
      [world.eventId],
    )
    await refreshQualityScores(server.db)
    const q = await server.db.query<{ quality_score: string }>(
      'SELECT quality_score FROM sponsorship_packages WHERE id = $1',
      [world.packageId],
    )
    const expected = 100 * (0.4 + 0.3 + 0.3 * Math.min(1, Math.log(301) / Math.log(100001)))
    expect(Number(q.rows[0]!.quality_score)).toBeCloseTo(expected, 1)
    await refreshPackageCards(server.db)
    const sponsor = await buyer(server.url, 'Card Reader')
    const cards = await api(server.url, 'GET', '/v1/marketplace/package-cards', as(sponsor.owner))
    expect(cards.status).toBe(200)
    expect(cards.body.data.map((c: { package_id: string }) => c.package_id)).toContain(world.packageId)
    expect(cards.body.data.every((c: { quality_score: number }) => c.quality_score >= 70)).toBe(true)
    expect(cards.body.data[0].stats).toMatchObject({ impressions_total: 300 })
  })

  it("finds events and sponsors through typos, ranked, and never another organization's private rows", async () => {
    const sponsor = await buyer(server.url, 'Quantum Beverages')
    await api(server.url, 'PATCH', `/v1/sponsors/${sponsor.sponsorId}/profile`, {
      ...as(sponsor.owner),
      body: { industry: 'Beverage' },
    })
    const events = await api(server.url, 'GET', '/v1/search?q=foundrs%20sumit&type=events', as(sponsor.owner))
    expect(events.status).toBe(200)
    expect(events.body.data.map((h: { id: string }) => h.id)).toContain(world.eventId)
    const sponsors = await api(server.url, 'GET', '/v1/search?q=quantm%20beverag&type=sponsors', as(world.organizer))
    expect(sponsors.body.data[0]).toMatchObject({ id: sponsor.sponsorId, type: 'sponsor' })
    const hidden = await buyer(server.url, 'Quantum Secret')
    const notListed = await api(server.url, 'GET', '/v1/search?q=quantum%20secret&type=sponsors', as(world.organizer))
    expect(notListed.body.data.map((h: { id: string }) => h.id)).not.toContain(hidden.sponsorId)
    const bad = await api(server.url, 'GET', '/v1/search?q=x&type=everything', as(world.organizer))
    expect(bad.status).toBe(400)
  })
})
