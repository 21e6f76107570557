import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../electron/core/desktop-core'
import type { DesktopEventName } from '../../../shared/desktop-api'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { startTestServer, type TestServer } from '../../support/test-server'

describe('desktop core against a real server', () => {
  let server: TestServer
  let organizer: SignedUp
  const cores: DesktopCore[] = []
  const newCore = (dataDir = mkdtempSync(join(tmpdir(), 'yp-core-'))) => {
    const core = new DesktopCore({ dataDir, defaultServerUrl: server.url })
    cores.push(core)
    return { core, dataDir }
  }

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { ACCESS_TOKEN_TTL_SECONDS: '30' } })
    organizer = await signUp(server.url, 'organizer', 'Core')
    await api(server.url, 'POST', '/v1/events', {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: sampleEvent,
    })
  })
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()))
  })
  afterAll(() => server.close())

  const login = (core: DesktopCore) =>
    core.invoke('session-login', { serverUrl: server.url, email: organizer.user.email, password: organizer.password })

  it('starts signed out and suggests the default server', async () => {
    const { core } = newCore()
    expect(await core.invoke('session-status', {})).toEqual({ state: 'signed-out', defaultServerUrl: server.url })
  })

  it("signs in, lists the organization's events from the server and keeps them in the replica", async () => {
    const { core } = newCore()
    const status = await login(core)
    expect(status).toMatchObject({
      state: 'signed-in',
      activeOrgId: organizer.orgId,
      user: { email: organizer.user.email },
    })
    const listed = (await core.invoke('events-list', {})) as { events: { title: string }[]; source: string }
    expect(listed.source).toBe('server')
    expect(listed.events.map((e) => e.title)).toEqual(['Founders Summit'])
  })

  it('keeps the session across a restart of the core, with tokens never leaving the core', async () => {
    const { core, dataDir } = newCore()
    await login(core)
    await core.close()
    cores.splice(cores.indexOf(core), 1)
    const { core: restarted } = newCore(dataDir)
    const status = await restarted.invoke('session-status', {})
    expect(status).toMatchObject({ state: 'signed-in', serverUrl: new URL(server.url).origin })
    expect(JSON.stringify(status)).not.toMatch(/token/i)
    expect(((await restarted.invoke('events-list', {})) as { source: string }).source).toBe('server')
  })

  it('serves the events from the replica when the server cannot be reached', async () => {
    const { core, dataDir } = newCore()
    await login(core)
    await core.invoke('events-list', {})
    await core.close()
    cores.splice(cores.indexOf(core), 1)
    // Same data folder, but the server now points nowhere: as if the network were gone.
    const { SessionStore } = await import('../../../electron/core/db/session-store')
    const { openReplica } = await import('../../../electron/core/db/replica')
    const replica = openReplica(join(dataDir, 'replica.sqlite'))
    const store = new SessionStore(replica)
    store.save({ ...store.load()!, serverUrl: 'http://127.0.0.1:9' })
    replica.close()
    const { core: offline } = newCore(dataDir)
    const listed = (await offline.invoke('events-list', {})) as { events: { title: string }[]; source: string }
    expect(listed).toMatchObject({ source: 'replica', events: [{ title: 'Founders Summit' }] })
  })

  it('refreshes an expired access token without bothering the user', async () => {
    const { core, dataDir } = newCore()
    await login(core)
    const { openReplica } = await import('../../../electron/core/db/replica')
    const peek = openReplica(join(dataDir, 'replica.sqlite'))
    const before = peek.prepare('SELECT refresh_token FROM session').get() as { refresh_token: string }
    peek.prepare(`UPDATE session SET access_token = 'expired.token.value'`).run()
    peek.close()
    const { core: restarted } = newCore(dataDir)
    expect(((await restarted.invoke('events-list', {})) as { source: string }).source).toBe('server')
    const after = openReplica(join(dataDir, 'replica.sqlite'))
    const row = after.prepare('SELECT refresh_token FROM session').get() as { refresh_token: string }
    after.close()
    expect(row.refresh_token).not.toBe(before.refresh_token)
  })

  it('pushes events-changed when the server reports an event update', async () => {
    const { core } = newCore()
    const seen: [DesktopEventName, unknown][] = []
    core.subscribe((event, payload) => seen.push([event, payload]))
    await login(core)
    const isOnline = () =>
      seen.some(
        ([event, payload]) =>
          event === 'connection-changed' && (payload as { connection: string }).connection === 'online',
      )
    await expect.poll(isOnline, { timeout: 5000 }).toBe(true)
    const list = await api(server.url, 'GET', '/v1/events', { token: organizer.access_token, orgId: organizer.orgId })
    await new Promise((resolve) => setTimeout(resolve, 200)) // let the room join land
    await api(server.url, 'PATCH', `/v1/events/${list.body.data[0].id}`, {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: { capacity: 999 },
    })
    await expect.poll(() => seen.some(([event]) => event === 'events-changed'), { timeout: 5000 }).toBe(true)
  })

  it('reports clear errors: wrong password, unreachable server, bad arguments, unknown commands', async () => {
    const { core } = newCore()
    await expect(
      core.invoke('session-login', { serverUrl: server.url, email: organizer.user.email, password: 'wrong-password' }),
    ).rejects.toMatchObject({ code: 'invalid-credentials' })
    await expect(
      core.invoke('session-login', { serverUrl: 'http://127.0.0.1:9', email: 'a@b.co', password: 'x' }),
    ).rejects.toMatchObject({ code: 'server-unreachable' })
    await expect(core.invoke('session-login', { serverUrl: server.url })).rejects.toMatchObject({
      code: 'invalid-arguments',
    })
    await expect(core.invoke('drop-tables', {})).rejects.toMatchObject({ code: 'unknown-command' })
    await expect(core.invoke('events-list', {})).rejects.toMatchObject({ code: 'signed-out' })
  })

  it('signs out, revoking the refresh token on the server', async () => {
    const { core, dataDir } = newCore()
    await login(core)
    const { openReplica } = await import('../../../electron/core/db/replica')
    const peek = openReplica(join(dataDir, 'replica.sqlite'))
    const { refresh_token: refreshToken } = peek.prepare('SELECT refresh_token FROM session').get() as {
      refresh_token: string
    }
    peek.close()
    expect(await core.invoke('session-logout', {})).toMatchObject({ state: 'signed-out' })
    expect((await api(server.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: refreshToken } })).status).toBe(
      401,
    )
  })
})
