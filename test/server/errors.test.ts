import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, signUp, type SignedUp } from '../support/api-client'
import { startTestServer, type TestServer } from '../support/test-server'

describe('error envelope', () => {
  let server: TestServer
  let user: SignedUp
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { RATE_LIMIT_PER_MINUTE: '40' } })
    user = await signUp(server.url)
  })
  afterAll(() => server.close())

  it('answers malformed JSON with a 400 envelope', async () => {
    const response = await api(server.url, 'POST', '/v1/auth/login', { rawBody: '{"email": ' })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
  })

  it('answers an unknown route with a 404 envelope', async () => {
    const response = await api(server.url, 'GET', '/v1/nowhere')
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('route-not-found')
  })

  it("answers a malformed percent-encoding or an overlong path parameter with the envelope, not Fastify's own shape", async () => {
    // Found by test/server/fuzz: the router answered these itself, as { error: 'Bad Request', code: 'FST_ERR_…' }.
    const badUrl = await api(server.url, 'GET', '/v1/events/%zz', { token: user.access_token, orgId: user.orgId })
    expect(badUrl.status).toBe(400)
    expect(badUrl.body.error).toMatchObject({ code: 'bad-url', message: expect.stringContaining('percent') })
    const longParam = await api(server.url, 'GET', `/v1/events/${'a'.repeat(3000)}`, {
      token: user.access_token,
      orgId: user.orgId,
    })
    expect(longParam.status).toBe(414)
    expect(longParam.body.error).toMatchObject({ code: 'path-parameter-too-long', message: expect.any(String) })
  })

  it('answers a request line or headers past the HTTP parser limit with a 431 envelope', async () => {
    // Found by test/server/fuzz: Node's parser refused a 20 KB query string and Fastify answered in its own shape.
    const response = await api(server.url, 'GET', `/v1/events?q=${'x'.repeat(20_000)}`, {
      token: user.access_token,
      orgId: user.orgId,
    })
    expect(response.status).toBe(431)
    expect(response.body.error).toMatchObject({ code: 'headers-too-large', message: expect.any(String) })
  })

  it('answers a wrong content type with 415 and an oversize body with 413', async () => {
    const wrongType = await api(server.url, 'POST', '/v1/auth/login', {
      rawBody: '<email/>',
      headers: { 'content-type': 'application/xml' },
    })
    expect(wrongType.status).toBe(415)
    const huge = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) },
    })
    expect(huge.status).toBe(413)
    expect(huge.body.error.code).toBeTruthy()
  })

  it('refuses a missing or malformed X-Org-Id with a 400 that says how to fix it', async () => {
    const response = await api(server.url, 'GET', '/v1/events', { token: user.access_token, orgId: 'acme' })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'missing-org', message: expect.stringContaining('X-Org-Id') })
  })

  it('sends security headers', async () => {
    const response = await api(server.url, 'GET', '/healthz')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
  })

  it('rate limits with a 429 envelope', async () => {
    let last = await api(server.url, 'GET', '/healthz')
    for (let i = 0; i < 45 && last.status !== 429; i++) last = await api(server.url, 'GET', '/healthz')
    expect(last.status).toBe(429)
    expect(last.body.error.code).toBe('rate-limited')
  })
})
