// A mutation that can never apply (a NUL character, a date in year 0000, a number Postgres cannot hold) is
// rejected with its reason and the ones after it still apply: one bad value never blocks a device's backlog.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, representative } from '../../support/lead-fixtures'

const anHourAgo = new Date(Date.now() - 3_600_000).toISOString()

describeBackends('sync push with values that can never apply on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let rep: SignedUp
  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await sponsorWorld(server.url, 'Bad Input Co')
    rep = await representative(server.url, server.db, world, 'representative', 'Careless Rep')
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 16 }, (_, i) => ({ badge_code: `B-${i}`, name: `Bea ${i}`, consent_to_share: true })),
    )
  })
  afterAll(() => server.close())

  const push = (body: unknown) => api(server.url, 'POST', '/v1/sync/push', { token: rep.access_token, body })
  const capture = (mutationId: number, badge: string, extra: Record<string, unknown> = {}) => ({
    mutation_id: mutationId,
    name: 'lead.capture',
    args: {
      sponsor_id: world.sponsorId,
      event_id: world.eventId,
      lead_id: randomUUID(),
      badge_code: badge,
      interaction: 'booth_visit',
      captured_at: anHourAgo,
      ...extra,
    },
  })
  const leadCount = async (badges: string[]) =>
    (
      await server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM leads WHERE sponsor_id = $1 AND badge_code = ANY($2)',
        [world.sponsorId, badges],
      )
    ).rows[0]!.n

  it('rejects each bad mutation with its reason and applies the ones after it', async () => {
    const clientId = `device-${randomUUID()}`
    const first = await push({ client_id: clientId, mutations: [capture(1, 'B-0')] })
    expect(first.status).toBe(200)
    const leadId = (await server.db.query<{ id: string }>('SELECT id FROM leads WHERE badge_code = $1', ['B-0']))
      .rows[0]!.id
    const mutations = [
      capture(2, 'B-1', { notes: 'call \u0000 back' }),
      capture(3, 'B-2', { captured_at: '0000-01-01T00:00:00Z' }),
      {
        mutation_id: 4,
        name: 'lead.update',
        args: { sponsor_id: world.sponsorId, lead_id: leadId, add_note: { id: randomUUID(), text: 'nul\u0000note' } },
      },
      capture(5, 'B-3', { qualifiers: { [randomUUID()]: 1e300 } }),
      capture(6, 'B-4'),
    ]
    const response = await push({ client_id: clientId, mutations })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.last_mutation_id).toBe(6)
    const statuses = response.body.results.map((r: { mutation_id: number; status: string }) => [
      r.mutation_id,
      r.status,
    ])
    expect(statuses).toEqual([
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'applied'],
    ])
    for (const result of response.body.results.slice(0, 4)) expect(result.error.message).toMatch(/\w{5,}/)
    expect(await leadCount(['B-1', 'B-2', 'B-3'])).toBe(0)
    expect(await leadCount(['B-4'])).toBe(1)
  })

  it('rejects a bad capture inside an offline backlog applied set-based, and applies the rest', async () => {
    const clientId = `device-${randomUUID()}`
    const badges = Array.from({ length: 10 }, (_, i) => `B-${5 + i}`)
    const mutations = badges.map((badge, i) => capture(i + 1, badge, i === 8 ? { notes: 'x\u0000y' } : {}))
    const response = await push({ client_id: clientId, mutations })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.last_mutation_id).toBe(10)
    expect(
      response.body.results
        .filter((r: { status: string }) => r.status === 'rejected')
        .map((r: { mutation_id: number }) => r.mutation_id),
    ).toEqual([9])
    expect(await leadCount(badges)).toBe(9)
  })

  it('answers a mutation id no client can make with 400, not 503', async () => {
    const response = await push({ client_id: `device-${randomUUID()}`, mutations: [capture(2 ** 60, 'B-0')] })
    expect(response.status).toBe(400)
    const huge = await api(server.url, 'POST', '/v1/sync/push', {
      token: rep.access_token,
      rawBody: `{"client_id":"device-${randomUUID()}","mutations":[{"mutation_id":1e300,"name":"lead.capture","args":{}}]}`,
    })
    expect(huge.status).toBe(400)
  })
})
