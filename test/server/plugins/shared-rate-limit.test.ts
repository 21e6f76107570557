// Rate limits are shared by every instance on one Postgres: a client spreading requests over two instances
// meets one limit, not one per instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { testDatabaseUrl } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

describe.skipIf(!testDatabaseUrl)('rate limits across two instances on one Postgres (needs TEST_DATABASE_URL)', () => {
  let first: TestServer & { databaseUrl?: string }
  let second: TestServer
  beforeAll(async () => {
    first = await startTestServer({ backend: 'postgres', env: { RATE_LIMIT_PER_MINUTE: '20' } })
    second = await startTestServer({
      backend: 'postgres',
      databaseUrl: first.databaseUrl!,
      env: { RATE_LIMIT_PER_MINUTE: '20' },
    })
  })
  afterAll(async () => {
    await second.close()
    await first.close()
  })

  it('counts requests to either instance against the same limit', async () => {
    // Windows are whole minutes: do not start right at the end of one.
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100))
    const statuses = async (server: TestServer, count: number) => {
      const seen: number[] = []
      for (let i = 0; i < count; i++) seen.push((await api(server.url, 'GET', '/healthz')).status)
      return seen
    }
    expect(await statuses(first, 12)).toEqual(Array(12).fill(200))
    await first.app.sharedRateStore!.flush()
    expect(await statuses(second, 1)).toEqual([200])
    await second.app.sharedRateStore!.flush()
    // 13 of 20 are used: the second instance lets 7 more through, then refuses.
    const rest = await statuses(second, 10)
    expect(rest.filter((s) => s === 200)).toHaveLength(7)
    expect(rest.slice(7)).toEqual([429, 429, 429])
  })
})
