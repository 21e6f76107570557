// ROI reports (seed 001 §4.5) and the conversions they count: the seed's JSON exactly plus booth leads, cost per
// lead and SLA outcomes; CSV and PDF by Accept; audience segments only under consent; conversions posted by the
// organizer's API key or owner, once per external id.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as } from '../../support/commerce-fixtures'
import { fulfillmentWorld, type FulfillmentWorld } from '../../support/fulfillment-fixtures'
import { preferredFormat } from '../../../server/routes/reports/index'

describeBackends('ROI reports and conversions on %s', (backend) => {
  let server: TestServer
  let world: FulfillmentWorld
  let apiKey: string

  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await fulfillmentWorld(server.url)
    apiKey = (
      await api(server.url, 'POST', `/v1/organizations/${world.organizer.orgId}/api-keys`, {
        ...as(world.organizer),
        body: { name: 'shop' },
      })
    ).body.key
    await api(server.url, 'POST', `/v1/events/${world.eventId}/attendees`, {
      ...as(world.organizer),
      body: ['A', 'B', 'C'].map((x) => ({
        badge_code: `B-${x}`,
        name: `Guest ${x}`,
        email: `${x}@guest.example`,
        consent_to_share: true,
      })),
    })
    for (const [badge, interaction] of [
      ['B-A', 'demo_request'],
      ['B-B', 'booth_visit'],
      ['B-C', 'booth_visit'],
    ]) {
      const captured = await api(
        server.url,
        'POST',
        `/v1/events/${world.eventId}/sponsors/${world.sponsor.sponsorId}/capture-lead`,
        { ...as(world.sponsor.owner), body: { badge_code: badge, interaction } },
      )
      if (captured.status >= 300) throw new Error(JSON.stringify(captured.body))
    }
  })
  afterAll(() => server.close())

  const post = (body: Record<string, unknown>, auth: Record<string, string>) =>
    fetch(new URL(`/v1/events/${world.eventId}/conversions`, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }))
  const conversion = {
    external_id: 'ord-1',
    utm_source: 'newsletter',
    value_cents: 300000,
    occurred_at: '2027-03-01T12:00:00Z',
  }

  it('records a conversion once per external id, from the API key or an owner, and refuses others', async () => {
    const key = { authorization: `Bearer ${apiKey}` }
    const first = await post({ ...conversion, sponsor_id: world.sponsor.sponsorId }, key)
    expect(first.status).toBe(201)
    const retry = await post({ ...conversion, sponsor_id: world.sponsor.sponsorId }, key)
    expect(retry).toMatchObject({ status: 200, body: { id: first.body.id, duplicate: true } })
    expect(
      (await post({ ...conversion, value_cents: 1, sponsor_id: world.sponsor.sponsorId }, key)).body.error.code,
    ).toBe('external-id-reused')
    const owner = { authorization: `Bearer ${world.organizer.access_token}`, 'x-org-id': world.organizer.orgId }
    expect(
      (
        await post(
          {
            ...conversion,
            external_id: 'ord-2',
            utm_source: 'social',
            value_cents: 100000,
            sponsor_id: world.sponsor.sponsorId,
          },
          owner,
        )
      ).status,
    ).toBe(201)
    const sponsorUser = {
      authorization: `Bearer ${world.sponsor.owner.access_token}`,
      'x-org-id': world.sponsor.owner.orgId,
    }
    expect(
      (await post({ ...conversion, external_id: 'ord-3', sponsor_id: world.sponsor.sponsorId }, sponsorUser)).status,
    ).toBe(403)
    const other = await signUp(server.url, 'organizer', 'Other')
    const otherKey = (
      await api(server.url, 'POST', `/v1/organizations/${other.orgId}/api-keys`, {
        token: other.access_token,
        orgId: other.orgId,
        body: { name: 'x' },
      })
    ).body.key
    expect(
      (
        await post(
          { ...conversion, external_id: 'ord-4', sponsor_id: world.sponsor.sponsorId },
          { authorization: `Bearer ${otherKey}` },
        )
      ).status,
    ).toBe(404)
    expect((await post({ ...conversion, external_id: 'ord-5', sponsor_id: world.sponsor.sponsorId }, {})).status).toBe(
      401,
    )
    expect(
      (await post({ ...conversion, external_id: 'ord-6', value_cents: -1, sponsor_id: world.sponsor.sponsorId }, key))
        .status,
    ).toBe(400)
    expect((await server.db.query('SELECT count(*)::int AS n FROM sponsor_conversions')).rows[0]!.n).toBe(2)
  })

  it("answers the seed's JSON exactly, with booth leads, cost per lead and SLA outcomes", async () => {
    const report = await api(
      server.url,
      'GET',
      `/v1/reports/roi?order_id=${world.orderId}&from=2020-01-01&to=2030-12-31`,
      as(world.sponsor.owner),
    )
    expect(report.status).toBe(200)
    const r = report.body.data
    for (const key of [
      'order_id',
      'event_title',
      'sponsor_name',
      'period',
      'investment_cents',
      'performance',
      'deliverables',
      'generated_at',
    ])
      expect(r).toHaveProperty(key)
    expect(r).toMatchObject({
      order_id: world.orderId,
      event_title: 'Founders Summit',
      sponsor_name: 'Fizz Org',
      period: { from: '2020-01-01', to: '2030-12-31' },
      investment_cents: 200000,
      performance: { impressions: 0, conversions: 2, conversion_value_cents: 400000, roi_multiplier: 2 },
    })
    expect(r.deliverables.map((d: { type: string; actual_metrics: object }) => [d.type, d.actual_metrics])).toEqual([
      ['booth', {}],
      ['logo_placement', {}],
    ])
    expect(r.booth_leads).toMatchObject({ total: 3, hot: 0 })
    expect(r.booth_leads.by_representative).toEqual([
      expect.objectContaining({ user_id: world.sponsor.owner.user.id, total: 3 }),
    ])
    expect(r.cost_per_lead_cents).toBe(66667)
    expect(r.cost_per_hot_lead_cents).toBeNull()
    expect(r.sla_outcomes.map((s: { metric: string }) => s.metric)).toEqual(['booth_hours', 'impressions_total'])
    const newsletter = await api(
      server.url,
      'GET',
      `/v1/reports/roi?order_id=${world.orderId}&from=2020-01-01&to=2030-12-31&utm_source=newsletter`,
      as(world.sponsor.owner),
    )
    expect(newsletter.body.data.performance).toMatchObject({
      conversions: 1,
      conversion_value_cents: 300000,
      roi_multiplier: 1.5,
    })
    // The organizer sees the totals, never the sponsor's representatives.
    const organizerView = await api(server.url, 'GET', `/v1/reports/roi?order_id=${world.orderId}`, as(world.organizer))
    expect(organizerView.body.data.booth_leads.by_representative).toEqual([])
    expect(
      (await api(server.url, 'GET', `/v1/reports/roi?order_id=${world.orderId}&from=yesterday`, as(world.organizer)))
        .status,
    ).toBe(400)
  })

  it('shares audience segments only under a live consent at the aggregated scope', async () => {
    await server.db.query(
      `INSERT INTO event_audience_insights (event_id, org_id, geo_distribution, age_segments) VALUES ($1, $2, '{"US": 10}', '{"25-34": 1}')`,
      [world.eventId, world.organizer.orgId],
    )
    const read = async () =>
      (await api(server.url, 'GET', `/v1/reports/roi?order_id=${world.orderId}`, as(world.sponsor.owner))).body.data
        .audience
    expect(await read()).toEqual({})
    await server.db.query(
      `INSERT INTO audience_consents (event_id, org_id, segment_key, scope) VALUES ($1, $2, 'geo', 'cohort')`,
      [world.eventId, world.organizer.orgId],
    )
    expect(await read()).toEqual({})
    await server.db.query(
      `INSERT INTO audience_consents (event_id, org_id, segment_key, scope, expires_at) VALUES ($1, $2, 'age', 'aggregated', now() - interval '1 day')`,
      [world.eventId, world.organizer.orgId],
    )
    expect(await read()).toEqual({})
    await server.db.query(
      `INSERT INTO audience_consents (event_id, org_id, segment_key, scope) VALUES ($1, $2, 'geo', 'aggregated')`,
      [world.eventId, world.organizer.orgId],
    )
    expect(await read()).toEqual({ geo_distribution: { US: 10 } })
  })

  it('gives the same report as CSV and as a PDF with its charts, by Accept', async () => {
    const csv = await api(
      server.url,
      'GET',
      `/v1/reports/roi?order_id=${world.orderId}&from=2020-01-01&to=2030-12-31`,
      { ...as(world.sponsor.owner), headers: { accept: 'text/csv' } },
    )
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.body).toContain('section,item,metric,value')
    expect(csv.body).toContain('performance,event,conversion_value_cents,400000')
    const pdf = await fetch(new URL(`/v1/reports/roi?order_id=${world.orderId}`, server.url), {
      headers: {
        authorization: `Bearer ${world.sponsor.owner.access_token}`,
        'x-org-id': world.sponsor.owner.orgId,
        accept: 'application/pdf',
      },
    })
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(1500)
    expect(preferredFormat('text/csv;q=0.5, application/pdf')).toBe('application/pdf')
    expect(preferredFormat('*/*')).toBe('application/json')
  })
})
