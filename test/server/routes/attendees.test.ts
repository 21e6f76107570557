import { afterAll, beforeAll, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { organizerWithEvent } from '../../support/sponsor-fixtures'

describeBackends('attendee directory on %s', (backend) => {
  let server: TestServer
  let organizer: SignedUp
  let eventId: string
  beforeAll(async () => {
    server = await startTestServer({ backend })
    ;({ organizer, eventId } = await organizerWithEvent(server.url))
  })
  afterAll(() => server.close())

  const as = () => ({ token: organizer.access_token, orgId: organizer.orgId })
  const count = async () =>
    (await server.db.query('SELECT count(*)::int AS n FROM attendees WHERE event_id = $1', [eventId])).rows[0]!.n
  const importCsv = (csv: string) =>
    api(server.url, 'POST', `/v1/events/${eventId}/attendees/import`, {
      ...as(),
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    })

  it('upserts a JSON array on badge_code', async () => {
    const first = await api(server.url, 'POST', `/v1/events/${eventId}/attendees`, {
      ...as(),
      body: [
        {
          badge_code: 'B-001',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          company: 'Engines',
          title: 'CTO',
          consent_to_share: true,
        },
        { badge_code: 'B-002', name: 'Charles Babbage', consent_to_share: false },
      ],
    })
    expect(first.body).toEqual({ inserted: 2, updated: 0, total: 2 })
    const second = await api(server.url, 'POST', `/v1/events/${eventId}/attendees`, {
      ...as(),
      body: [{ badge_code: 'B-002', name: 'Charles Babbage', consent_to_share: true }],
    })
    expect(second.body).toEqual({ inserted: 0, updated: 1, total: 1 })
    const list = await api(server.url, 'GET', `/v1/events/${eventId}/attendees?q=babb`, as())
    expect(list.body).toMatchObject({ total: 1, data: [{ badge_code: 'B-002', consent_to_share: true }] })
  })

  it('imports a CSV with flexible consent values and headers', async () => {
    const csv =
      '\uFEFFBadge Code,Name,Email,Company,Title,Consent To Share\nC-1,Grace Hopper,grace@example.com,Navy,Admiral,yes\nC-2,"Hopper, Jr.",,,,no\n'
    const response = await importCsv(csv)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ inserted: 2, updated: 0, total: 2 })
    const consented = await api(server.url, 'GET', `/v1/events/${eventId}/attendees?consent=false&q=Jr`, as())
    expect(consented.body.data).toMatchObject([{ badge_code: 'C-2', name: 'Hopper, Jr.', email: null }])
  })

  it.each([
    [
      'a bad email on line 3',
      'badge_code,name,email,consent_to_share\nD-1,Ok,ok@example.com,true\nD-2,Bad,not-an-email,true\n',
      3,
      'the email address is not valid',
    ],
    [
      'an unclear consent value',
      'badge_code,name,consent_to_share\nD-3,Maybe,perhaps\n',
      2,
      'the consent column says "perhaps"; write yes or no (true/false and 1/0 work too)',
    ],
    [
      'a repeated badge code',
      'badge_code,name,consent_to_share\nD-4,One,true\nD-4,Two,true\n',
      3,
      'the badge code "D-4" is already on line 2',
    ],
    ['a missing name', 'badge_code,name,consent_to_share\nD-5,,true\n', 2, 'the name is empty'],
    ['an empty badge code', 'badge_code,name,consent_to_share\n,Nobody,true\n', 2, 'the badge code is empty'],
  ])('refuses a CSV with %s, naming the line in words, and imports nothing', async (_name, csv, line, words) => {
    const before = await count()
    const response = await importCsv(csv)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid-rows')
    // Each problem is a sentence a person reads, never the validator's words.
    expect(response.body.error.details[0]).toEqual({ line, message: words })
    expect(await count()).toBe(before)
  })

  it('refuses unknown columns, unknown fields, empty files and non-CSV bodies', async () => {
    expect((await importCsv('badge,name\nX,Y\n')).status).toBe(400)
    expect((await importCsv('badge_code,name,consent_to_share\n')).status).toBe(400)
    expect(
      (
        await api(server.url, 'POST', `/v1/events/${eventId}/attendees`, {
          ...as(),
          body: [{ badge_code: 'Z', name: 'Z', vip: true }],
        })
      ).status,
    ).toBe(400)
    expect((await api(server.url, 'POST', `/v1/events/${eventId}/attendees`, { ...as(), body: [] })).status).toBe(400)
    expect(
      (await api(server.url, 'POST', `/v1/events/${eventId}/attendees/import`, { ...as(), body: { csv: 'x' } })).status,
    ).toBe(400)
  })

  it('answers 404 for an event of another organization and 403 to a sponsor organization', async () => {
    const other = await organizerWithEvent(server.url, 'Other')
    expect((await api(server.url, 'GET', `/v1/events/${other.eventId}/attendees`, as())).status).toBe(404)
    const sponsor = await signUp(server.url, 'sponsor', 'Peeker')
    expect(
      (
        await api(server.url, 'GET', `/v1/events/${eventId}/attendees`, {
          token: sponsor.access_token,
          orgId: sponsor.orgId,
        })
      ).status,
    ).toBe(403)
  })

  it('reports a large import as it reads and writes, in order, to the organization room', async () => {
    const socket = io(server.url, {
      auth: { token: organizer.access_token },
      transports: ['websocket'],
      reconnection: false,
    })
    try {
      expect(await socket.timeout(5000).emitWithAck('org.join', { org_id: organizer.orgId })).toEqual({ ok: true })
      const seen: { phase: string; done: number; total: number | null; event_id: string }[] = []
      socket.on('attendees.import.progress', (update) => seen.push(update))
      const rows = Array.from({ length: 12_000 }, (_, i) => `P-${i},Person ${i},p${i}@example.com,,,yes`)
      const response = await importCsv(`badge_code,name,email,company,title,consent_to_share\n${rows.join('\n')}\n`)
      expect(response.body).toMatchObject({ inserted: 12_000, total: 12_000 })
      const arrived = () =>
        seen.filter((u) => u.phase === 'writing').length === 3 &&
        seen.some((u) => u.phase === 'reading' && u.done === 12_000)
      await expect.poll(arrived).toBe(true)
      // On Postgres the adapter publishes each emit before delivering it, so two updates may arrive swapped:
      // readers keep the highest count they have seen; the set of updates must still be complete.
      const byCount = (a: number, b: number) => a - b
      const reading = seen
        .filter((u) => u.phase === 'reading')
        .map((u) => u.done)
        .sort(byCount)
      const writing = seen
        .filter((u) => u.phase === 'writing')
        .map((u) => u.done)
        .sort(byCount)
      expect([...new Set(reading)]).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 1000))
      expect(writing).toEqual([5000, 10_000, 12_000])
      expect(seen.every((u) => u.event_id === eventId)).toBe(true)
    } finally {
      socket.disconnect()
    }
  })
})
