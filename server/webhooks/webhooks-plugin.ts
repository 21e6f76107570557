// Outbound webhooks: the 'webhooks' outbox reader fans events out to deliveries, and this instance's
// delivery worker sends them (every instance runs one; leases keep them from sending the same attempt).
import fp from 'fastify-plugin'
import { WebhookDeliveryWorker } from './delivery-worker'
import { webhooksReader } from './webhooks-reader'

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: WebhookDeliveryWorker
  }
}

export default fp(
  async (app) => {
    const worker = new WebhookDeliveryWorker({
      db: app.db,
      config: app.config.webhooks,
      mailer: app.mailer,
      log: app.log,
      appUrl: app.config.appUrl,
    })
    app.decorate('webhooks', worker)
    app.outbox.add(webhooksReader(() => worker.kick()))
    app.addHook('onReady', async () => worker.start())
    app.addHook('preClose', async () => worker.stop())
  },
  { name: 'webhooks', dependencies: ['services', 'outbox'] },
)
