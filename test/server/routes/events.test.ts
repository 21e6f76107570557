import { afterAll, beforeAll, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

describeBackends('events API on %s', (backend) => {
  let server: TestServer
  let owner: SignedUp
  beforeAll(async () => {
    server = await startTestServer({ backend })
    owner = await signUp(server.url, 'organizer', 'Owner')
  })
  afterAll(() => server.close())

  const asOwner = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: owner.access_token, orgId: owner.orgId, body })

  it('creates, reads, lists and patches an event', async () => {
    const created = await asOwner('POST', '/v1/events', sampleEvent)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...sampleEvent, org_id: owner.orgId })

    const fetched = await asOwner('GET', `/v1/events/${created.body.id}`)
    expect(fetched.body.title).toBe('Founders Summit')

    const patched = await asOwner('PATCH', `/v1/events/${created.body.id}`, { city: 'Dallas', capacity: 1500 })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ city: 'Dallas', capacity: 1500, title: 'Founders Summit' })

    const list = await asOwner('GET', '/v1/events?limit=50')
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(created.body.id)
  })

  it('pages the list with has_more and next_offset', async () => {
    const org = await signUp(server.url, 'organizer', 'Pager')
    for (let i = 0; i < 3; i++) {
      await api(server.url, 'POST', '/v1/events', {
        token: org.access_token,
        orgId: org.orgId,
        body: { ...sampleEvent, title: `E${i}` },
      })
    }
    const page = await api(server.url, 'GET', '/v1/events?limit=2', { token: org.access_token, orgId: org.orgId })
    expect(page.body.data).toHaveLength(2)
    expect(page.body).toMatchObject({ has_more: true, next_offset: 2 })
    const rest = await api(server.url, 'GET', '/v1/events?limit=2&offset=2', {
      token: org.access_token,
      orgId: org.orgId,
    })
    expect(rest.body).toMatchObject({ has_more: false, next_offset: null })
    expect(rest.body.data).toHaveLength(1)
  })

  it.each([
    ['an end before the start', { ...sampleEvent, end_at: '2027-02-01T00:00:00Z' }, 'constraint-violated'],
    ['a malformed date', { ...sampleEvent, start_at: 'tomorrow' }, 'invalid-request'],
    ['a negative capacity', { ...sampleEvent, capacity: -1 }, 'invalid-request'],
    ['an unknown field', { ...sampleEvent, owner: 'me' }, 'invalid-request'],
    ['an oversize title', { ...sampleEvent, title: 'x'.repeat(201) }, 'invalid-request'],
    ['a string for categories', { ...sampleEvent, categories: 'music' }, 'invalid-request'],
  ])('rejects %s with a 400 and writes nothing', async (_name, body, code) => {
    const before = await server.db.query('SELECT count(*)::int AS n FROM events')
    const response = await asOwner('POST', '/v1/events', body)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe(code)
    const after = await server.db.query('SELECT count(*)::int AS n FROM events')
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n)
  })

  it('answers an unknown or malformed event id with 404 or 400', async () => {
    expect((await asOwner('GET', '/v1/events/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await asOwner('GET', '/v1/events/not-a-uuid')).status).toBe(400)
    expect((await asOwner('PATCH', '/v1/events/00000000-0000-4000-8000-000000000000', { city: 'X' })).status).toBe(404)
    expect((await asOwner('PATCH', '/v1/events/00000000-0000-4000-8000-000000000000', {})).status).toBe(400)
  })

  it('lets only organizer owners and admins write', async () => {
    const sponsor = await signUp(server.url, 'sponsor', 'Sponsor')
    const refused = await api(server.url, 'POST', '/v1/events', {
      token: sponsor.access_token,
      orgId: sponsor.orgId,
      body: sampleEvent,
    })
    expect(refused.status).toBe(403)

    const member = await signUp(server.url, 'organizer', 'Member')
    await server.db.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'member')`, [
      owner.orgId,
      member.user.id,
    ])
    const asMember = { token: member.access_token, orgId: owner.orgId }
    expect((await api(server.url, 'GET', '/v1/events', asMember)).status).toBe(200)
    expect((await api(server.url, 'POST', '/v1/events', { ...asMember, body: sampleEvent })).status).toBe(403)
  })

  it("emits event.updated to the organization's room when an event changes", async () => {
    const created = await asOwner('POST', '/v1/events', sampleEvent)
    const socket = io(server.url, { auth: { token: owner.access_token }, transports: ['websocket'] })
    try {
      const joined = await socket.timeout(5000).emitWithAck('org.join', { org_id: owner.orgId })
      expect(joined).toEqual({ ok: true })
      const received = new Promise((resolve) => socket.once('event.updated', resolve))
      await asOwner('PATCH', `/v1/events/${created.body.id}`, { title: 'Renamed Summit' })
      expect(await received).toMatchObject({ id: created.body.id, title: 'Renamed Summit' })
    } finally {
      socket.disconnect()
    }
  })
})
