// Realtime access ends with permission: a socket that joined a lead room earlier is removed within a second
// of losing access (removed, re-roled without sponsor:leads:read, sponsor archived), on every instance;
// and a socket's authorization ends with its access token unless it renews in band.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'
import { TokenService } from '../../../server/auth/tokens'

const jwtSecret = 'test-secret-test-secret-test-secret-0123'

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

/** Every payload of this event the socket receives from now on. */
function collect(socket: Socket, event: string) {
  const seen: unknown[] = []
  socket.on(event, (payload: unknown) => seen.push(payload))
  return seen
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describeBackends('realtime access follows permission on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let other: TestServer | undefined
  let world: SponsorWorld
  let badge = 0
  const sockets: Socket[] = []

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LEAD_CAPTURES_PER_MINUTE: '10000' } })
    // On Postgres, the change is made through a second instance: eviction must reach the first one's sockets.
    if (backend === 'postgres') other = await startTestServer({ backend, databaseUrl: server.databaseUrl! })
    world = await sponsorWorld(server.url, 'Evict Co')
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 20 }, (_, i) => ({
        badge_code: `EV-${i}`,
        name: `Evan ${i}`,
        email: `evan${i}@example.com`,
        consent_to_share: true,
      })),
    )
  })
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect())
    await other?.close()
    await server.close()
  })

  const changer = () => other?.url ?? server.url
  const open = async (token: string) => {
    const socket = await connect(server.url, token)
    sockets.push(socket)
    return socket
  }
  const join = async (socket: Socket) =>
    expect(await socket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: world.sponsorId })).toEqual({
      ok: true,
    })
  const capture = () => capturer(server.url, world)({ badge_code: `EV-${badge++}`, interaction: 'booth_visit' })
  const sponsorUserId = async (rep: SignedUp) => {
    const users = await api(
      changer(),
      'GET',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsors/${world.sponsorId}/users`,
      {
        token: world.sponsorOwner.access_token,
        orgId: world.sponsorOwner.orgId,
      },
    )
    return users.body.data.find((u: { user_id: string }) => u.user_id === rep.user.id).id as string
  }

  /** Joins the lead room as the rep, makes the change, then checks that captures stop reaching the rep but not the owner. */
  async function expectEvicted(rep: SignedUp, change: () => Promise<void>) {
    const repSocket = await open(rep.access_token)
    const ownerSocket = await open(world.sponsorOwner.access_token)
    await join(repSocket)
    await join(ownerSocket)
    const repLeads = collect(repSocket, 'lead.captured.new')
    const revoked = collect(repSocket, 'access.revoked')
    const ownerLeads = collect(ownerSocket, 'lead.captured.new')
    expect((await capture()).status).toBe(201)
    await expect.poll(() => repLeads.length).toBe(1)

    await change()
    await expect.poll(() => revoked.length, { timeout: 1000, interval: 25 }).toBe(1)
    expect((await capture()).status).toBe(201)
    await expect.poll(() => ownerLeads.length).toBe(2)
    await settle(200)
    expect(repLeads).toHaveLength(1)
  }

  it('removes a representative from the lead room when they are removed from the sponsor', async () => {
    const rep = await representative(server.url, server.db, world, 'representative', 'Removed Rita')
    await expectEvicted(rep, async () => {
      const removed = await api(
        changer(),
        'DELETE',
        `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${await sponsorUserId(rep)}`,
        {
          token: world.sponsorOwner.access_token,
          orgId: world.sponsorOwner.orgId,
        },
      )
      expect(removed.status).toBe(200)
    })
  })

  it('removes a representative whose new role lacks sponsor:leads:read', async () => {
    const rep = await representative(server.url, server.db, world, 'representative', 'Rerolled Ray')
    await expectEvicted(rep, async () => {
      const changed = await api(
        changer(),
        'PATCH',
        `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${await sponsorUserId(rep)}`,
        {
          token: world.sponsorOwner.access_token,
          orgId: world.sponsorOwner.orgId,
          body: { permissions: ['sponsor:leads:capture'] },
        },
      )
      expect(changed.status).toBe(200)
    })
  })

  it('removes everyone but nobody else when the sponsor is archived at its only event, and lets them back on restore', async () => {
    const rep = await representative(server.url, server.db, world, 'representative', 'Archived Ann')
    const repSocket = await open(rep.access_token)
    await join(repSocket)
    const revoked = collect(repSocket, 'access.revoked')
    const archived = await api(
      changer(),
      'DELETE',
      `/v1/organizations/${world.organizer.orgId}/sponsors/${world.sponsorId}`,
      {
        token: world.organizer.access_token,
        orgId: world.organizer.orgId,
      },
    )
    expect(archived.status).toBe(200)
    await expect.poll(() => revoked.length, { timeout: 1000, interval: 25 }).toBe(1)
    expect(
      await repSocket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: world.sponsorId }),
    ).toMatchObject({ ok: false })
    const restored = await api(
      changer(),
      'PATCH',
      `/v1/organizations/${world.organizer.orgId}/sponsors/${world.sponsorId}`,
      {
        token: world.organizer.access_token,
        orgId: world.organizer.orgId,
        body: { is_archived: false },
      },
    )
    expect(restored.status).toBe(200)
    await join(repSocket)
  })

  it(
    'ends a socket when its access token expires, unless it renews with a fresh token',
    { timeout: 20_000 },
    async () => {
      const rep = await representative(server.url, server.db, world, 'representative', 'Expiring Eve')
      const sessionId = JSON.parse(Buffer.from(rep.access_token.split('.')[1]!, 'base64url').toString()).sid as string
      const shortLived = new TokenService(jwtSecret, 3)
      const token = () => shortLived.signAccess({ userId: rep.user.id, sessionId })

      const lapsing = await open(await token())
      const renewing = await open(await token())
      for (const socket of [lapsing, renewing]) await join(socket)
      // The warning comes at once (the token lives less than the warning lead); only one socket answers it.
      expect(await renewing.timeout(5000).emitWithAck('auth.renew', { token: rep.access_token })).toEqual({ ok: true })
      expect(
        await renewing.timeout(5000).emitWithAck('auth.renew', { token: world.sponsorOwner.access_token }),
      ).toMatchObject({ ok: false })
      const ended = new Promise((resolve) => lapsing.once('disconnect', resolve))
      expect(await ended).toBe('io server disconnect')
      await settle(500)
      expect(renewing.connected).toBe(true)
      const renewedLeads = collect(renewing, 'lead.captured.new')
      expect((await capture()).status).toBe(201)
      await expect.poll(() => renewedLeads.length).toBe(1)
    },
  )
})
