// The desktop commands of Settings → Webhooks: the active organization's endpoints, their delivery log,
// replays and test events, straight to the server (online only). Records keep the server's field names.
import { Type, type Static, type TSchema } from 'typebox'

const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })
const Id = Type.String({ format: 'uuid' })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const WebhookEndpointRecord = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.String(),
  enabled: Type.Boolean(),
  disabled_reason: Nullable(Type.String()),
  failing_since: Nullable(Type.String()),
  previous_secret_expires_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type WebhookEndpointRecord = Static<typeof WebhookEndpointRecord>

export const WebhookEventTypeRecord = Type.Object({
  type: Type.String(),
  description: Type.String(),
  available: Type.Boolean(),
  audience: Type.String(),
})
export type WebhookEventTypeRecord = Static<typeof WebhookEventTypeRecord>

export const WebhookDeliveryRecord = Type.Object({
  id: Type.String(),
  event_id: Type.String(),
  type: Type.String(),
  is_test: Type.Boolean(),
  status: Type.String(),
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  delivered_at: Nullable(Type.String()),
  occurred_at: Type.String(),
})
export type WebhookDeliveryRecord = Static<typeof WebhookDeliveryRecord>

export const WebhookAttemptRecord = Type.Object({
  attempt_number: Type.Integer(),
  started_at: Type.String(),
  succeeded: Type.Boolean(),
  status_code: Nullable(Type.Integer()),
  latency_ms: Type.Integer(),
  response_excerpt: Nullable(Type.String()),
  error: Nullable(Type.String()),
})
export type WebhookAttemptRecord = Static<typeof WebhookAttemptRecord>

const EndpointFields = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2048 }),
    events: Type.Array(Type.String(), { minItems: 1, maxItems: 50 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const webhookCommands = {
  'webhook-event-types': command(Type.Object({}), Type.Object({ types: Type.Array(WebhookEventTypeRecord) })),
  'webhook-endpoints-list': command(Type.Object({}), Type.Object({ endpoints: Type.Array(WebhookEndpointRecord) })),
  /** The answer carries the secret: shown once, never stored by the desktop. */
  'webhook-endpoint-create': command(
    EndpointFields,
    Type.Object({ endpoint: WebhookEndpointRecord, secret: Type.String() }),
  ),
  'webhook-endpoint-update': command(
    Type.Object(
      {
        id: Id,
        enabled: Type.Optional(Type.Boolean()),
        events: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 50 })),
      },
      { additionalProperties: false },
    ),
    WebhookEndpointRecord,
  ),
  'webhook-endpoint-delete': command(Type.Object({ id: Id }), Type.Object({ deleted: Type.Boolean() })),
  'webhook-endpoint-rotate': command(
    Type.Object({ id: Id }),
    Type.Object({ endpoint: WebhookEndpointRecord, secret: Type.String() }),
  ),
  'webhook-endpoint-test': command(Type.Object({ id: Id }), Type.Object({ deliveryId: Type.String() })),
  'webhook-endpoint-replay': command(
    Type.Object({ id: Id, from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
    Type.Object({ replayed: Type.Integer() }),
  ),
  'webhook-deliveries': command(
    Type.Object(
      { id: Id, status: Type.Optional(Type.String()), type: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    Type.Object({ deliveries: Type.Array(WebhookDeliveryRecord) }),
  ),
  'webhook-delivery-attempts': command(
    Type.Object({ id: Id, deliveryId: Id }),
    Type.Object({ attempts: Type.Array(WebhookAttemptRecord), data: Type.Unknown() }),
  ),
  'webhook-delivery-replay': command(Type.Object({ id: Id, deliveryId: Id }), WebhookDeliveryRecord),
}
