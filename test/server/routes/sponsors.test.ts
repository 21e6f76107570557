import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { organizerWithEvent } from '../../support/sponsor-fixtures'

describeBackends('sponsors API on %s', (backend) => {
  let server: TestServer
  let organizer: SignedUp
  let eventId: string
  let tierIds: string[]
  beforeAll(async () => {
    server = await startTestServer({ backend })
    ;({ organizer, eventId, tierIds } = await organizerWithEvent(server.url))
  })
  afterAll(() => server.close())

  const asOrganizer = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: organizer.access_token, orgId: organizer.orgId, body })
  const sponsorsPath = () => `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsors`
  const sponsorPath = (id: string) => `/v1/organizations/${organizer.orgId}/sponsors/${id}`
  const countRows = async () =>
    (
      await server.db.query(
        `SELECT (SELECT count(*) FROM sponsors)::int AS s, (SELECT count(*) FROM event_sponsorships)::int AS es, (SELECT count(*) FROM organizations)::int AS o`,
      )
    ).rows[0]

  it('adds a new company as a sponsor organization managed by the organizer', async () => {
    const added = await asOrganizer('POST', sponsorsPath(), {
      name: 'Globex',
      contact_email: 'hello@globex.example',
      tier_id: tierIds[0],
      is_featured: true,
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({
      company_name: 'Globex',
      tier_name: 'Platinum',
      is_featured: true,
      is_archived: false,
      managed_by_org_id: organizer.orgId,
      lead_counts: { total: 0 },
    })
    const org = await server.db.query('SELECT kind, name FROM organizations WHERE id = $1', [added.body.org_id])
    expect(org.rows[0]).toEqual({ kind: 'sponsor', name: 'Globex' })
    // Its category is what packages' allow-lists and exclusivity test.
    const categorised = await asOrganizer('PATCH', `/v1/organizations/${organizer.orgId}/sponsors/${added.body.id}`, {
      category: 'Technology',
    })
    expect(categorised.body.category).toBe('Technology')
  })

  it('adds an existing sponsor organization, whose owner then sees the event in GET /v1/my-sponsors', async () => {
    const sponsorOwner = await signUp(server.url, 'sponsor', 'Initech')
    const added = await asOrganizer('POST', sponsorsPath(), { sponsor_org_id: sponsorOwner.orgId, tier_id: tierIds[2] })
    expect(added.status).toBe(201)
    const mine = await api(server.url, 'GET', '/v1/my-sponsors', { token: sponsorOwner.access_token })
    expect(mine.body.data).toHaveLength(1)
    expect(mine.body.data[0]).toMatchObject({
      id: added.body.id,
      org_id: sponsorOwner.orgId,
      role: 'owner',
      events: [{ event_id: eventId, tier_name: 'Silver' }],
    })
    expect(mine.body.data[0].permissions).toContain('sponsor:leads:read')
    const again = await asOrganizer('POST', sponsorsPath(), { sponsor_org_id: sponsorOwner.orgId, tier_id: tierIds[2] })
    expect(again.status).toBe(409)
    const profile = await asOrganizer('PATCH', sponsorPath(added.body.id), { company_name: 'Renamed' })
    expect(profile.status).toBe(403)
  })

  it.each([
    [
      'both an organization and a new company',
      (tier: string) => ({
        sponsor_org_id: '00000000-0000-4000-8000-000000000000',
        name: 'X',
        contact_email: 'x@x.example',
        tier_id: tier,
      }),
      400,
    ],
    ['a company without a contact email', (tier: string) => ({ name: 'NoMail', tier_id: tier }), 400],
    ['a malformed contact email', (tier: string) => ({ name: 'BadMail', contact_email: 'nope', tier_id: tier }), 400],
    [
      'an unknown sponsor organization',
      (tier: string) => ({ sponsor_org_id: '00000000-0000-4000-8000-000000000000', tier_id: tier }),
      404,
    ],
    [
      'a tier of no event of ours',
      () => ({ name: 'Tierless', contact_email: 't@t.example', tier_id: '00000000-0000-4000-8000-000000000000' }),
      400,
    ],
    [
      'an oversize name',
      (tier: string) => ({ name: 'x'.repeat(201), contact_email: 'x@x.example', tier_id: tier }),
      400,
    ],
  ])('refuses %s and writes nothing', async (_name, body, status) => {
    const before = await countRows()
    const response = await asOrganizer('POST', sponsorsPath(), body(tierIds[0]!))
    expect(response.status).toBe(status)
    expect(response.body.error.message).toBeTruthy()
    expect(await countRows()).toEqual(before)
  })

  it('features, archives, restores and re-tiers a sponsor; the list hides archived ones unless asked', async () => {
    const added = await asOrganizer('POST', sponsorsPath(), {
      name: 'Umbrella',
      contact_email: 'u@umbrella.example',
      tier_id: tierIds[3],
    })
    const id = added.body.id
    const featured = await asOrganizer('PATCH', sponsorPath(id), {
      is_featured: true,
      tier_id: tierIds[1],
      website: 'https://umbrella.example',
    })
    expect(featured.status).toBe(200)
    expect(featured.body.sponsorships[0]).toMatchObject({
      is_featured: true,
      tier_name: 'Gold',
      website: 'https://umbrella.example',
    })

    const archived = await asOrganizer('DELETE', sponsorPath(id))
    expect(archived.body.sponsorships[0].is_archived).toBe(true)
    expect((await asOrganizer('GET', sponsorsPath())).body.data.map((s: { id: string }) => s.id)).not.toContain(id)
    expect(
      (await asOrganizer('GET', `${sponsorsPath()}?include_archived=true`)).body.data.map((s: { id: string }) => s.id),
    ).toContain(id)

    const restored = await asOrganizer('PATCH', sponsorPath(id), { is_archived: false })
    expect(restored.body.sponsorships[0].is_archived).toBe(false)
    expect(
      (await asOrganizer('GET', `${sponsorsPath()}?featured=true`)).body.data.map((s: { id: string }) => s.id),
    ).toContain(id)
    expect((await asOrganizer('GET', sponsorPath(id))).body).toMatchObject({ id, company_name: 'Umbrella' })
  })

  it('answers 404 for a sponsor that is not at any of our events, and 400 for a tier of another event', async () => {
    const stranger = await signUp(server.url, 'sponsor', 'Stranger')
    const [strangerSponsor] = (await api(server.url, 'GET', '/v1/my-sponsors', { token: stranger.access_token })).body
      .data
    expect((await asOrganizer('GET', sponsorPath(strangerSponsor.id))).status).toBe(404)
    expect((await asOrganizer('PATCH', sponsorPath(strangerSponsor.id), { is_featured: true })).status).toBe(404)
    const other = await organizerWithEvent(server.url, 'Other')
    const added = await asOrganizer('POST', sponsorsPath(), {
      name: 'Hooli',
      contact_email: 'h@hooli.example',
      tier_id: tierIds[0],
    })
    expect((await asOrganizer('PATCH', sponsorPath(added.body.id), { tier_id: other.tierIds[0] })).status).toBe(400)
  })
})
