// Managing an organization's webhook endpoints: URL and event checks, secrets shown once, rotation with a
// 24-hour overlap, test events, and replays (which keep the original event ids).
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { AppError, badRequest, notFound } from '../errors'
import type { WebhookConfig } from '../config'
import {
  deleteEndpoint,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
  rotateEndpointSecret,
  updateEndpoint,
  type WebhookEndpoint,
} from '../repositories/webhook-endpoints-repository'
import {
  deliveryIdsInRange,
  findDelivery,
  type DeliveryFilter,
  insertDeliveries,
  listAttempts,
  listDeliveries,
  requeueDeliveries,
} from '../repositories/webhook-deliveries-repository'
import { checkWebhookUrl, WebhookUrlError } from './url-guard'
import { newWebhookSecret } from './signing'
import { subscribableTypes, webhookTypeNames } from './event-catalog'

export const rotationGraceMs = 24 * 3_600_000
const maxReplay = 10_000

type Tx = pg.PoolClient
export interface EndpointInput {
  url: string
  events: string[]
  description?: string
  enabled?: boolean
}

async function checkedUrl(url: string, policy: WebhookConfig) {
  try {
    return (await checkWebhookUrl(url, policy)).toString()
  } catch (error) {
    if (error instanceof WebhookUrlError) throw new AppError(422, 'webhook-url-refused', error.message)
    throw error
  }
}

export type OrgKind = 'organizer' | 'sponsor'

function checkedEvents(events: string[], orgKind: OrgKind) {
  const unknown = events.filter((e) => !webhookTypeNames.includes(e))
  if (unknown.length)
    throw new AppError(
      422,
      'unknown-webhook-event',
      `Unknown event types: ${unknown.join(', ')} (see GET /v1/webhook-event-types).`,
    )
  const allowed = subscribableTypes(orgKind)
  const notForYou = events.filter((e) => !allowed.includes(e))
  if (notForYou.length) {
    throw new AppError(
      422,
      'webhook-event-not-for-organization',
      `An ${orgKind} organization cannot subscribe to ${notForYou.join(', ')} (see the audience in GET /v1/webhook-event-types).`,
    )
  }
  return [...new Set(events)]
}

/** Validates outside any transaction (DNS is slow), then writes. */
export async function prepareEndpoint(input: EndpointInput, policy: WebhookConfig, orgKind: OrgKind) {
  const events = checkedEvents(input.events, orgKind)
  return { ...input, url: await checkedUrl(input.url, policy), events }
}

export async function prepareEndpointPatch(patch: Partial<EndpointInput>, policy: WebhookConfig, orgKind: OrgKind) {
  const events = patch.events !== undefined ? { events: checkedEvents(patch.events, orgKind) } : {}
  return {
    ...patch,
    ...(patch.url !== undefined ? { url: await checkedUrl(patch.url, policy) } : {}),
    ...events,
  }
}

export function createEndpoint(tx: Tx, orgId: string, userId: string, input: EndpointInput) {
  return insertEndpoint(tx, {
    orgId,
    url: input.url,
    events: input.events,
    description: input.description ?? '',
    enabled: input.enabled ?? true,
    secret: newWebhookSecret(),
    createdBy: userId,
  })
}

export const endpointsOf = (tx: Tx, orgId: string) => listEndpoints(tx, orgId)

export async function endpointOf(tx: Tx, orgId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(tx, orgId, id)
  if (!endpoint) throw notFound('Webhook endpoint')
  return endpoint
}

export async function changeEndpoint(tx: Tx, orgId: string, id: string, patch: Partial<EndpointInput>) {
  const endpoint = await updateEndpoint(tx, orgId, id, patch)
  if (!endpoint) throw notFound('Webhook endpoint')
  return endpoint
}

export async function removeEndpoint(tx: Tx, orgId: string, id: string) {
  const endpoint = await endpointOf(tx, orgId, id)
  await deleteEndpoint(tx, orgId, id)
  return endpoint
}

export async function rotateSecret(tx: Tx, orgId: string, id: string) {
  const endpoint = await rotateEndpointSecret(tx, orgId, id, newWebhookSecret(), rotationGraceMs)
  if (!endpoint) throw notFound('Webhook endpoint')
  return endpoint
}

/** Queues a `webhook.test` delivery with its own id. */
export async function sendTestEvent(tx: Tx, orgId: string, endpointId: string) {
  const endpoint = await endpointOf(tx, orgId, endpointId)
  const eventId = randomUUID()
  await insertDeliveries(tx, [
    {
      orgId,
      endpointId,
      eventId,
      type: 'webhook.test',
      occurredAt: new Date(),
      isTest: true,
      data: {
        message: 'A test event from Yardpass: your endpoint is reachable and verifies signatures.',
        endpoint_id: endpoint.id,
      },
    },
  ])
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND event_id = $2',
    [endpointId, eventId],
  )
  return rows[0]!.id
}

export async function deliveriesOf(tx: Tx, orgId: string, endpointId: string, filter: DeliveryFilter) {
  if (filter.from && filter.to && !(filter.from < filter.to))
    throw badRequest('invalid-range', '`from` must be before `to`.')
  await endpointOf(tx, orgId, endpointId)
  return listDeliveries(tx, endpointId, filter)
}

export async function deliveryWithAttempts(tx: Tx, orgId: string, endpointId: string, deliveryId: string) {
  await endpointOf(tx, orgId, endpointId)
  const delivery = await findDelivery(tx, endpointId, deliveryId)
  if (!delivery) throw notFound('Webhook delivery')
  return { delivery, attempts: await listAttempts(tx, deliveryId) }
}

export async function replayDelivery(tx: Tx, orgId: string, endpointId: string, deliveryId: string) {
  await endpointOf(tx, orgId, endpointId)
  const delivery = await findDelivery(tx, endpointId, deliveryId)
  if (!delivery) throw notFound('Webhook delivery')
  if (delivery.status === 'delivering')
    throw new AppError(409, 'delivery-in-flight', 'This delivery is being sent right now; replay it once it settles.')
  await requeueDeliveries(tx, [deliveryId])
  return findDelivery(tx, endpointId, deliveryId)
}

/** Every delivery of the endpoint whose event happened in [from, to) — or, without a range, its dead letters. */
export async function replayRange(tx: Tx, orgId: string, endpointId: string, range: { from?: string; to?: string }) {
  await endpointOf(tx, orgId, endpointId)
  let ids: string[]
  if (range.from || range.to) {
    const from = new Date(range.from ?? 0)
    const to = range.to ? new Date(range.to) : new Date()
    if (!(from < to)) throw badRequest('invalid-range', '`from` must be before `to`.')
    ids = await deliveryIdsInRange(tx, endpointId, from, to, maxReplay)
  } else {
    const { rows } = await tx.query<{ delivery_id: string }>(
      `SELECT DISTINCT delivery_id FROM dead_letter_webhooks WHERE endpoint_id = $1 AND replayed_at IS NULL AND delivery_id IS NOT NULL LIMIT $2`,
      [endpointId, maxReplay],
    )
    ids = rows.map((r) => r.delivery_id)
  }
  return requeueDeliveries(tx, ids)
}
