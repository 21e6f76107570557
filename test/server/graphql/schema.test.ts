// The committed schema.graphql is the running server's schema, and every root field has its resolver.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printSchema } from 'graphql'
import { startTestServer, type TestServer } from '../../support/test-server'

describe('GraphQL schema', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite' })
  })
  afterAll(() => server.close())

  it('equals the committed server/graphql/schema.graphql (run npm run graphql:schema after a change)', () => {
    const committed = readFileSync(new URL('../../../server/graphql/schema.graphql', import.meta.url), 'utf8')
    expect(`${printSchema(server.app.graphql.schema)}\n`).toBe(committed)
  })

  it('resolves every query and mutation field and subscribes every subscription', () => {
    const schema = server.app.graphql.schema
    const missing = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => !field.resolve)
        .map((field) => `${type.name}.${field.name}`),
    )
    const unsubscribed = Object.values(schema.getSubscriptionType()!.getFields())
      .filter((field) => !field.subscribe)
      .map((field) => field.name)
    expect([...missing, ...unsubscribed]).toEqual([])
  })

  it('serves GraphiQL only when GRAPHIQL is set', async () => {
    expect((await fetch(new URL('/graphiql', server.url))).status).toBe(404)
    const withIde = await startTestServer({ backend: 'pglite', env: { GRAPHIQL: 'true' } })
    try {
      const page = await fetch(new URL('/graphiql', withIde.url))
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('graphiql')
    } finally {
      await withIde.close()
    }
  })
})
