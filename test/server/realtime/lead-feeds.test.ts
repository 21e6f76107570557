// Seed 004's realtime checklist: join the private lead room, receive captures live; organizers get counts only.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { signUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

const next = <T = any>(socket: Socket, event: string) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000)
    socket.once(event, (payload: T) => {
      clearTimeout(timer)
      resolve(payload)
    })
  })

describeBackends('live lead feeds on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  const sockets: Socket[] = []
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LEAD_CAPTURES_PER_MINUTE: '10000' } })
    world = await sponsorWorld(server.url)
    await addAttendees(server.url, world, [
      { badge_code: 'L-1', name: 'Live Lena', email: 'lena@example.com', consent_to_share: true },
    ])
  })
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect())
    await server.close()
  })
  const open = async (token: string) => {
    const socket = await connect(server.url, token)
    sockets.push(socket)
    return socket
  }

  it('joins sponsor:{id} with sponsor:leads:read and refuses everyone else', async () => {
    const viewer = await representative(server.url, server.db, world, 'viewer', 'Watcher')
    const viewerSocket = await open(viewer.access_token)
    expect(await viewerSocket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: world.sponsorId })).toEqual(
      { ok: true },
    )

    const stranger = await signUp(server.url, 'sponsor', 'Rival')
    const strangerSocket = await open(stranger.access_token)
    expect(
      await strangerSocket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: world.sponsorId }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const organizerSocket = await open(world.organizer.access_token)
    expect(
      await organizerSocket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: world.sponsorId }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await strangerSocket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    })
  })

  it('broadcasts lead.captured.new, then lead.intent.updated; the organizer room gets gathered counts without contact details', async () => {
    const member = await open(world.sponsorOwner.access_token)
    await member.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: world.sponsorId })
    const organizer = await open(world.organizer.access_token)
    expect(await organizer.timeout(5000).emitWithAck('org.join', { org_id: world.organizer.orgId })).toEqual({
      ok: true,
    })
    const organizerMessages: unknown[] = []
    organizer.onAny((event, payload) => organizerMessages.push({ event, payload }))

    const capture = capturer(server.url, world)
    const created = next(member, 'lead.captured.new')
    const counted = next(organizer, 'sponsor.leads.counts')
    const first = await capture({ badge_code: 'L-1', interaction: 'demo_request' })
    expect(await created).toMatchObject({
      id: first.body.id,
      name: 'Live Lena',
      intent_score: 30,
      intent_level: 'cold',
    })
    expect(await counted).toEqual({
      event_id: world.eventId,
      sponsor_id: world.sponsorId,
      new_leads: 1,
      intent_level_delta: { hot: 0, warm: 0, cold: 1 },
    })

    const updated = next(member, 'lead.intent.updated')
    const recounted = next(organizer, 'sponsor.leads.counts')
    await capture({ badge_code: 'L-1', interaction: 'demo_watched' })
    expect(await updated).toMatchObject({
      lead_id: first.body.id,
      intent_score: 55,
      intent_level: 'warm',
      previous_intent_level: 'cold',
    })
    expect(await recounted).toMatchObject({ new_leads: 0, intent_level_delta: { hot: 0, warm: 1, cold: -1 } })
    expect(JSON.stringify(organizerMessages)).not.toMatch(/lena/i)
  })

  it('gathers a burst of captures into count updates that add up exactly', async () => {
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 6 }, (_, i) => ({ badge_code: `M-${i}`, name: `Burst ${i}`, consent_to_share: true })),
    )
    const organizer = await open(world.organizer.access_token)
    await organizer.timeout(5000).emitWithAck('org.join', { org_id: world.organizer.orgId })
    const updates: { new_leads: number; intent_level_delta: Record<string, number> }[] = []
    organizer.on('sponsor.leads.counts', (update) => updates.push(update))
    const capture = capturer(server.url, world)
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => capture({ badge_code: `M-${i}`, interaction: 'direct_request' })),
    )
    for (let waited = 0; updates.reduce((n, u) => n + u.new_leads, 0) < 6 && waited < 3000; waited += 50)
      await new Promise((r) => setTimeout(r, 50))
    expect(updates.reduce((n, u) => n + u.new_leads, 0)).toBe(6)
    expect(updates.reduce((n, u) => n + u.intent_level_delta.cold!, 0)).toBe(6)
    expect(updates.length).toBeLessThan(6)
  })
})
