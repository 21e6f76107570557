import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../support/api-client'
import { startTestServer, type TestServer } from '../support/test-server'

describe('OpenAPI document and docs', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite' })
  })
  afterAll(() => server.close())

  it('documents every API route with its schemas', async () => {
    const doc = await api(server.url, 'GET', '/openapi.json')
    expect(doc.status).toBe(200)
    expect(doc.body.openapi).toMatch(/^3\./)
    for (const path of ['/v1/auth/signup', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout', '/v1/me', '/v1/events', '/v1/events/{id}', '/v1/organizations/{org_id}/events/{event_id}/sponsor-tiers', '/v1/organizations/{org_id}/events/{event_id}/sponsor-tiers/defaults', '/v1/organizations/{org_id}/sponsor-tiers/{tier_id}']) {
      expect(Object.keys(doc.body.paths)).toContain(path)
    }
    expect(doc.body.paths['/v1/events'].post.requestBody.content['application/json'].schema.required).toEqual(['title', 'start_at', 'end_at'])
  })

  it('serves interactive docs without a token', async () => {
    const docs = await fetch(new URL('/docs/', server.url))
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain('swagger')
  })

  it('answers health and readiness', async () => {
    expect((await api(server.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' })
    expect((await api(server.url, 'GET', '/readyz')).body).toEqual({ status: 'ready' })
  })
})
