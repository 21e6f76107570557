// The command center's live stream over real sockets on loopback: members join (others are refused), a lead
// captured on another client reaches the room as a numbered delta with counts only, deltas gathered together
// add up with contiguous sequence numbers, widget.updated follows a widget change, a removed member is evicted.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer } from '../../support/lead-fixtures'
import { insertMembership } from '../../../server/repositories/users-repository'
import type { CommandCenterDelta } from '../../../shared/command-center'

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

async function until(check: () => boolean, timeoutMs = 15_000) {
  for (let waited = 0; waited < timeoutMs && !check(); waited += 25) await new Promise((r) => setTimeout(r, 25))
  return check()
}

const total = (deltas: CommandCenterDelta[], metric: keyof CommandCenterDelta['metrics']) =>
  deltas.reduce((n, d) => n + (d.metrics[metric] ?? 0), 0)

describeBackends('command center live stream on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let workspaceId: string
  let colleague: SignedUp
  const sockets: Socket[] = []
  const as = (who: SignedUp) => ({ token: who.access_token, orgId: who.orgId })

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { OUTBOX_POLL_MS: '50' } })
    world = await sponsorWorld(server.url, 'Initech')
    const made = await api(server.url, 'POST', '/v1/sponsorship-workspaces', {
      ...as(world.organizer),
      body: { name: 'Live', slug: 'live' },
    })
    workspaceId = made.body.id
    const enabled = await api(server.url, 'POST', `/v1/sponsorship-workspaces/${workspaceId}/command-center`, {
      ...as(world.organizer),
      body: { capture_rollups: true },
    })
    expect(enabled.status).toBe(200)
    const user = await signUp(server.url, 'organizer', 'Colleague')
    await insertMembership(server.db, { orgId: world.organizer.orgId, userId: user.user.id, role: 'member' })
    colleague = { ...user, orgId: world.organizer.orgId }
    await api(server.url, 'POST', `/v1/sponsorship-workspaces/${workspaceId}/members`, {
      ...as(world.organizer),
      body: { email: colleague.user.email, role: 'viewer' },
    })
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 12 }, (_, i) => ({
        badge_code: `L-${i}`,
        name: `Private Person ${i}`,
        email: `p${i}@private.example`,
        consent_to_share: true,
      })),
    )
  })
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect())
    await server.close()
  })

  const joined = async (who: SignedUp) => {
    const socket = await connect(server.url, who.access_token)
    sockets.push(socket)
    const deltas: CommandCenterDelta[] = []
    const widgets: unknown[] = []
    const revoked: unknown[] = []
    socket.on('command_center.delta', (d: CommandCenterDelta) => deltas.push(d))
    socket.on('widget.updated', (w: unknown) => widgets.push(w))
    socket.on('access.revoked', (r: unknown) => revoked.push(r))
    const ack = await socket.timeout(5000).emitWithAck('command_center.join', { workspace_id: workspaceId })
    return { socket, ack, deltas, widgets, revoked }
  }

  it('refuses sockets of non-members and bad requests', async () => {
    const stranger = await signUp(server.url, 'organizer', 'Stranger')
    const socket = await connect(server.url, stranger.access_token)
    sockets.push(socket)
    expect(await socket.timeout(5000).emitWithAck('command_center.join', { workspace_id: workspaceId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await socket.timeout(5000).emitWithAck('command_center.join', { workspace_id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    })
  })

  it('streams a lead captured by a booth as a numbered delta with counts only', async () => {
    const room = await joined(colleague)
    expect(room.ack).toEqual({ ok: true })
    const captured = await capturer(server.url, world)({ badge_code: 'L-0', interaction: 'demo_request' })
    expect(captured.status).toBe(201)
    expect(await until(() => total(room.deltas, 'leads') === 1)).toBe(true)
    const delta = room.deltas[0]!
    expect(delta).toMatchObject({ workspace_id: workspaceId, seq: 1, first_seq: 1 })
    expect(delta.metrics).toMatchObject({ leads: 1, leads_today: 1, captures: 1 })
    expect(JSON.stringify(room.deltas)).not.toMatch(/Private Person|private\.example|L-0/)
    const status = await api(
      server.url,
      'GET',
      `/v1/sponsorship-workspaces/${workspaceId}/command-center`,
      as(colleague),
    )
    expect(status.body.seq).toBe(1)
  })

  it('gathers many captures into fewer deltas that add up, with contiguous sequence numbers', async () => {
    const room = await joined(world.organizer)
    const start = (
      await api(server.url, 'GET', `/v1/sponsorship-workspaces/${workspaceId}/command-center`, as(colleague))
    ).body.seq as number
    const capture = capturer(server.url, world)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        capture({ lead_id: randomUUID(), badge_code: `L-${i + 1}`, interaction: 'booth_visit' }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201))
    expect(await until(() => total(room.deltas, 'leads') === 10)).toBe(true)
    let expected = start + 1
    for (const delta of room.deltas) {
      expect(delta.first_seq).toBe(expected)
      expected = delta.seq + 1
    }
    const last = room.deltas[room.deltas.length - 1]!.seq
    expect(
      (
        await server.db.query('SELECT last_seq FROM sponsorship_command_center_streams WHERE workspace_id = $1', [
          workspaceId,
        ])
      ).rows[0]!.last_seq,
    ).toBe(String(last))
  })

  it('announces widget.updated to the room after a widget changes', async () => {
    const room = await joined(colleague)
    const put = await api(server.url, 'PUT', `/v1/sponsorship-workspaces/${workspaceId}/widgets/hot`, {
      ...as(world.organizer),
      body: { widget_type: 'kpi_tile', config: { metric: 'hot_leads' } },
    })
    expect(put.status).toBe(201)
    expect(await until(() => room.widgets.length > 0)).toBe(true)
    expect(room.widgets[0]).toEqual({ workspace_id: workspaceId, widget_id: 'hot', deleted: false })
  })

  it('evicts a removed member from the room', async () => {
    const room = await joined(colleague)
    const removed = await api(
      server.url,
      'DELETE',
      `/v1/sponsorship-workspaces/${workspaceId}/members/${colleague.user.id}`,
      as(world.organizer),
    )
    expect(removed.status).toBe(200)
    expect(await until(() => room.revoked.length > 0)).toBe(true)
    const before = room.deltas.length
    const watcher = await joined(world.organizer)
    await capturer(server.url, world)({ badge_code: 'L-11', interaction: 'booth_visit' })
    expect(await until(() => total(watcher.deltas, 'leads') === 1)).toBe(true)
    expect(room.deltas.length).toBe(before)
  })
})
