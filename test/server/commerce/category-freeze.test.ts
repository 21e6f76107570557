// Issue 10 §8: the category an order was judged on is kept on the order, and a sponsor cannot move its
// category out from under an exclusivity or allow-list it holds.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, goldPackage, type Buyer, type CommerceWorld } from '../../support/commerce-fixtures'

describeBackends('sponsor category on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  const setCategory = (who: Buyer, category: string | null) =>
    api(server.url, 'PATCH', `/v1/sponsors/${who.sponsorId}/profile`, { ...as(who.owner), body: { category } })
  const buy = (world: CommerceWorld, who: Buyer, packageId = world.packageId) =>
    api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: {
        package_id: packageId,
        sponsor_id: who.sponsorId,
        event_id: world.eventId,
        amount_cents: 150000,
        currency: 'USD',
      },
    })
  const sponsorOf = async (world: CommerceWorld, name: string, category: string) => {
    const who = await buyer(server.url, name)
    expect((await setCategory(who, category)).status).toBe(200)
    return who
  }

  it('refuses to move a sponsor out of the category its exclusive package was sold on', async () => {
    const world = await commerceWorld(server.url, {
      package: { title: 'Exclusive Pour', inventory: 5, availability: { exclusivity: true } },
    })
    const cola = await sponsorOf(world, 'Cola', 'Beverage')
    const bought = await buy(world, cola)
    expect(bought.status).toBe(201)
    const moved = await setCategory(cola, 'Snacks')
    expect(moved.status).toBe(409)
    expect(moved.body.error).toMatchObject({ code: 'category-locked', details: { package_id: world.packageId } })
    expect(moved.body.error.message).toContain('Exclusive Pour')
    expect((await setCategory(cola, 'beverage')).status).toBe(200)
    expect(
      (
        await api(server.url, 'PATCH', `/v1/sponsors/${cola.sponsorId}/profile`, {
          ...as(cola.owner),
          body: { website: 'https://cola.example' },
        })
      ).status,
    ).toBe(200)
  })

  it('judges exclusivity on the category frozen on the order, whatever the profile says later', async () => {
    const world = await commerceWorld(server.url, { package: { inventory: 5, availability: { exclusivity: true } } })
    const cola = await sponsorOf(world, 'Cola', 'Beverage')
    const order = await buy(world, cola)
    // A category changed behind the profile route (an organizer-managed company, an operator) changes nothing already sold.
    await server.db.query(`UPDATE sponsors SET category = 'Snacks' WHERE id = $1`, [cola.sponsorId])
    const pepsi = await sponsorOf(world, 'Pop', 'Beverage')
    const rival = await buy(world, pepsi)
    expect(rival.status).toBe(409)
    expect(rival.body.error.code).toBe('exclusivity-conflict')
    const { rows } = await server.db.query('SELECT sponsor_category FROM sponsorship_orders WHERE id = $1', [
      order.body.id,
    ])
    expect(rows).toEqual([{ sponsor_category: 'Beverage' }])
  })

  it('refuses a category off an allow-list the sponsor holds, or into a rival exclusivity at the same event', async () => {
    const world = await commerceWorld(server.url, {
      package: {
        title: 'Tech Lounge',
        inventory: 5,
        constraints: { category_allow: ['Technology'], sponsor_conflicts: [] },
      },
    })
    const techie = await sponsorOf(world, 'Techie', 'Technology')
    expect((await buy(world, techie)).status).toBe(201)
    const off = await setCategory(techie, 'Beverage')
    expect(off.status).toBe(409)
    expect(off.body.error.message).toContain('Tech Lounge')

    const exclusive = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(world.organizer),
      body: { event_id: world.eventId, ...goldPackage, title: 'Snack Exclusive', availability: { exclusivity: true } },
    })
    await api(server.url, 'POST', `/v1/sponsorship-packages/${exclusive.body.id}:publish`, as(world.organizer))
    const crisps = await sponsorOf(world, 'Crisps', 'Snacks')
    expect((await buy(world, crisps, exclusive.body.id)).status).toBe(201)
    const plain = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(world.organizer),
      body: { event_id: world.eventId, ...goldPackage, title: 'Plain' },
    })
    await api(server.url, 'POST', `/v1/sponsorship-packages/${plain.body.id}:publish`, as(world.organizer))
    const chips = await sponsorOf(world, 'Chips', 'Games')
    expect((await buy(world, chips, plain.body.id)).status).toBe(201)
    const into = await setCategory(chips, 'snacks')
    expect(into.status).toBe(409)
    expect(into.body.error).toMatchObject({ code: 'category-locked', details: { package_id: exclusive.body.id } })
  })
})
