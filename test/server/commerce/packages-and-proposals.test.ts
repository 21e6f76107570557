// Packages (templates, versions, validation) and the rules enforced when a proposal is accepted.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, sampleEvent } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, goldPackage, sentProposal } from '../../support/commerce-fixtures'

describeBackends('packages and proposals on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  it('refuses bad packages with a clear 4xx and stores nothing', async () => {
    const world = await commerceWorld(server.url)
    const count = async () =>
      (
        await server.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM sponsorship_packages WHERE event_id = $1',
          [world.eventId],
        )
      ).rows[0]!.n
    const before = await count()
    const cases: [Record<string, unknown>, number, string][] = [
      [{ event_id: world.eventId, title: 'No price' }, 400, 'package-incomplete'],
      [{ event_id: world.eventId, ...goldPackage, currency: 'DOLLARS' }, 400, 'invalid-request'],
      [{ event_id: world.eventId, ...goldPackage, price_cents: -1 }, 400, 'invalid-request'],
      [
        {
          event_id: world.eventId,
          ...goldPackage,
          availability: { start: '2030-01-01T00:00:00Z', end: '2029-01-01T00:00:00Z' },
        },
        400,
        'invalid-availability',
      ],
      [{ event_id: world.eventId, ...goldPackage, surprise: true }, 400, 'invalid-request'],
    ]
    for (const [body, status, code] of cases) {
      const response = await api(server.url, 'POST', '/v1/sponsorship-packages', { ...as(world.organizer), body })
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(response.body.error.code).toBe(code)
    }
    expect(await count()).toBe(before)
  })

  it('copies a template, versions changed terms, and keeps an offer on the version it was made on', async () => {
    const world = await commerceWorld(server.url)
    const copy = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(world.organizer),
      body: { event_id: world.eventId, template_id: world.packageId, title: 'Gold, second stage' },
    })
    expect(copy.status).toBe(201)
    expect(copy.body).toMatchObject({
      template_id: world.packageId,
      price_cents: 150000,
      benefits: goldPackage.benefits,
      is_active: false,
    })
    const who = await buyer(server.url, 'Versioned')
    const threadId = await sentProposal(world, who, 140000)
    const repriced = await api(server.url, 'PATCH', `/v1/sponsorship-packages/${world.packageId}`, {
      ...as(world.organizer),
      body: { price_cents: 200000, benefits: { logo_stage: true } },
    })
    expect(repriced.body.version).toBe(2)
    const renamedOnly = await api(server.url, 'PATCH', `/v1/sponsorship-packages/${world.packageId}`, {
      ...as(world.organizer),
      body: { audience_snapshot: { estimated_reach: 1 } },
    })
    expect(renamedOnly.body.version).toBe(2)
    const accepted = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))
    expect(accepted.body.order).toMatchObject({
      package_version: 1,
      amount_cents: 140000,
      benefits: { booth: '10x10', logo_stage: true },
    })
    const shrink = await api(server.url, 'PATCH', `/v1/sponsorship-packages/${world.packageId}`, {
      ...as(world.organizer),
      body: { inventory: 0 },
    })
    expect(shrink.status).toBe(409)
    expect(shrink.body.error.code).toBe('inventory-below-sold')
  })

  it('keeps the version for a rename, a new inventory or the same benefits in another order; a new price makes one', async () => {
    const world = await commerceWorld(server.url)
    const patch = (body: Record<string, unknown>) =>
      api(server.url, 'PATCH', `/v1/sponsorship-packages/${world.packageId}`, { ...as(world.organizer), body })
    const reordered = Object.fromEntries(Object.entries(goldPackage.benefits).reverse())
    expect(
      (await patch({ title: 'Gold Stage', tier: 'platinum', inventory: 5, visibility: 'private', benefits: reordered }))
        .body,
    ).toMatchObject({ title: 'Gold Stage', tier: 'platinum', version: 1 })
    expect((await patch({ price_cents: 175000 })).body.version).toBe(2)
    expect((await patch({ benefits: { ...reordered, booth: '20x20' } })).body.version).toBe(3)
  })

  it("names each package's event in the gallery and the marketplace, but never an event with nothing on public sale", async () => {
    const world = await commerceWorld(server.url)
    const gallery = await api(
      server.url,
      'GET',
      `/v1/sponsorship-packages?event_id=${world.eventId}`,
      as(world.organizer),
    )
    expect(gallery.body.data.map((p: { event_title: string }) => p.event_title)).toEqual(['Founders Summit'])
    const fizz = await buyer(server.url, 'Titles')
    const market = await api(server.url, 'GET', '/v1/sponsorship-packages', as(fizz.owner))
    expect(market.body.data.find((p: { id: string }) => p.id === world.packageId)).toMatchObject({
      event_title: 'Founders Summit',
    })

    // An event whose only package is a draft: its title stays with its organizer.
    const quiet = await api(server.url, 'POST', '/v1/events', {
      ...as(world.organizer),
      body: { ...sampleEvent, title: 'Unannounced Gala' },
    })
    const draft = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(world.organizer),
      body: { event_id: quiet.body.id, ...goldPackage },
    })
    expect(draft.body.event_title).toBe('Unannounced Gala')
    const titles = await server.db.tenantTransaction({ orgId: fizz.owner.orgId, userId: fizz.owner.user.id }, (tx) =>
      tx.query('SELECT event_id, title FROM package_event_titles($1::uuid[])', [[quiet.body.id, world.eventId]]),
    )
    expect(titles.rows).toEqual([{ event_id: world.eventId, title: 'Founders Summit' }])
  })

  it('enforces category allow-lists, sponsor conflicts, max per sponsor and exclusivity when accepting', async () => {
    const world = await commerceWorld(server.url, {
      package: {
        inventory: 10,
        constraints: { category_allow: ['Beverage'], sponsor_conflicts: ['Fizz Corp'] },
        availability: { max_per_sponsor: 1, exclusivity: true },
      },
    })
    const setCategory = async (who: Awaited<ReturnType<typeof buyer>>, category: string) => {
      const saved = await api(server.url, 'PATCH', `/v1/sponsors/${who.sponsorId}/profile`, {
        ...as(who.owner),
        body: { category },
      })
      expect(saved.body.category).toBe(category)
    }
    const accept = async (who: Awaited<ReturnType<typeof buyer>>) =>
      api(server.url, 'POST', `/v1/proposals/${await sentProposal(world, who)}:accept`, as(world.organizer))

    const techie = await buyer(server.url, 'Techie')
    await setCategory(techie, 'Technology')
    expect((await accept(techie)).body.error.code).toBe('sponsor-category-not-allowed')

    const fizz = await buyer(server.url, 'Fizz Corp')
    await setCategory(fizz, 'Beverage')
    expect(
      (
        await api(server.url, 'PATCH', `/v1/sponsors/${fizz.sponsorId}/profile`, {
          ...as(fizz.owner),
          body: { company_name: 'Fizz Corp' },
        })
      ).status,
    ).toBe(200)
    expect((await accept(fizz)).body.error.code).toBe('sponsor-conflict')

    const soda = await buyer(server.url, 'Soda')
    await setCategory(soda, 'Beverage')
    expect((await accept(soda)).status).toBe(200)
    expect((await accept(soda)).body.error.code).toBe('max-per-sponsor-reached')

    const juice = await buyer(server.url, 'Juice')
    await setCategory(juice, 'beverage')
    expect((await accept(juice)).body.error.code).toBe('exclusivity-conflict')
    const { rows } = await server.db.query('SELECT sold FROM sponsorship_packages WHERE id = $1', [world.packageId])
    expect(rows).toEqual([{ sold: 1 }])
  })

  it('refuses packages outside their availability window', async () => {
    const world = await commerceWorld(server.url, {
      package: { availability: { start: '2029-01-01T00:00:00Z', end: '2030-01-01T00:00:00Z' } },
    })
    const who = await buyer(server.url, 'Early')
    const response = await api(
      server.url,
      'POST',
      `/v1/proposals/${await sentProposal(world, who)}:accept`,
      as(world.organizer),
    )
    expect(response.status).toBe(409)
    expect(response.body.error.code).toBe('package-not-yet-available')
  })

  it('names the allowed transitions when one is impossible, and rejects a closed thread', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Closer')
    const threadId = await sentProposal(world, who)
    const rejected = await api(server.url, 'POST', `/v1/proposals/${threadId}:reject`, {
      ...as(world.organizer),
      body: { reason: 'Sold elsewhere' },
    })
    expect(rejected.body).toMatchObject({ status: 'rejected', allowed_actions: [] })
    const accept = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))
    expect(accept.status).toBe(409)
    expect(accept.body.error).toMatchObject({
      code: 'invalid-transition',
      details: { status: 'rejected', allowed: [] },
    })
    const message = await api(server.url, 'POST', `/v1/proposals/${threadId}/messages`, {
      ...as(who.owner),
      body: { body: 'Please reconsider' },
    })
    expect(message.body.error.code).toBe('proposal-closed')
    const wrongSide = await api(server.url, 'POST', `/v1/proposals/${threadId}/messages`, {
      ...as(who.owner),
      body: { sender_type: 'organizer', body: 'x' },
    })
    expect(wrongSide.status).toBe(400)
  })

  it('upserts an event sponsorship on event, sponsor and tier', async () => {
    const world = await commerceWorld(server.url)
    const who = await buyer(server.url, 'Tiered')
    const tiers = await api(
      server.url,
      'POST',
      `/v1/organizations/${world.organizer.orgId}/events/${world.eventId}/sponsor-tiers/defaults`,
      as(world.organizer),
    )
    const body = {
      event_id: world.eventId,
      sponsor_id: who.sponsorId,
      tier: 'Gold',
      amount_cents: 2500000,
      benefits: { logo_stage: true, lead_capture: true },
    }
    const first = await api(server.url, 'POST', '/v1/event-sponsorships', { ...as(world.organizer), body })
    expect(first.body).toMatchObject({ tier: 'Gold', amount_cents: 2500000, activation_status: 'draft' })
    const second = await api(server.url, 'POST', '/v1/event-sponsorships', {
      ...as(world.organizer),
      body: { ...body, tier: tiers.body.data[1].id, activation_status: 'in_progress' },
    })
    expect(second.body).toMatchObject({ id: first.body.id, activation_status: 'in_progress', amount_cents: 2500000 })
    const other = await api(server.url, 'POST', '/v1/event-sponsorships', {
      ...as(world.organizer),
      body: { ...body, tier: 'Silver' },
    })
    expect(other.status).toBe(409)
    const unknown = await api(server.url, 'POST', '/v1/event-sponsorships', {
      ...as(world.organizer),
      body: { ...body, tier: 'Diamond' },
    })
    expect(unknown.body.error.code).toBe('unknown-tier')
  })
})
