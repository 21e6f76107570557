import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp } from '../../support/api-client'
import { describeBackends, postgresOnly } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const me = (url: string, token: string) => api(url, 'GET', '/v1/me', { token })
const sessionIdOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string

describeBackends('signing out on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  it('carries the sign-in id in the access token', async () => {
    const user = await signUp(server.url)
    const { rows } = await server.db.query('SELECT family_id FROM refresh_tokens WHERE user_id = $1', [user.user.id])
    expect(sessionIdOf(user.access_token)).toBe(rows[0]!.family_id)
  })

  it('ends the access token of the sign-in at logout', async () => {
    const user = await signUp(server.url)
    expect((await me(server.url, user.access_token)).status).toBe(200)
    await api(server.url, 'POST', '/v1/auth/logout', { body: { refresh_token: user.refresh_token } })
    const after = await me(server.url, user.access_token)
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('session-revoked')
  })

  it('ends every access token of a sign-in revoked by refresh-token reuse', async () => {
    const user = await signUp(server.url)
    const rotated = await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } })
    expect((await me(server.url, rotated.body.access_token)).status).toBe(200)
    const replay = await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } })
    expect(replay.body.error.code).toBe('refresh-token-reused')
    expect((await me(server.url, rotated.body.access_token)).status).toBe(401)
    expect((await me(server.url, user.access_token)).status).toBe(401)
  })

  it('leaves the other sign-ins of the user working', async () => {
    const user = await signUp(server.url)
    const kiosk = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: user.user.email, password: user.password, device_id: 'kiosk' },
    })
    await api(server.url, 'POST', '/v1/auth/logout', { body: { refresh_token: user.refresh_token } })
    expect((await me(server.url, kiosk.body.access_token)).status).toBe(200)
  })

  it.runIf(backend === 'postgres')(
    postgresOnly('ends the access token on another instance within a second'),
    async () => {
      const other = await startTestServer({ backend, databaseUrl: server.databaseUrl })
      try {
        const user = await signUp(server.url)
        expect((await me(other.url, user.access_token)).status).toBe(200)
        await api(server.url, 'POST', '/v1/auth/logout', { body: { refresh_token: user.refresh_token } })
        await new Promise((resolve) => setTimeout(resolve, 1100))
        expect((await me(other.url, user.access_token)).status).toBe(401)
      } finally {
        await other.close()
      }
    },
  )
})
