// Decorates the app with its outbox pump: readers register while the app is built; the pump starts
// when the server is ready (listening for commits on Postgres) and stops before the database closes.
import fp from 'fastify-plugin'
import { OutboxPump } from './outbox-pump'
import { listen, type Listener } from '../db/listener'

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxPump
  }
}

export default fp(
  async (app) => {
    const pump = new OutboxPump({ db: app.db, log: app.log, intervalMs: app.config.outboxPollMs })
    app.decorate('outbox', pump)
    // Every commit that wrote domain events NOTIFYs domain_events (migration 0028): readers wake at once.
    let listener: Listener | null = null
    app.addHook('onReady', async () => {
      pump.start()
      listener = listen(
        app.db,
        'domain_events',
        () => pump.kick(),
        (error) => app.log.warn({ err: error }, 'outbox LISTEN failed; reconnecting (readers poll meanwhile)'),
      )
    })
    app.addHook('preClose', async () => {
      await listener?.stop()
      await pump.stop()
    })
  },
  { name: 'outbox', dependencies: ['services'] },
)
