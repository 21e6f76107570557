// socket.io on the API server. The handshake needs an access token; rooms are joined only with permission.
// On Postgres, @socket.io/postgres-adapter shares rooms among instances so several behave as one.
import fp from 'fastify-plugin'
import { Server, type Socket } from 'socket.io'
import { createAdapter } from '@socket.io/postgres-adapter'
import { realtimeRequests } from '../../shared/domain'
import { handleSponsorRooms } from './sponsor-rooms'
import { mayReadOrgRoom, orgRoom, sponsorRoom } from './room-access'
import { handleTokenLifetime } from './socket-auth'
import { LeadFeed } from '../leads/lead-feed'
import { commerceFeed } from './commerce-feed'
import { FeedBus } from './feed-bus'
import { adapterListenerSettled } from './adapter-listener'
import { isUuid } from '../../shared/ids'

export type JoinAck = (reply: { ok: true } | { ok: false; error: { code: string; message: string } }) => void

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime
    leadFeed: LeadFeed
    /** Lead moments and access changes for GraphQL subscriptions, shared among instances like the rooms. */
    feedBus: FeedBus
  }
}

export interface Realtime {
  io: Server
  /** Emits to everyone in the organization's room, on every instance. */
  toOrg(orgId: string, event: string, payload: unknown): void
  /** Emits to a sponsor's private lead room, on every instance. */
  toSponsor(sponsorId: string, event: string, payload: unknown): void
}

export { orgRoom }

export default fp(
  async (app) => {
    const io = new Server(app.server, {
      serveClient: false,
      cors: { origin: true },
      // Upgrades to other paths (GraphQL subscriptions at /graphql) are someone else's: the GraphQL plugin routes them.
      destroyUpgrade: false,
    })
    if (app.db.kind === 'postgres') {
      io.adapter(createAdapter(app.db.pool))
      // Ready means listening: an event another instance emits from then on reaches this one's rooms.
      app.addHook('onReady', async () => adapterListenerSettled(io, 10_000))
    }

    io.use(async (socket, next) => {
      const token: unknown = socket.handshake.auth?.token
      const claims = typeof token === 'string' ? await app.tokens.verifyAccess(token) : null
      // A signed-out sign-in's tokens open no socket either.
      if (!claims || !(await app.signIns.isLive(claims)))
        return next(new Error('unauthorized: connect with auth: { token: <access token> }'))
      socket.data.userId = claims.userId
      socket.data.token = token
      next()
    })

    io.on('connection', (socket: Socket) => {
      handleTokenLifetime(app, socket)
      handleSponsorRooms(app, socket)
      socket.on(realtimeRequests.orgJoin, async (args: unknown, ack: unknown) => {
        const reply: JoinAck = typeof ack === 'function' ? (ack as JoinAck) : () => {}
        const orgId = (args as { org_id?: unknown } | null)?.org_id
        if (!isUuid(orgId)) {
          return reply({ ok: false, error: { code: 'invalid-request', message: 'Send { org_id: <uuid> }.' } })
        }
        if (!(await mayReadOrgRoom(app, socket.data.userId as string, orgId)))
          return reply({
            ok: false,
            error: { code: 'forbidden', message: 'You are not a member of that organization.' },
          })
        await socket.join(orgRoom(orgId))
        reply({ ok: true })
      })
    })

    const realtime: Realtime = {
      io,
      toOrg: (orgId, event, payload) => io.to(orgRoom(orgId)).emit(event, payload),
      toSponsor: (sponsorId, event, payload) => io.to(sponsorRoom(sponsorId)).emit(event, payload),
    }
    app.decorate('realtime', realtime)
    const feedBus = new FeedBus(io, app.db.kind === 'postgres')
    app.decorate('feedBus', feedBus)
    const leadFeed = new LeadFeed(realtime, feedBus)
    app.decorate('leadFeed', leadFeed)
    app.outbox.add(commerceFeed(realtime))

    app.addHook('preClose', async () => {
      leadFeed.flush()
      // Not io.close(): that would also close the HTTP server, which Fastify closes itself.
      io.local.disconnectSockets(true)
      await adapterListenerSettled(io, 5_000) // closing before the listener arrived would leak its client
      await io.of('/').adapter.close()
      io.engine.close()
    })
  },
  { name: 'realtime', dependencies: ['services', 'outbox'] },
)
