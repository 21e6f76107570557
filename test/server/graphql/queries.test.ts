// How GraphQL queries run: nested lists cost a fixed number of SQL statements whatever their length (per-request
// loaders, counted on the database wrapper), abusive queries are refused before anything runs, inputs are checked
// with the REST body schemas, and Idempotency-Key replays a mutation's answer.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'
import { codesOf, gql, ok } from '../../support/graphql-client'

describeBackends('GraphQL queries on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let badge = 0
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { GRAPHQL_SQL_COUNTS: 'true', LEAD_CAPTURES_PER_MINUTE: '10000' } })
    world = await sponsorWorld(server.url, 'Loader Co')
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 40 }, (_, i) => ({ badge_code: `LD-${i}`, name: `Lee ${i}`, consent_to_share: true })),
    )
  }, 180_000)
  afterAll(() => server.close())

  const asOrganizer = () => ({ token: world.organizer.access_token, orgId: world.organizer.orgId })
  const asSponsor = () => ({ token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId })
  const statementsOf = async (query: string, as: { token: string; orgId: string }) => {
    const response = await gql(server.url, query, {}, as)
    ok(response)
    return { count: response.body.extensions!.sqlStatements!, data: response.body.data }
  }
  const addSponsors = async (n: number) => {
    for (let i = 0; i < n; i++) {
      ok(
        await gql(
          server.url,
          `mutation { createSponsor(eventId: "${world.eventId}", input: { tierId: "${world.tierIds[i % 3]}", name: "Extra ${randomUUID().slice(0, 6)}", contactEmail: "x@extra.example" }) { id } }`,
          {},
          asOrganizer(),
        ),
      )
    }
  }
  const capture = async (n: number, reps: Awaited<ReturnType<typeof representative>>[]) => {
    for (let i = 0; i < n; i++) {
      const response = await capturer(
        server.url,
        world,
        reps[i % reps.length],
      )({ badge_code: `LD-${badge++}`, interaction: 'booth_visit' })
      expect(response.status).toBe(201)
    }
  }

  it("reads an event's sponsors with their tiers, companies and sponsorships in the same number of statements for 2 or 10 sponsors", async () => {
    const query = `{ eventSponsors(eventId: "${world.eventId}") { tier { name } leadCounts { total } sponsor { companyName sponsorships { tier { name } event { title } leadCounts { total } } } } }`
    await addSponsors(1)
    const few = await statementsOf(query, asOrganizer())
    expect(few.data.eventSponsors).toHaveLength(2)
    await addSponsors(8)
    const many = await statementsOf(query, asOrganizer())
    expect(many.data.eventSponsors).toHaveLength(10)
    expect(
      many.data.eventSponsors.every(
        (s: { sponsor: { sponsorships: { tier: { name: string } }[] } }) => s.sponsor.sponsorships[0]!.tier.name,
      ),
    ).toBe(true)
    expect(many.count).toBe(few.count)
  })

  it('reads a page of leads with their capturers and interactions in the same number of statements for 3 or 24 leads', async () => {
    const reps = await Promise.all(
      ['Ana', 'Ben', 'Cy'].map((name) => representative(server.url, server.db, world, 'representative', name)),
    )
    const query = `{ sponsorLeads(sponsorId: "${world.sponsorId}", first: 50) { totalCount edges { node { name capturedBy { name } interactions { type points } } } }
      sponsorStats(sponsorId: "${world.sponsorId}") { total byRep { user { name } leads } } sponsor(id: "${world.sponsorId}") { companyName sponsorships { tier { name } } } }`
    await capture(3, reps)
    const few = await statementsOf(query, asSponsor())
    expect(few.data.sponsorLeads.totalCount).toBe(3)
    await capture(21, reps)
    const many = await statementsOf(query, asSponsor())
    expect(many.data.sponsorLeads.edges).toHaveLength(24)
    expect(
      new Set(
        many.data.sponsorLeads.edges.map((e: { node: { capturedBy: { name: string } } }) => e.node.capturedBy.name),
      ),
    ).toEqual(new Set(['Ana', 'Ben', 'Cy']))
    expect(many.count).toBe(few.count)
  })

  it('pages leads with cursors: every lead once, in order, and a foreign cursor is refused', async () => {
    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 20; page++) {
      const data: {
        sponsorLeads: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
      } = ok(
        await gql(
          server.url,
          'query($s: ID!, $a: String) { sponsorLeads(sponsorId: $s, first: 5, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { s: world.sponsorId, a: after },
          asSponsor(),
        ),
      )
      seen.push(...data.sponsorLeads.edges.map((e) => e.node.id))
      if (!data.sponsorLeads.pageInfo.hasNextPage) break
      after = data.sponsorLeads.pageInfo.endCursor
    }
    const total = (
      await server.db.query('SELECT count(*)::int AS n FROM leads WHERE sponsor_id = $1', [world.sponsorId])
    ).rows[0]!.n
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    const bad = await gql(
      server.url,
      `{ sponsorLeads(sponsorId: "${world.sponsorId}", sort: score, after: "${after}") { totalCount } }`,
      {},
      asSponsor(),
    )
    expect(codesOf(bad.body)).toEqual(['invalid-cursor'])
  })

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH before running it', async () => {
    const deep = `{ eventSponsors(eventId: "${world.eventId}") { sponsor { sponsorships { sponsor { sponsorships { sponsor { sponsorships { sponsor { sponsorships { sponsor { sponsorships { id } } } } } } } } } } } }`
    const { status, body } = await gql(server.url, deep, {}, asOrganizer())
    expect(status).toBe(400)
    expect(codesOf(body)).toEqual(['query-too-deep'])
  })

  it('refuses a query costing more than GRAPHQL_MAX_COST, and a page over 200', async () => {
    const aliases = Array.from(
      { length: 12 },
      (_, i) =>
        `a${i}: sponsorLeads(sponsorId: "${world.sponsorId}", first: 200) { edges { node { id name interactions { type } capturedBy { name } } } }`,
    ).join('\n')
    const costly = await gql(server.url, `{ ${aliases} }`, {}, asSponsor())
    expect(costly.status).toBe(400)
    expect(codesOf(costly.body)).toEqual(['query-too-costly'])
    expect(costly.body.errors![0]!.message).toMatch(/above the limit of 20000/)
    const big = await gql(
      server.url,
      `{ sponsorLeads(sponsorId: "${world.sponsorId}", first: 500) { totalCount } }`,
      {},
      asSponsor(),
    )
    expect(codesOf(big.body)).toEqual(['invalid-request'])
  })

  it('checks inputs with the REST schemas: a bad colour is invalid-request and writes nothing', async () => {
    const count = async () =>
      (await server.db.query('SELECT count(*)::int AS n FROM sponsor_tiers WHERE event_id = $1', [world.eventId]))
        .rows[0]!.n
    const before = await count()
    const bad = await gql(
      server.url,
      `mutation { createSponsorTier(eventId: "${world.eventId}", input: { name: "Teal", color: "teal" }) { id } }`,
      {},
      asOrganizer(),
    )
    expect(codesOf(bad.body)).toEqual(['invalid-request'])
    expect(bad.body.errors![0]!.message).toMatch(/color/)
    const email = await gql(
      server.url,
      `mutation { createSponsorInvitation(sponsorId: "${world.sponsorId}", input: { email: "not-an-email", role: viewer }) { invitation { id } } }`,
      {},
      asSponsor(),
    )
    expect(codesOf(email.body)).toEqual(['invalid-request'])
    expect(await count()).toBe(before)
  })

  it('honours Idempotency-Key on mutations: same key and body replay the answer, another body is 422, invalid input frees the key', async () => {
    const key = randomUUID()
    const send = (name: string, idempotencyKey = key) =>
      api(server.url, 'POST', '/graphql', {
        ...asOrganizer(),
        headers: { 'idempotency-key': idempotencyKey },
        body: {
          query: `mutation($e: ID!, $n: String!) { createSponsorTier(eventId: $e, input: { name: $n }) { id name } }`,
          variables: { e: world.eventId, n: name },
        },
      })
    const first = await send('Startup Row')
    const again = await send('Startup Row')
    expect(again.body).toEqual(first.body)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(
      (
        await server.db.query(
          "SELECT count(*)::int AS n FROM sponsor_tiers WHERE event_id = $1 AND name = 'Startup Row'",
          [world.eventId],
        )
      ).rows[0]!.n,
    ).toBe(1)
    expect((await send('Another Row')).status).toBe(422)
    const invalidKey = randomUUID()
    const invalid = await api(server.url, 'POST', '/graphql', {
      ...asOrganizer(),
      headers: { 'idempotency-key': invalidKey },
      body: {
        query: `mutation { createSponsorTier(eventId: "${world.eventId}", input: { name: "Bad", color: "teal" }) { id } }`,
      },
    })
    expect(codesOf(invalid.body)).toEqual(['invalid-request'])
    const corrected = await api(server.url, 'POST', '/graphql', {
      ...asOrganizer(),
      headers: { 'idempotency-key': invalidKey },
      body: {
        query: `mutation { createSponsorTier(eventId: "${world.eventId}", input: { name: "Bad", color: "#00AA88" }) { name } }`,
      },
    })
    expect(ok(corrected).createSponsorTier.name).toBe('Bad')
  })
})
