import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends, postgresOnly } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const login = (url: string, email: string, password: string) =>
  api(url, 'POST', '/v1/auth/login', { body: { email, password } })

describeBackends('sign-in throttle on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' },
    })
  })
  afterAll(() => server.close())

  it('refuses even the right password after a burst of wrong ones, saying when to retry', async () => {
    const user = await signUp(server.url)
    const wrong = await Promise.all(
      Array.from({ length: 60 }, () => login(server.url, user.user.email, 'wrong guess 123')),
    )
    expect(wrong.filter((response) => response.status === 401)).toHaveLength(5)
    const right = await login(server.url, user.user.email, user.password)
    expect(right.status).toBe(429)
    expect(right.body.error.code).toBe('too-many-login-attempts')
    expect(right.body.error.message).toMatch(/Too many failed sign-ins.*Wait \d+ s/)
    const retryAfter = Number(right.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(900)
  })

  it('counts the account whatever the letter case of the email', async () => {
    const user = await signUp(server.url)
    for (let i = 0; i < 5; i++)
      await login(server.url, i % 2 ? user.user.email.toUpperCase() : user.user.email, 'wrong guess 123')
    expect((await login(server.url, user.user.email, user.password)).status).toBe(429)
  })

  it('forgives the failures before a correct password', async () => {
    const user = await signUp(server.url)
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await login(server.url, user.user.email, 'wrong guess 123')).status).toBe(401)
      expect((await login(server.url, user.user.email, user.password)).status).toBe(200)
    }
  })

  it.runIf(backend === 'postgres')(
    postgresOnly('shares the counters between instances on the same database'),
    async () => {
      const other = await startTestServer({
        backend,
        databaseUrl: server.databaseUrl,
        env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' },
      })
      try {
        const user = await signUp(server.url)
        for (let i = 0; i < 3; i++) await login(server.url, user.user.email, 'wrong guess 123')
        for (let i = 0; i < 3; i++) await login(other.url, user.user.email, 'wrong guess 123')
        expect((await login(other.url, user.user.email, user.password)).status).toBe(429)
      } finally {
        await other.close()
      }
    },
  )
})

describeBackends('sign-in throttle per client address on %s', (backend) => {
  let server: TestServer
  let users: SignedUp[]
  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: { LOGIN_MAX_FAILURES_PER_IP: '5', LOGIN_THROTTLE_WINDOW_SECONDS: '2' },
    })
    users = await Promise.all(Array.from({ length: 6 }, () => signUp(server.url)))
  })
  afterAll(() => server.close())

  it('stops one address guessing across many accounts until the window ends', async () => {
    for (const user of users.slice(0, 5))
      expect((await login(server.url, user.user.email, 'wrong guess 123')).status).toBe(401)
    const blocked = await login(server.url, users[5]!.user.email, users[5]!.password)
    expect(blocked.status).toBe(429)
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(2)
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100))
    expect((await login(server.url, users[5]!.user.email, users[5]!.password)).status).toBe(200)
  })
})
