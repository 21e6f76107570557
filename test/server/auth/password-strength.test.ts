import { afterAll, beforeAll, expect, it } from 'vitest'
import { assertStrongPassword } from '../../../server/auth/password-strength'
import { ensureDemoData } from '../../../server/demo/demo-seed'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

describeBackends('password strength at sign-up on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  const countUsers = async () => (await server.db.query('SELECT count(*)::int AS n FROM users')).rows[0]!.n

  it.each(['aaaaaaaa', '12345678', '        ', 'password1', 'qwertyuiop', 'P@ssw0rd!'])(
    'refuses %j with a 400 saying why',
    async (password) => {
      const before = await countUsers()
      const response = await api(server.url, 'POST', '/v1/auth/signup', {
        body: {
          email: `weak-${Math.random().toString(36).slice(2)}@example.com`,
          password,
          name: 'Weak',
          org_name: 'Weak Org',
          org_kind: 'organizer',
        },
      })
      expect(response.status).toBe(400)
      expect(response.body.error.code).toBe('weak-password')
      expect(response.body.error.message).toMatch(/too easy to guess/)
      expect(await countUsers()).toBe(before)
    },
  )

  it('refuses a password made of the email address itself', async () => {
    const email = 'harbor.lantern@example.com'
    const response = await api(server.url, 'POST', '/v1/auth/signup', {
      body: { email, password: email, name: 'Harbor', org_name: 'Harbor Org', org_kind: 'organizer' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('weak-password')
  })

  it('gives the demo login a password that passes the check', async () => {
    const demo = await ensureDemoData(server.db, server.config.dataDir)
    expect(() => assertStrongPassword(demo.password, server.config.passwordMinScore)).not.toThrow()
  })
})
