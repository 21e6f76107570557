// Live commerce: each committed proposal, order and payout event reaches the organizations it concerns as
// commerce.changed (from the outbox), and no other organization; history older than a few minutes is not "live".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { api, signUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, sentProposal } from '../../support/commerce-fixtures'
import { commerceFeed } from '../../../server/realtime/commerce-feed'
import type { Realtime } from '../../../server/realtime/realtime'
import type { DomainEvent } from '../../../server/outbox/domain-event-types'

type Live = { type: string; proposal_id: string | null; order_id: string | null }

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

/** Collects commerce.changed until one of this type arrives (or 10 s pass). */
function collect(socket: Socket) {
  const seen: Live[] = []
  socket.on('commerce.changed', (event: Live) => seen.push(event))
  const waitFor = async (type: string) => {
    for (let waited = 0; waited < 10_000 && !seen.some((e) => e.type === type); waited += 50)
      await new Promise((r) => setTimeout(r, 50))
    return seen.find((e) => e.type === type)
  }
  return { seen, waitFor }
}

describeBackends('live commerce events on %s', (backend) => {
  let server: TestServer
  const sockets: Socket[] = []
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { OUTBOX_POLL_MS: '50' } })
  })
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect())
    await server.close()
  })
  const inRoom = async (who: { access_token: string; orgId: string }) => {
    const socket = await connect(server.url, who.access_token)
    sockets.push(socket)
    expect(await socket.timeout(5000).emitWithAck('org.join', { org_id: who.orgId })).toEqual({ ok: true })
    return collect(socket)
  }

  it('tells both parties of an accepted proposal and its new order, and no one else', async () => {
    const world = await commerceWorld(server.url)
    const fizz = await buyer(server.url, 'Fizz')
    const organizer = await inRoom(world.organizer)
    const sponsor = await inRoom(fizz.owner)
    const stranger = await inRoom(await signUp(server.url, 'sponsor', 'Nosy'))

    const threadId = await sentProposal(world, fizz, 150000)
    expect(await organizer.waitFor('proposal.sent')).toEqual({
      type: 'proposal.sent',
      proposal_id: threadId,
      order_id: null,
    })
    const accepted = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))
    expect(accepted.status).toBe(200)
    const orderId = accepted.body.order.id as string
    for (const party of [organizer, sponsor]) {
      expect(await party.waitFor('proposal.accepted')).toMatchObject({ proposal_id: threadId })
      expect(await party.waitFor('order.created')).toEqual({
        type: 'order.created',
        proposal_id: null,
        order_id: orderId,
      })
    }
    // The stranger's room heard nothing of it, while both parties did.
    expect(stranger.seen).toEqual([])
  })

  it('announces only recent events: a new reader catching up on history stays quiet', () => {
    const emitted: unknown[] = []
    const realtime = {
      io: null,
      toOrg: (...args: unknown[]) => emitted.push(args),
      toSponsor: () => {},
    } as unknown as Realtime
    const now = Date.parse('2027-01-01T12:00:00Z')
    const event = (minutesAgo: number): DomainEvent => ({
      id: `e${minutesAgo}`,
      seq: minutesAgo,
      type: 'order.funded',
      orgIds: ['org-a', 'org-b', 'org-a'],
      eventId: null,
      data: { order_id: 'o1' },
      occurredAt: new Date(now - minutesAgo * 60_000),
    })
    void commerceFeed(realtime, () => now).afterCommit!(undefined, [event(1), event(60)])
    expect(emitted).toEqual([
      ['org-a', 'commerce.changed', { type: 'order.funded', proposal_id: null, order_id: 'o1' }],
      ['org-b', 'commerce.changed', { type: 'order.funded', proposal_id: null, order_id: 'o1' }],
    ])
  })
})

describe('commerce feed registration', () => {
  it('reads the outbox under its own cursor name', () => {
    const spec = commerceFeed({ toOrg: () => {}, toSponsor: () => {} } as unknown as Realtime)
    expect(spec.name).toBe('desktop_commerce_feed')
    expect(spec.types).toEqual(expect.arrayContaining(['order.funded', 'payout.completed', 'proposal.accepted']))
    expect(spec.types).not.toContain('lead.captured')
  })
})
