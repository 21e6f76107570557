import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../support/api-client'
import { startTestServer, type TestServer } from '../support/test-server'

// Fastify's `/:id(regex)::verb` (a parameter, then a literal colon) is documented as `/{id}:verb`.
const documentedPath = (url: string) =>
  url
    .replace(/:(\w+)\([^)]*\)/g, '{$1}')
    .replace(/::/g, '\u0000')
    .replace(/:(\w+)/g, '{$1}')
    .replace(/\u0000/g, ':')

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
    // Every /v1 route the app has, with its method, from the route table: a new route cannot be left out.
    const routes = server.app.routeTable
      .filter((route) => route.url.startsWith('/v1/'))
      .flatMap((route) =>
        [route.method]
          .flat()
          .filter((m) => m !== 'HEAD')
          .map((m) => [m.toLowerCase(), documentedPath(route.url)] as const),
      )
    expect(routes.length).toBeGreaterThan(15)
    for (const [method, path] of routes) {
      expect(doc.body.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined()
    }
    for (const path of [
      '/v1/organizations/{org_id}/events/{event_id}/sponsors',
      '/v1/my-sponsors',
      '/v1/sponsorship-packages/{id}:publish',
      '/v1/proposals/{id}:accept',
      '/v1/sponsorship-orders/{id}:fund',
      '/v1/stripe/webhook',
      '/v1/organizations/{org_id}/payout-configuration',
      '/v1/me/notification-preferences',
      '/v1/me/notification-preferences/{event_id}',
      '/v1/notifications/unsubscribe',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path)
    }
    expect(doc.body.paths['/v1/events'].post.requestBody.content['application/json'].schema.required).toEqual([
      'title',
      'start_at',
      'end_at',
    ])
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
