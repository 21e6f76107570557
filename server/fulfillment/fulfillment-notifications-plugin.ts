// Registers the fulfillment notifications outbox reader where realtime rooms exist (the API role).
import fp from 'fastify-plugin'
import { fulfillmentNotificationsReader } from './fulfillment-notifications'

export default fp(
  async (app) => {
    app.outbox.add(fulfillmentNotificationsReader(app))
  },
  { name: 'fulfillment-notifications', dependencies: ['outbox', 'realtime'] },
)
