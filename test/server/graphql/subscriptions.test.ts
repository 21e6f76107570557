// Live lead feeds over graphql-ws: a capture made over REST reaches leadCaptured (on Postgres, through a second
// instance on the same database), a repeat capture reaches leadIntentUpdated, a caller without sponsor:leads:read
// is refused, and a subscription ends with access-revoked when its user loses access — as sockets leave rooms.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Client } from 'graphql-ws'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'
import { follow, wsClient } from '../../support/graphql-client'

const captured =
  'subscription($s: ID!) { leadCaptured(sponsorId: $s) { id name intentLevel capturedBy { name } interactions { type } } }'
const intent =
  'subscription($s: ID!) { leadIntentUpdated(sponsorId: $s) { intentLevel intentScore previousIntentLevel lead { id } } }'

describeBackends('GraphQL subscriptions on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let other: TestServer | undefined
  let world: SponsorWorld
  let badge = 0
  const clients: Client[] = []

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LEAD_CAPTURES_PER_MINUTE: '10000' } })
    // On Postgres, captures and access changes go through a second instance: the feed must cross to the first one.
    if (backend === 'postgres')
      other = await startTestServer({
        backend,
        databaseUrl: server.databaseUrl!,
        env: { LEAD_CAPTURES_PER_MINUTE: '10000' },
      })
    world = await sponsorWorld(server.url, 'Live Co')
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 20 }, (_, i) => ({ badge_code: `LV-${i}`, name: `Liv ${i}`, consent_to_share: true })),
    )
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()))
    await other?.close()
    await server.close()
  })

  const changer = () => other?.url ?? server.url
  const open = (user: SignedUp) => {
    const client = wsClient(server.url, user.access_token)
    clients.push(client)
    return client
  }
  /** Subscribes and waits until the server holds the subscription (a capture before that would be missed). */
  const subscribe = async (user: SignedUp, query = captured) => {
    const before = server.app.leadSubscriptions.size
    const followed = follow(open(user), query, { s: world.sponsorId })
    await expect.poll(() => server.app.leadSubscriptions.size, { timeout: 10_000 }).toBe(before + 1)
    return followed
  }
  /** Stops following and waits until the server has let go of it. */
  const unsubscribe = async (feed: { stop: () => void }) => {
    const before = server.app.leadSubscriptions.size
    feed.stop()
    await expect.poll(() => server.app.leadSubscriptions.size, { timeout: 10_000 }).toBe(before - 1)
  }
  const capture = (badgeCode = `LV-${badge++}`, interaction = 'booth_visit') =>
    capturer(changer(), world)({ badge_code: badgeCode, interaction })

  it('receives a lead captured over REST (on Postgres, captured through the other instance)', async () => {
    const feed = await subscribe(world.sponsorOwner)
    const response = await capture()
    expect(response.status).toBe(201)
    await expect.poll(() => feed.values.length, { timeout: 10_000 }).toBe(1)
    expect(feed.values[0]).toEqual({
      leadCaptured: {
        id: response.body.id,
        name: response.body.name,
        intentLevel: 'cold',
        capturedBy: { name: 'Live Co' },
        interactions: [{ type: 'booth_visit' }],
      },
    })
    await unsubscribe(feed)
  })

  it('receives the new score of a repeat capture on leadIntentUpdated', async () => {
    const feed = await subscribe(world.sponsorOwner, intent)
    const first = await capture('LV-19', 'demo_request')
    await capture('LV-19', 'direct_request')
    await expect.poll(() => feed.values.length, { timeout: 10_000 }).toBe(1)
    expect(feed.values[0]).toEqual({
      leadIntentUpdated: {
        intentLevel: 'hot',
        intentScore: 70,
        previousIntentLevel: 'cold',
        lead: { id: first.body.id },
      },
    })
    await unsubscribe(feed)
  })

  it("refuses a subscription to a user without sponsor:leads:read, with the room's error", async () => {
    const stranger = await representative(
      server.url,
      server.db,
      await sponsorWorld(server.url, 'Elsewhere'),
      'viewer',
      'Stranger',
    )
    const feed = follow(open(stranger), captured, { s: world.sponsorId })
    await expect.poll(() => feed.errors.length, { timeout: 10_000 }).toBe(1)
    expect(JSON.stringify(feed.errors[0])).toContain('forbidden')
    expect((await capture()).status).toBe(201)
    expect(feed.values).toEqual([])
  })

  it('refuses a connection without a valid token', async () => {
    const client = wsClient(server.url, 'not-a-token')
    clients.push(client)
    const feed = follow(client, captured, { s: world.sponsorId })
    await expect.poll(() => feed.errors.length, { timeout: 10_000 }).toBeGreaterThan(0)
    expect(feed.values).toEqual([])
  })

  it("ends the subscription of a representative removed from the sponsor (removed through the other instance on Postgres), not the owner's", async () => {
    const rep = await representative(server.url, server.db, world, 'representative', 'Removed Rita')
    const repFeed = await subscribe(rep)
    const ownerFeed = await subscribe(world.sponsorOwner)
    expect((await capture()).status).toBe(201)
    await expect.poll(() => repFeed.values.length, { timeout: 10_000 }).toBe(1)
    const users = await api(
      changer(),
      'GET',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsors/${world.sponsorId}/users`,
      { token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId },
    )
    const sponsorUserId = users.body.data.find((u: { user_id: string }) => u.user_id === rep.user.id).id
    const removed = await api(
      changer(),
      'DELETE',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${sponsorUserId}`,
      { token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId },
    )
    expect(removed.status).toBe(200)
    await expect.poll(() => repFeed.errors.length, { timeout: 5000 }).toBe(1)
    expect(JSON.stringify(repFeed.errors[0])).toContain('access-revoked')
    expect((await capture()).status).toBe(201)
    await expect.poll(() => ownerFeed.values.length, { timeout: 10_000 }).toBe(2)
    expect(repFeed.values).toHaveLength(1)
  })

  it('ends subscriptions when the sponsor is archived at its only event, through GraphQL', async () => {
    const rep = await representative(server.url, server.db, world, 'viewer', 'Archived Ann')
    const repFeed = await subscribe(rep)
    const archived = await api(changer(), 'POST', '/graphql', {
      token: world.organizer.access_token,
      orgId: world.organizer.orgId,
      body: { query: `mutation { archiveSponsor(id: "${world.sponsorId}") { id } }` },
    })
    expect(archived.body.errors).toBeUndefined()
    await expect.poll(() => repFeed.errors.length, { timeout: 5000 }).toBe(1)
    expect(JSON.stringify(repFeed.errors[0])).toContain('access-revoked')
  })
})
