import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { goldPackage } from '../../support/commerce-fixtures'
import { startTestServer, type TestServer } from '../../support/test-server'
import { inspectValue } from '../../../server/plugins/input-guard'

describe('the edge refuses what no route may receive', () => {
  let server: TestServer
  let user: SignedUp
  const as = () => ({ token: user.access_token, orgId: user.orgId })
  const eventCount = async () =>
    (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite' })
    user = await signUp(server.url)
  })
  afterAll(() => server.close())

  it('answers a NUL character in a body string with 400 and writes nothing', async () => {
    const before = await eventCount()
    const response = await api(server.url, 'POST', '/v1/events', {
      ...as(),
      body: { ...sampleEvent, title: 'Bad\u0000Title' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid-characters')
    expect(await eventCount()).toBe(before)
  })

  it('answers a NUL character in a key, a query string or a path with 400', async () => {
    const key = await api(server.url, 'POST', '/v1/events', { ...as(), body: { ...sampleEvent, ['ti\u0000tle']: 'x' } })
    expect(key.status).toBe(400)
    const query = await api(server.url, 'GET', `/v1/events?q=${encodeURIComponent('a\u0000b')}`, as())
    expect(query.status).toBe(400)
    const path = await api(server.url, 'GET', '/v1/events/%00', as())
    expect(path.status).toBe(400)
  })

  it('answers JSON nested thousands of levels deep with 400, with or without an Idempotency-Key', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000)
    const plain = await api(server.url, 'POST', '/v1/events', { ...as(), rawBody: deep })
    expect(plain.status).toBe(400)
    expect(plain.body.error.code).toBe('too-deep')
    const keyed = await api(server.url, 'POST', '/v1/events', {
      ...as(),
      rawBody: `{"title":${deep}}`,
      headers: { 'idempotency-key': 'deep-1' },
    })
    expect(keyed.status).toBe(400)
  })

  it('takes body values as they are: null is not 0 and true is not 1', async () => {
    const before = await eventCount()
    const truthy = await api(server.url, 'POST', '/v1/events', { ...as(), body: { ...sampleEvent, capacity: true } })
    expect(truthy.status).toBe(400)
    const text = await api(server.url, 'POST', '/v1/events', { ...as(), body: { ...sampleEvent, capacity: '12' } })
    expect(text.status).toBe(400)
    expect(await eventCount()).toBe(before)
  })

  it('takes only ISO 4217 currencies', async () => {
    const event = await api(server.url, 'POST', '/v1/events', { ...as(), body: sampleEvent })
    const pkg = (currency: string) =>
      api(server.url, 'POST', '/v1/sponsorship-packages', {
        ...as(),
        body: { ...goldPackage, event_id: event.body.id, currency },
      })
    const bogus = await pkg('xyz')
    expect(bogus.status).toBe(400)
    expect((await server.db.query('SELECT count(*)::int AS n FROM sponsorship_packages')).rows[0]).toEqual({ n: 0 })
    expect((await pkg('eur')).status).toBe(201)
  })

  it('still reads numbers from query strings', async () => {
    const response = await api(server.url, 'GET', '/v1/events?limit=5', as())
    expect(response.status).toBe(200)
  })

  it('refuses dates in year 0000 or 9999', async () => {
    const before = await eventCount()
    for (const start_at of ['0000-01-01T00:00:00Z', '9999-12-31T00:00:00Z']) {
      const response = await api(server.url, 'POST', '/v1/events', { ...as(), body: { ...sampleEvent, start_at } })
      expect(response.status).toBe(400)
    }
    const fine = await api(server.url, 'POST', '/v1/events', { ...as(), body: sampleEvent })
    expect(fine.status).toBe(201)
    expect(await eventCount()).toBe(before + 1)
  })
})

describe('inspectValue', () => {
  it('measures nesting of objects and arrays, not of text inside strings', () => {
    expect(inspectValue({ a: [1, { b: '[[[[{{' }] }, 3)).toBeNull()
    expect(inspectValue({ a: [1, { b: [2] }] }, 3)).toBe('too-deep')
  })
  it('finds NUL in nested strings and keys', () => {
    expect(inspectValue({ a: [{ b: 'x\u0000' }] }, 32)).toBe('nul')
    expect(inspectValue({ ['k\u0000']: 1 }, 32)).toBe('nul')
    expect(inspectValue({ a: ['fine', 1, null, { b: 'ok' }] }, 32)).toBeNull()
  })
})
