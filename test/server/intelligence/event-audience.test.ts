// GET /v1/events/{id}/audience: what the event's organizer reads in its audience panel — nothing before the first
// roll-up, then the latest value of each snapshot metric and the insights; another organization gets a 404.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, commerceWorld, type CommerceWorld } from '../../support/commerce-fixtures'
import { runStatsRollup } from '../../../server/intelligence/stats-rollup'

describeBackends('event audience over HTTP on %s', (backend) => {
  let server: TestServer
  let world: CommerceWorld
  let other: CommerceWorld
  const audience = (eventId = world.eventId, who = world) =>
    api(server.url, 'GET', `/v1/events/${eventId}/audience`, as(who.organizer))

  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await commerceWorld(server.url)
    other = await commerceWorld(server.url)
  })
  afterAll(() => server.close())

  it('says there is nothing yet before the first roll-up', async () => {
    const r = await audience()
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ event_id: world.eventId, stats: [], insights: null })
  })

  it('answers the latest snapshot per metric and the insights after a roll-up', async () => {
    const key = (
      await api(server.url, 'POST', `/v1/organizations/${world.organizer.orgId}/api-keys`, {
        ...as(world.organizer),
        body: { name: 'Ticketing' },
      })
    ).body.key
    const ingested = await api(server.url, 'POST', `/v1/events/${world.eventId}/impressions`, {
      headers: { authorization: `Bearer ${key}` },
      body: { batch_id: 'a', rows: [{ country: 'US' }, { country: 'US' }, { country: 'CA', age_bucket: '25-34' }] },
    })
    expect(ingested.status).toBeLessThan(300)
    await runStatsRollup(server.db, new Date(Date.now() - 3_600_000))
    await runStatsRollup(server.db)
    const r = await audience()
    expect(r.status).toBe(200)
    const byKey = Object.fromEntries(r.body.stats.map((s: { metric_key: string }) => [s.metric_key, s]))
    // One row per metric (two roll-ups wrote two of each), the newest.
    expect(r.body.stats).toHaveLength(new Set(Object.keys(byKey)).size)
    expect(byKey.impressions_total.metric_value).toBe(3)
    expect(Date.now() - Date.parse(byKey.impressions_total.captured_at)).toBeLessThan(60_000)
    expect(r.body.insights).toMatchObject({ geo_distribution: { US: 2, CA: 1 }, age_segments: { '25-34': 1 } })
  })

  it('answers 404 for an event of another organization and 400 for a bad id, leaking nothing', async () => {
    const foreign = await audience(world.eventId, other)
    expect(foreign.status).toBe(404)
    expect(JSON.stringify(foreign.body)).not.toContain('impressions')
    expect((await audience('not-a-uuid')).status).toBe(400)
  })
})
