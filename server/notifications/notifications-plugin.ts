// Email notifications: the 'notifications' outbox reader queues emails and digest items; this instance's
// sender delivers them (every instance runs one; SKIP LOCKED keeps them from sending the same email).
import fp from 'fastify-plugin'
import { NotificationEmailSender } from './email-sender'
import { notificationsReader } from './notifications-reader'

declare module 'fastify' {
  interface FastifyInstance {
    notificationEmails: NotificationEmailSender
  }
}

export default fp(
  async (app) => {
    const listening = () => {
      const address = app.server.address()
      if (!address || typeof address === 'string') return app.config.appUrl
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      return `http://${host}:${address.port}`
    }
    const sender = new NotificationEmailSender({
      db: app.db,
      mailer: app.mailer,
      log: app.log,
      secret: app.config.jwtSecret,
      apiUrl: () => app.config.publicApiUrl ?? listening(),
      pollMs: Math.max(app.config.outboxPollMs, 1000),
    })
    app.decorate('notificationEmails', sender)
    app.outbox.add(notificationsReader(() => sender.kick()))
    app.addHook('onReady', async () => sender.start())
    app.addHook('preClose', async () => sender.stop())
  },
  { name: 'notifications', dependencies: ['services', 'outbox'] },
)
