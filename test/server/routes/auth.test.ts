import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

describeBackends('auth on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  it('signs up a user who owns a new organization and stores only an argon2id hash', async () => {
    const session = await signUp(server.url, 'sponsor', 'Acme')
    expect(session.orgs).toEqual([{ id: session.orgId, name: 'Acme Org', kind: 'sponsor', role: 'owner' }])
    const { rows } = await server.db.query('SELECT password_hash FROM users WHERE id = $1', [session.user.id])
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/)
    expect(rows[0]!.password_hash).not.toContain(session.password)
  })

  it('refuses a second account with the same email in any letter case', async () => {
    const first = await signUp(server.url)
    const again = await api(server.url, 'POST', '/v1/auth/signup', {
      body: {
        email: first.user.email.toUpperCase(),
        password: 'another password',
        name: 'X',
        org_name: 'X',
        org_kind: 'organizer',
      },
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('email-taken')
  })

  it('logs in and returns tokens, the user and their organizations', async () => {
    const user = await signUp(server.url)
    const login = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: user.user.email, password: user.password },
    })
    expect(login.status).toBe(200)
    expect(login.body.orgs[0].id).toBe(user.orgId)
    const me = await api(server.url, 'GET', '/v1/me', { token: login.body.access_token })
    expect(me.status).toBe(200)
    expect(me.body.user.email).toBe(user.user.email)
  })

  it('answers a wrong password and an unknown email alike', async () => {
    const user = await signUp(server.url)
    const wrong = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: user.user.email, password: 'nope-nope' },
    })
    const unknown = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'nope-nope' },
    })
    expect([wrong.status, unknown.status]).toEqual([401, 401])
    expect(wrong.body).toEqual(unknown.body)
  })

  it('rotates refresh tokens and revokes the whole sign-in when a used one comes back', async () => {
    const user = await signUp(server.url)
    const first = await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } })
    expect(first.status).toBe(200)
    expect(first.body.refresh_token).not.toBe(user.refresh_token)

    const replay = await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } })
    expect(replay.status).toBe(401)
    expect(replay.body.error.code).toBe('refresh-token-reused')

    const afterTheft = await api(server.url, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: first.body.refresh_token },
    })
    expect(afterTheft.status).toBe(401)
  })

  it('keeps sessions per device: logging out one device leaves the other signed in', async () => {
    const user = await signUp(server.url)
    const laptop = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: user.user.email, password: user.password, device_id: 'laptop' },
    })
    const kiosk = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: user.user.email, password: user.password, device_id: 'kiosk' },
    })
    const logout = await api(server.url, 'POST', '/v1/auth/logout', {
      body: { refresh_token: laptop.body.refresh_token },
    })
    expect(logout.body).toEqual({ revoked: true })
    expect(
      (await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: laptop.body.refresh_token } }))
        .status,
    ).toBe(401)
    expect(
      (await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: kiosk.body.refresh_token } })).status,
    ).toBe(200)
  })

  it('never stores or replays a sign-in answer under an Idempotency-Key', async () => {
    const user = await signUp(server.url)
    const headers = { 'idempotency-key': `login-${user.user.id}` }
    const body = { email: user.user.email, password: user.password }
    const first = await api(server.url, 'POST', '/v1/auth/login', { body, headers })
    const second = await api(server.url, 'POST', '/v1/auth/login', { body, headers })
    expect([first.status, second.status]).toEqual([200, 200])
    expect(second.headers.get('idempotent-replayed')).toBeNull()
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token)
    const stored = await server.db.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE response_body LIKE '%refresh_token%'`,
    )
    expect(stored.rows[0]!.n).toBe(0)
  })

  it('answers a refresh retried under the same Idempotency-Key as a reuse, not with the stored pair', async () => {
    const user = await signUp(server.url)
    const refresh = () =>
      api(server.url, 'POST', '/v1/auth/refresh', {
        body: { refresh_token: user.refresh_token },
        headers: { 'idempotency-key': `refresh-${user.user.id}` },
      })
    expect((await refresh()).status).toBe(200)
    const again = await refresh()
    expect(again.status).toBe(401)
    expect(again.body.error.code).toBe('refresh-token-reused')
  })

  it('refuses requests without a valid access token', async () => {
    expect((await api(server.url, 'GET', '/v1/me')).status).toBe(401)
    const forged = await api(server.url, 'GET', '/v1/me', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' })
    expect(forged.status).toBe(401)
    expect(forged.body.error.code).toBe('invalid-token')
  })

  it('rejects bad sign-up input with a 400 naming the field, creating nothing', async () => {
    const before = await server.db.query('SELECT count(*)::int AS n FROM users')
    const bad = await api(server.url, 'POST', '/v1/auth/signup', {
      body: { email: 'not-an-email', password: 'short', name: '', org_name: 'X', org_kind: 'venue' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid-request')
    expect(JSON.stringify(bad.body.error.details)).toContain('/email')
    const after = await server.db.query('SELECT count(*)::int AS n FROM users')
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n)
  })
})
