// Decorates the app with its metrics and observes every request, statement and transaction.
// Sockets are counted at scrape time from this instance's rooms; the rest comes from the database.
import fp from 'fastify-plugin'
import { ServerMetrics } from './server-metrics'
import { databaseGauges } from './database-gauges'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ServerMetrics
  }
}

/** `org:…`, `sponsor:…`, `command_center:…`: a room's kind is what comes before its id. */
export const roomKind = (room: string) => (room.includes(':') ? room.slice(0, room.indexOf(':')) : 'socket')

export default fp(
  async (app) => {
    const metrics = new ServerMetrics()
    app.decorate('metrics', metrics)
    app.db.timer = (kind, seconds, ok) => metrics.dbDuration.observe({ kind, outcome: ok ? 'ok' : 'error' }, seconds)
    app.addHook('onClose', async () => {
      app.db.timer = null
    })
    app.addHook('onResponse', async (request, reply) => {
      metrics.httpDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      )
    })
    metrics.onScrape(databaseGauges(app.db))
    metrics.onScrape(async () => {
      if (!app.hasDecorator('realtime')) return
      const io = app.realtime.io
      metrics.socketConnections.set(io.of('/').sockets.size)
      const members = new Map<string, number>()
      for (const [room, sockets] of io.of('/').adapter.rooms) {
        if (io.of('/').sockets.has(room)) continue // every socket's own room
        const kind = roomKind(room)
        members.set(kind, (members.get(kind) ?? 0) + sockets.size)
      }
      metrics.socketRooms.reset()
      for (const [kind, count] of members) metrics.socketRooms.set({ kind }, count)
    })
  },
  { name: 'metrics', dependencies: ['services'] },
)
