// Settings → Webhooks: straight to the server's webhook-endpoint routes for the active organization. Secrets
// pass through to the screen once and are never written to the replica or the log.
import { randomUUID } from 'node:crypto'
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookEventTypeRecord,
  webhookCommands,
} from '../../../shared/webhooks/webhook-commands'
import type { CommandHandlers, SessionContext } from '../command-handlers'

type Handlers = CommandHandlers<typeof webhookCommands>

export type WebhookContext = SessionContext

export function webhookHandlers(ctx: WebhookContext): Handlers {
  const base = () => `/v1/organizations/${ctx.orgId()}/webhook-endpoints`
  const get = <T>(path: string) => ctx.client().request<T>('GET', path, { orgId: ctx.orgId() })
  const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    ctx.client().request<T>(method, path, {
      orgId: ctx.orgId(),
      ...(method === 'DELETE' ? {} : { body: body ?? {} }),
      idempotencyKey: randomUUID(),
    })
  const withSecret = ({ secret, ...endpoint }: WebhookEndpointRecord & { secret: string }) => ({ endpoint, secret })

  return {
    'webhook-event-types': async () => ({
      types: (await get<{ data: WebhookEventTypeRecord[] }>('/v1/webhook-event-types')).data,
    }),
    'webhook-endpoints-list': async () => ({ endpoints: (await get<{ data: WebhookEndpointRecord[] }>(base())).data }),
    'webhook-endpoint-create': async (fields) => withSecret(await send('POST', base(), fields)),
    'webhook-endpoint-update': async ({ id, ...patch }) =>
      send<WebhookEndpointRecord>('PATCH', `${base()}/${id}`, patch),
    'webhook-endpoint-delete': async ({ id }) => {
      await send('DELETE', `${base()}/${id}`)
      return { deleted: true }
    },
    'webhook-endpoint-rotate': async ({ id }) => withSecret(await send('POST', `${base()}/${id}:rotate-secret`)),
    'webhook-endpoint-test': async ({ id }) => ({
      deliveryId: (await send<{ delivery_id: string }>('POST', `${base()}/${id}:test`)).delivery_id,
    }),
    'webhook-endpoint-replay': async ({ id, from, to }) =>
      send<{ replayed: number }>('POST', `${base()}/${id}:replay`, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }),
    'webhook-deliveries': async ({ id, status, type }) => {
      const query = new URLSearchParams({ limit: '100', ...(status ? { status } : {}), ...(type ? { type } : {}) })
      return { deliveries: (await get<{ data: WebhookDeliveryRecord[] }>(`${base()}/${id}/deliveries?${query}`)).data }
    },
    'webhook-delivery-attempts': async ({ id, deliveryId }) => {
      const detail = await get<{ attempts: WebhookAttemptRecord[]; data: unknown }>(
        `${base()}/${id}/deliveries/${deliveryId}`,
      )
      return { attempts: detail.attempts, data: detail.data }
    },
    'webhook-delivery-replay': async ({ id, deliveryId }) =>
      send<WebhookDeliveryRecord>('POST', `${base()}/${id}/deliveries/${deliveryId}:replay`),
  }
}
