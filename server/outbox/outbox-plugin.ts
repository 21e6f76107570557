// Decorates the app with its outbox pump: readers register while the app is built; the pump starts
// when the server is ready and stops before the database closes.
import fp from 'fastify-plugin'
import { OutboxPump } from './outbox-pump'

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxPump
  }
}

export default fp(
  async (app) => {
    const pump = new OutboxPump({ db: app.db, log: app.log, intervalMs: app.config.outboxPollMs })
    app.decorate('outbox', pump)
    app.addHook('onReady', async () => pump.start())
    app.addHook('preClose', async () => pump.stop())
  },
  { name: 'outbox', dependencies: ['services'] },
)
