import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

describeBackends('sponsor tiers API on %s', (backend) => {
  let server: TestServer
  let owner: SignedUp
  let eventId: string
  beforeAll(async () => {
    server = await startTestServer({ backend })
    owner = await signUp(server.url, 'organizer', 'Tiers')
    eventId = (
      await api(server.url, 'POST', '/v1/events', { token: owner.access_token, orgId: owner.orgId, body: sampleEvent })
    ).body.id
  })
  afterAll(() => server.close())

  const asOwner = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: owner.access_token, orgId: owner.orgId, body })
  const tiersPath = () => `/v1/organizations/${owner.orgId}/events/${eventId}/sponsor-tiers`

  it('creates the default tier set in one call, and a second call changes nothing', async () => {
    const first = await asOwner('POST', `${tiersPath()}/defaults`)
    expect(first.status).toBe(201)
    expect(first.body.data.map((t: { name: string }) => t.name)).toEqual(['Platinum', 'Gold', 'Silver', 'Bronze'])
    const second = await asOwner('POST', `${tiersPath()}/defaults`)
    expect(second.body.data.map((t: { id: string }) => t.id)).toEqual(first.body.data.map((t: { id: string }) => t.id))
  })

  it('creates, lists and updates a tier', async () => {
    const created = await asOwner('POST', tiersPath(), {
      name: 'Startup Row',
      display_order: 9,
      color: '#00AA88',
      price_cents: 250000,
      benefits: ['Table'],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Startup Row', event_id: eventId, price_cents: 250000 })
    const patched = await asOwner('PATCH', `/v1/organizations/${owner.orgId}/sponsor-tiers/${created.body.id}`, {
      is_active: false,
      price_cents: 200000,
    })
    expect(patched.body).toMatchObject({ is_active: false, price_cents: 200000, name: 'Startup Row' })
    const list = await asOwner('GET', tiersPath())
    expect(list.body.data.map((t: { name: string }) => t.name)).toContain('Startup Row')
  })

  it.each([
    ['a duplicate name in any case', { name: 'GOLD' }, 409],
    ['a bad color', { name: 'Teal', color: 'teal' }, 400],
    ['a negative price', { name: 'Cheap', price_cents: -1 }, 400],
    ['an unknown field', { name: 'X', tier_level: 3 }, 400],
  ])('refuses %s and writes nothing', async (_name, body, status) => {
    await asOwner('POST', `${tiersPath()}/defaults`)
    const before = await server.db.query('SELECT count(*)::int AS n FROM sponsor_tiers WHERE event_id = $1', [eventId])
    expect((await asOwner('POST', tiersPath(), body)).status).toBe(status)
    const after = await server.db.query('SELECT count(*)::int AS n FROM sponsor_tiers WHERE event_id = $1', [eventId])
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n)
  })

  it('answers 404 for an unknown event or tier and 403 when the path names another organization', async () => {
    expect(
      (
        await asOwner(
          'GET',
          `/v1/organizations/${owner.orgId}/events/00000000-0000-4000-8000-000000000000/sponsor-tiers`,
        )
      ).status,
    ).toBe(404)
    expect(
      (
        await asOwner('PATCH', `/v1/organizations/${owner.orgId}/sponsor-tiers/00000000-0000-4000-8000-000000000000`, {
          name: 'X',
        })
      ).status,
    ).toBe(404)
    expect(
      (await asOwner('GET', `/v1/organizations/00000000-0000-4000-8000-000000000000/events/${eventId}/sponsor-tiers`))
        .status,
    ).toBe(403)
  })

  it('deletes a tier no sponsor holds, and refuses one a sponsor holds (409 tier-in-use) without changing it', async () => {
    const tiers = (await asOwner('POST', `${tiersPath()}/defaults`)).body.data as { id: string; name: string }[]
    const sponsorOrg = await signUp(server.url, 'sponsor', 'Holder')
    const added = await asOwner('POST', `/v1/organizations/${owner.orgId}/events/${eventId}/sponsors`, {
      sponsor_org_id: sponsorOrg.orgId,
      tier_id: tiers[0]!.id,
    })
    expect(added.status).toBe(201)
    const held = await asOwner('DELETE', `/v1/organizations/${owner.orgId}/sponsor-tiers/${tiers[0]!.id}`)
    expect(held.status).toBe(409)
    expect(held.body.error).toMatchObject({ code: 'tier-in-use', details: { sponsors: 1 } })
    const spare = await asOwner('DELETE', `/v1/organizations/${owner.orgId}/sponsor-tiers/${tiers[3]!.id}`)
    expect(spare.body).toMatchObject({ id: tiers[3]!.id, name: 'Bronze' })
    const names = (await asOwner('GET', tiersPath())).body.data.map((t: { name: string }) => t.name)
    expect(names).toContain('Platinum')
    expect(names).not.toContain('Bronze')
  })
})
