// The desktop's notification-settings commands against a real server: the active organization's events with
// the person's choices, and a change saved and read back.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../electron/core/desktop-core'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { startTestServer, type TestServer } from '../../support/test-server'

describe('notification settings commands', () => {
  let server: TestServer
  let organizer: SignedUp
  let core: DesktopCore
  let eventId: string

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite' })
    organizer = await signUp(server.url, 'organizer', 'Notify Core')
    const event = await api(server.url, 'POST', '/v1/events', {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: { ...sampleEvent, title: 'Notify Summit' },
    })
    eventId = event.body.id
    core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-core-')), defaultServerUrl: server.url })
    await core.invoke('session-login', {
      serverUrl: server.url,
      email: organizer.user.email,
      password: organizer.password,
    })
  })
  afterAll(async () => {
    await core.close()
    await server.close()
  })

  it('lists the events with the choices and saves a change', async () => {
    const listed = await core.invoke('notification-preferences-list', {})
    expect(listed).toMatchObject({
      orgKind: 'organizer',
      preferences: [{ event_id: eventId, event_title: 'Notify Summit', lead_emails: 'off', moments: [] }],
    })
    expect(listed.availableMoments).toContain('payout.completed')
    const saved = await core.invoke('notification-preference-set', { eventId, moments: ['payout.completed'] })
    expect(saved.moments).toEqual(['payout.completed'])
    expect((await core.invoke('notification-preferences-list', {})).preferences[0]!.moments).toEqual([
      'payout.completed',
    ])
    // An organizer cannot choose lead emails: the server's words come back.
    await expect(core.invoke('notification-preference-set', { eventId, leadEmails: 'each_hot_lead' })).rejects.toThrow(
      /organizers choose moments/,
    )
  })
})
