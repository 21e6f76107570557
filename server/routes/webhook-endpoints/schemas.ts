// Request and response schemas of the webhook-endpoint API (issue 14).
import { Type } from 'typebox'
import { Nullable } from '../schemas'

const uuid = Type.String({ format: 'uuid' })
export const OrgParams = Type.Object({ org_id: uuid }, { additionalProperties: false })
export const EndpointParams = Type.Object({ org_id: uuid, endpoint_id: uuid }, { additionalProperties: false })
export const DeliveryParams = Type.Object(
  { org_id: uuid, endpoint_id: uuid, delivery_id: uuid },
  { additionalProperties: false },
)

const events = Type.Array(Type.String({ minLength: 3, maxLength: 100 }), {
  minItems: 1,
  maxItems: 50,
  description: 'Event types (GET /v1/webhook-event-types)',
})
export const CreateEndpointBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2048, description: 'https URL of your receiver' }),
    events,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export const PatchEndpointBody = Type.Partial(CreateEndpointBody, { additionalProperties: false, minProperties: 1 })

const endpointFields = {
  id: Type.String(),
  org_id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.String(),
  enabled: Type.Boolean(),
  disabled_reason: Nullable(Type.String()),
  failing_since: Nullable(Type.String()),
  previous_secret_expires_at: Nullable(Type.String({ description: 'While set, the rotated-out secret signs too' })),
  created_at: Type.String(),
  updated_at: Type.String(),
}
export const EndpointRecord = Type.Object(endpointFields)
export const EndpointWithSecret = Type.Object({
  ...endpointFields,
  secret: Type.String({ description: 'whsec_…, shown in this answer only' }),
})
export const EndpointList = Type.Object({ data: Type.Array(EndpointRecord) })

export const EventTypeList = Type.Object({
  data: Type.Array(
    Type.Object({
      type: Type.String(),
      description: Type.String(),
      available: Type.Boolean(),
      audience: Type.Union([Type.Literal('organizer'), Type.Literal('sponsor'), Type.Literal('both')]),
      schema: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
})

export const DeliveryRecord = Type.Object({
  id: Type.String(),
  endpoint_id: Type.String(),
  event_id: Type.String({ description: "The envelope's id; replays keep it" }),
  type: Type.String(),
  is_test: Type.Boolean(),
  status: Type.String(),
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  delivered_at: Nullable(Type.String()),
  occurred_at: Type.String(),
  created_at: Type.String(),
})
export const AttemptRecord = Type.Object({
  attempt_number: Type.Integer(),
  started_at: Type.String(),
  succeeded: Type.Boolean(),
  status_code: Nullable(Type.Integer()),
  latency_ms: Type.Integer(),
  response_excerpt: Nullable(Type.String({ description: 'At most 1 KiB of the answer' })),
  error: Nullable(Type.String()),
  worker_id: Type.String({ description: 'The server instance that made the attempt' }),
})
export const DeliveryDetail = Type.Object({
  ...DeliveryRecord.properties,
  data: Type.Record(Type.String(), Type.Unknown()),
  attempts: Type.Array(AttemptRecord),
})
export const DeliveryList = Type.Object({ data: Type.Array(DeliveryRecord) })
export const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(['pending', 'delivering', 'succeeded', 'dead'].map((s) => Type.Literal(s)))),
    type: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'Events that happened at or after this time' }),
    ),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Events that happened before this time' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
)
export const ReplayBody = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  {
    additionalProperties: false,
    description: "A time range of events to send again; without one, the endpoint's dead letters",
  },
)
export const ReplayResult = Type.Object({ replayed: Type.Integer() })
export const TestResult = Type.Object({ delivery_id: Type.String() })
