// Behind a balancer every request comes from its address: without TRUST_PROXY the per-address sign-in
// throttle would lock everyone out together; with it, each client is counted by X-Forwarded-For.
import { describe, expect, it } from 'vitest'
import { api, signUp } from '../../support/api-client'
import { startTestServer } from '../../support/test-server'

const failFrom = (url: string, email: string, client: string) =>
  api(url, 'POST', '/v1/auth/login', {
    body: { email, password: 'wrong guess 123' },
    headers: { 'x-forwarded-for': client },
  })

describe('TRUST_PROXY', () => {
  for (const trusted of [true, false]) {
    it(
      trusted
        ? 'counts each forwarded client apart when the balancer is trusted'
        : 'counts the balancer itself when nothing is trusted',
      async () => {
        const server = await startTestServer({
          backend: 'pglite',
          env: {
            LOGIN_MAX_FAILURES_PER_IP: '3',
            LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
            ...(trusted ? { TRUST_PROXY: '127.0.0.1' } : {}),
          },
        })
        try {
          const user = await signUp(server.url)
          for (let i = 0; i < 3; i++)
            expect((await failFrom(server.url, user.user.email, '203.0.113.7')).status).toBe(401)
          expect((await failFrom(server.url, user.user.email, '203.0.113.7')).status).toBe(429)
          // Another client behind the same balancer.
          expect((await failFrom(server.url, user.user.email, '198.51.100.9')).status).toBe(trusted ? 401 : 429)
        } finally {
          await server.close()
        }
      },
    )
  }
})
