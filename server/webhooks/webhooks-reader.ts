// The 'webhooks' outbox reader: each domain event that has a webhook becomes one delivery per enabled,
// subscribed endpoint of the organizations in its orgIds — inserted in the reader's batch transaction, so
// the cursor moves past an event only with its deliveries written.
import type { OutboxReaderSpec } from '../outbox/outbox-reader'
import { insertDeliveries, type NewDelivery } from '../repositories/webhook-deliveries-repository'
import { subscribedEndpoints } from '../repositories/webhook-endpoints-repository'
import { deliverableDomainTypes, toWebhook } from './event-catalog'

export function webhooksReader(onDeliveries: () => void): OutboxReaderSpec<number> {
  return {
    name: 'webhooks',
    types: deliverableDomainTypes,
    batchSize: 500,
    async handle(tx, events) {
      const webhooks = events.map((event) => ({ event, webhook: toWebhook(event) })).filter((w) => w.webhook !== null)
      if (!webhooks.length) return 0
      const orgIds = [...new Set(webhooks.flatMap((w) => w.event.orgIds))]
      const types = [...new Set(webhooks.map((w) => w.webhook!.type))]
      const endpoints = await subscribedEndpoints(tx, orgIds, types)
      const deliveries: NewDelivery[] = []
      for (const { event, webhook } of webhooks) {
        for (const endpoint of endpoints) {
          if (!event.orgIds.includes(endpoint.orgId) || !endpoint.events.includes(webhook!.type)) continue
          deliveries.push({
            orgId: endpoint.orgId,
            endpointId: endpoint.id,
            eventId: event.id,
            type: webhook!.type,
            data: webhook!.data,
            occurredAt: event.occurredAt,
          })
        }
      }
      return insertDeliveries(tx, deliveries)
    },
    afterCommit(inserted) {
      if (inserted > 0) onDeliveries()
    },
  }
}
