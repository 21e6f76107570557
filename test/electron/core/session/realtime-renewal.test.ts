// The desktop keeps its live view past its access token's life: warned by the server, it refreshes the
// token and renews the socket in band, without going offline or missing an event.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../../electron/core/desktop-core'
import { api, sampleEvent, signUp, type SignedUp } from '../../../support/api-client'
import { startTestServer, type TestServer } from '../../../support/test-server'

describe('the desktop realtime link across token expiry', () => {
  let server: TestServer
  let organizer: SignedUp
  let core: DesktopCore
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { ACCESS_TOKEN_TTL_SECONDS: '6' } })
    organizer = await signUp(server.url, 'organizer', 'Renewing')
  })
  afterAll(async () => {
    await core?.close()
    await server.close()
  })

  it('renews in band and keeps receiving events after the first token expired', { timeout: 30_000 }, async () => {
    core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-renew-')), defaultServerUrl: server.url })
    const connections: string[] = []
    const changedEvents: unknown[] = []
    core.subscribe((event, payload) => {
      if (event === 'connection-changed') connections.push((payload as { connection: string }).connection)
      if (event === 'events-changed') changedEvents.push(payload)
    })
    await core.invoke('session-login', {
      serverUrl: server.url,
      email: organizer.user.email,
      password: organizer.password,
    })
    await expect.poll(() => connections.at(-1), { timeout: 10_000 }).toBe('online')
    const onlineAt = connections.length

    // Two token lifetimes pass.
    await new Promise((resolve) => setTimeout(resolve, 13_000))
    expect(connections.slice(onlineAt)).toEqual([])

    const fresh = await api(server.url, 'POST', '/v1/auth/login', {
      body: { email: organizer.user.email, password: organizer.password },
    })
    const as = { token: fresh.body.access_token as string, orgId: organizer.orgId }
    const created = await api(server.url, 'POST', '/v1/events', { ...as, body: sampleEvent })
    expect(created.status).toBe(201)
    await api(server.url, 'PATCH', `/v1/events/${created.body.id}`, { ...as, body: { title: 'Still live' } })
    await expect.poll(() => changedEvents.length, { timeout: 5000 }).toBeGreaterThan(0)
  })
})
