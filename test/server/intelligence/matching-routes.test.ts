import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, sampleEvent } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, eventually, type Buyer, type CommerceWorld } from '../../support/commerce-fixtures'
import { computeMatch } from '../../../server/intelligence/match-formula'

const goodTargeting = {
  industry: 'Developer tools',
  company_size: '50-200',
  annual_budget_cents: 5_000_000,
  brand_objectives: { keywords: ['startups', 'founders'], goals: ['developer adoption'] },
  target_audience: { age_buckets: ['25-34'], interests: ['saas'] },
  preferred_categories: ['Technology'],
  regions: ['us', 'TX'],
  activation_preferences: { avoid_tags: ['gambling'] },
}

describeBackends('matching and recommendations over HTTP on %s', (backend) => {
  let server: TestServer
  let world: CommerceWorld
  let fit: Buyer
  let unfit: Buyer
  const recommendations = () =>
    api(server.url, 'GET', `/v1/events/${world.eventId}/sponsor-recommendations`, as(world.organizer))

  beforeAll(async () => {
    server = await startTestServer({ backend, jobs: true })
    world = await commerceWorld(server.url)
    fit = await buyer(server.url, 'Devtools Inc')
    unfit = await buyer(server.url, 'Unrelated Co')
  })
  afterAll(() => server.close())

  it('reads and writes the targeting fields at the sponsor profile', async () => {
    const patched = await api(server.url, 'PATCH', `/v1/sponsors/${fit.sponsorId}/profile`, {
      ...as(fit.owner),
      body: goodTargeting,
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      ...goodTargeting,
      regions: ['US', 'TX'],
      company_name: 'Devtools Inc Org',
      reputation_score: null,
    })
    const read = await api(server.url, 'GET', `/v1/sponsors/${fit.sponsorId}/profile`, as(fit.owner))
    expect(read.body).toMatchObject({ preferred_categories: ['Technology'], annual_budget_cents: 5_000_000 })
    const unfitPatch = await api(server.url, 'PATCH', `/v1/sponsors/${unfit.sponsorId}/profile`, {
      ...as(unfit.owner),
      body: { preferred_categories: ['farming'] },
    })
    expect(unfitPatch.status).toBe(200)
  })

  it('refuses bad targeting with a 400 and writes nothing', async () => {
    const before = await server.db.query('SELECT * FROM sponsor_profiles WHERE sponsor_id = $1', [fit.sponsorId])
    for (const body of [
      { annual_budget_cents: -1 },
      { regions: ['U S'] },
      { brand_objectives: { keywords: 'x', goals: [] } },
      { reputation_score: 1 },
    ]) {
      const r = await api(server.url, 'PATCH', `/v1/sponsors/${fit.sponsorId}/profile`, { ...as(fit.owner), body })
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBeTruthy()
    }
    expect(
      (await server.db.query('SELECT * FROM sponsor_profiles WHERE sponsor_id = $1', [fit.sponsorId])).rows,
    ).toEqual(before.rows)
  })

  it('recomputes on demand and recommends the fitting sponsor to the organizer with the explanation', async () => {
    const queued = await api(server.url, 'POST', '/v1/matches/recompute', {
      ...as(world.organizer),
      body: { event_id: world.eventId, reason: 'test' },
    })
    expect(queued.status).toBe(202)
    expect(queued.body).toMatchObject({ success: true, operations: [`event:${world.eventId}`] })
    expect(typeof queued.body.duration_ms).toBe('number')
    const listed = await eventually(recommendations, (r) => r.body.data?.length > 0)
    expect(listed.body.data.map((m: { sponsor_id: string }) => m.sponsor_id)).toEqual([fit.sponsorId])
    const expected = computeMatch(
      {
        annualBudgetCents: 5_000_000,
        preferredCategories: ['Technology'],
        regions: ['US', 'TX'],
        keywords: ['startups', 'founders'],
        goals: ['developer adoption'],
        interests: ['saas'],
        avoidTags: ['gambling'],
      },
      {
        title: sampleEvent.title,
        categories: sampleEvent.categories,
        country: 'US',
        region: 'TX',
        interests: ['startups'],
        brandSafetyTags: sampleEvent.brand_safety_tags,
      },
      null,
    )
    const match = listed.body.data[0]
    expect(match.score).toBeCloseTo(expected.score, 6)
    expect(match.overlap_metrics).toMatchObject({
      budget_fit: expected.overlapMetrics.budget_fit,
      audience_overlap: { categories: 1, geo: 1 },
      geo_fit: 1,
      engagement_quality: 0,
    })
    expect(match.company_name).toBe('Devtools Inc Org')
  })

  it('recommends the event with packages on sale to the sponsor', async () => {
    const r = await api(server.url, 'GET', `/v1/sponsors/${fit.sponsorId}/event-recommendations`, as(fit.owner))
    expect(r.status).toBe(200)
    expect(r.body.data).toHaveLength(1)
    expect(r.body.data[0]).toMatchObject({
      event_id: world.eventId,
      available_packages: 1,
      from_price_cents: 150000,
      currency: 'USD',
    })
    const none = await api(server.url, 'GET', `/v1/sponsors/${unfit.sponsorId}/event-recommendations`, as(unfit.owner))
    expect(none.body.data).toEqual([])
  })

  it('records the funnel from either side, and no one else reaches the match', async () => {
    const matchId = (await recommendations()).body.data[0].id
    const viewed = await api(server.url, 'PATCH', `/v1/matches/${matchId}`, {
      ...as(world.organizer),
      body: { action: 'viewed' },
    })
    expect(viewed.status).toBe(200)
    expect(viewed.body.viewed_at).toBeTruthy()
    const contacted = await api(server.url, 'PATCH', `/v1/matches/${matchId}`, {
      ...as(fit.owner),
      body: { action: 'contacted' },
    })
    expect(contacted.body).toMatchObject({ viewed_at: viewed.body.viewed_at, status: 'suggested' })
    expect(contacted.body.contacted_at).toBeTruthy()
    const stranger = await api(server.url, 'PATCH', `/v1/matches/${matchId}`, {
      ...as(unfit.owner),
      body: { action: 'rejected' },
    })
    expect(stranger.status).toBe(404)
    const bad = await api(server.url, 'PATCH', `/v1/matches/${matchId}`, {
      ...as(world.organizer),
      body: { action: 'liked' },
    })
    expect(bad.status).toBe(400)
    const strangerFeedback = await api(server.url, 'POST', `/v1/matches/${matchId}/feedback`, {
      ...as(unfit.owner),
      body: { useful: false },
    })
    expect(strangerFeedback.status).toBe(404)
    expect(
      (await server.db.query('SELECT status FROM sponsorship_matches WHERE id = $1', [matchId])).rows[0]!.status,
    ).toBe('suggested')
  })

  it('takes a match the organizer found not useful out of its recommendations', async () => {
    const matchId = (await recommendations()).body.data[0].id
    const fb = await api(server.url, 'POST', `/v1/matches/${matchId}/feedback`, {
      ...as(world.organizer),
      body: { useful: false, reason: 'budget', comment: 'Too big for us' },
    })
    expect(fb.status).toBe(201)
    expect(fb.body).toMatchObject({ match_id: matchId, side: 'organizer', useful: false, reason: 'budget' })
    expect((await recommendations()).body.data).toEqual([])
    // The sponsor's side is its own: it still sees the event.
    const r = await api(server.url, 'GET', `/v1/sponsors/${fit.sponsorId}/event-recommendations`, as(fit.owner))
    expect(r.body.data).toHaveLength(1)
  })

  it("answers the score-on-change contract and refuses another organization's ids without queueing", async () => {
    const sponsorSide = await api(server.url, 'POST', '/v1/matches/score-on-change', {
      ...as(fit.owner),
      body: { sponsor_id: fit.sponsorId, event_ids: [world.eventId] },
    })
    expect(sponsorSide.status).toBe(202)
    expect(sponsorSide.body).toMatchObject({
      success: true,
      operations: [`event:${world.eventId}`, `sponsor:${fit.sponsorId}`, 'pairs:1'],
    })
    const before = (await server.db.query('SELECT count(*)::int AS n FROM fit_recalc_queue')).rows[0]!.n
    const foreign = await api(server.url, 'POST', '/v1/matches/score-on-change', {
      ...as(unfit.owner),
      body: { sponsor_ids: [fit.sponsorId, unfit.sponsorId] },
    })
    expect(foreign.status).toBe(404)
    const organizerForSponsor = await api(server.url, 'POST', '/v1/matches/recompute', {
      ...as(world.organizer),
      body: { sponsor_id: fit.sponsorId },
    })
    expect(organizerForSponsor.status).toBe(400)
    const empty = await api(server.url, 'POST', '/v1/matches/score-on-change', { ...as(fit.owner), body: {} })
    expect(empty.status).toBe(400)
    expect((await server.db.query('SELECT count(*)::int AS n FROM fit_recalc_queue')).rows[0]!.n).toBe(before)
  })
})
