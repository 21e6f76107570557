import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../server/plugins/idempotency'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { describeBackends } from '../support/databases'
import { startTestServer, type TestServer } from '../support/test-server'

describeBackends('Idempotency-Key on %s', (backend) => {
  let server: TestServer
  let owner: SignedUp
  beforeAll(async () => {
    server = await startTestServer({ backend })
    owner = await signUp(server.url)
  })
  afterAll(() => server.close())

  const post = (key: string, body: unknown) =>
    api(server.url, 'POST', '/v1/events', {
      token: owner.access_token,
      orgId: owner.orgId,
      body,
      headers: { 'idempotency-key': key },
    })
  const countEvents = async () =>
    (await server.db.query('SELECT count(*)::int AS n FROM events WHERE org_id = $1', [owner.orgId])).rows[0]!.n

  it('replays the stored response for the same key and body, creating once', async () => {
    const first = await post('key-same', sampleEvent)
    const second = await post('key-same', sampleEvent)
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await countEvents()).toBe(1)
  })

  it('answers 422 when the key comes back with another body', async () => {
    await post('key-other', sampleEvent)
    const other = await post('key-other', { ...sampleEvent, title: 'Different' })
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('idempotency-key-reused')
  })

  it('answers 409 while a request with the same key is still running', async () => {
    await server.db.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, state) VALUES ($1, 'key-running', 'x', 'in_progress')`,
      [`user:${owner.user.id}`],
    )
    const response = await post('key-running', sampleEvent)
    expect(response.status).toBe(409)
    expect(response.body.error.code).toBe('idempotency-request-in-progress')
  })

  it('treats the same fields in another order as the same request', async () => {
    const reordered = Object.fromEntries(Object.entries(sampleEvent).reverse())
    const before = await countEvents()
    const first = await post('key-order', sampleEvent)
    const second = await post('key-order', reordered)
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body).toEqual(first.body)
    expect(await countEvents()).toBe(before + 1)
  })

  it('does not bind the key to a request the schema rejects: the corrected retry with the same key runs once', async () => {
    const before = await countEvents()
    const bad = await post('key-corrected', { ...sampleEvent, capacity: -5 })
    expect(bad.status).toBe(400)
    const good = await post('key-corrected', sampleEvent)
    expect(good.status).toBe(201)
    const retried = await post('key-corrected', sampleEvent)
    expect(retried.headers.get('idempotent-replayed')).toBe('true')
    expect(await countEvents()).toBe(before + 1)
  })

  it('does not bind the key to input the handler rejects (past the key claim): the corrected retry with the same key runs', async () => {
    // The schema's 400 above is answered before the key is claimed; this 400 comes from the route itself.
    const path = `/v1/organizations/${owner.orgId}/events/${randomUUID()}/sponsors`
    const send = (body: unknown) =>
      api(server.url, 'POST', path, {
        token: owner.access_token,
        orgId: owner.orgId,
        body,
        headers: { 'idempotency-key': 'key-handler-400' },
      })
    const bad = await send({ tier_id: randomUUID() })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('sponsor-required')
    const stored = await server.db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [
      'key-handler-400',
    ])
    expect(stored.rows).toEqual([{ n: 0 }])
    // The corrected request runs (and meets the next rule: no such event), instead of a 422 for a reused key.
    const corrected = await send({ tier_id: randomUUID(), name: 'Acme', contact_email: 'acme@example.com' })
    expect(corrected.status).toBe(404)
    expect(corrected.body.error.code).toBe('not-found')
  })

  it('keeps keys apart per user', async () => {
    const other = await signUp(server.url)
    const mine = await post('shared-key', sampleEvent)
    const theirs = await api(server.url, 'POST', '/v1/events', {
      token: other.access_token,
      orgId: other.orgId,
      body: sampleEvent,
      headers: { 'idempotency-key': 'shared-key' },
    })
    expect(theirs.status).toBe(201)
    expect(theirs.body.id).not.toBe(mine.body.id)
    expect(theirs.body.org_id).toBe(other.orgId)
  })
})

describe('canonicalJson', () => {
  it('gives the same text for the same value whatever the field order, at every depth', () => {
    const a = { b: [{ y: 1, x: null }], a: { d: 'v', c: true } }
    const b = { a: { c: true, d: 'v' }, b: [{ x: null, y: 1 }] }
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
  })
})
