// The webhook event types organizations can subscribe to (seed 001 §7 and §20), each with the JSON
// schema of its `data`, who may subscribe, and how a domain event from the outbox becomes one. Each
// webhook's `data` is an explicit list of fields: a field a trigger adds later reaches no receiver until
// it is listed here.
import type { DomainEvent } from '../outbox/domain-event-types'
import { domainEventTypes } from '../outbox/domain-event-types'

type JsonSchema = Record<string, unknown>
const uuid = { type: 'string', format: 'uuid' }
const nullableUuid = { type: ['string', 'null'], format: 'uuid' }
const str = { type: 'string' }
const nullableString = { type: ['string', 'null'] }
const int = { type: 'integer' }
const nullableInt = { type: ['integer', 'null'] }
const object = (properties: Record<string, unknown>, required = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
})

export type WebhookAudience = 'organizer' | 'sponsor' | 'both'

export interface WebhookEventType {
  type: string
  description: string
  /** Whether something emits it today (the others are in the catalog so receivers can prepare). */
  available: boolean
  /** Which kind of organization may subscribe its endpoints. */
  audience: WebhookAudience
  schema: JsonSchema
}

const order = object({
  order_id: uuid,
  event_id: uuid,
  sponsor_id: uuid,
  amount_cents: int,
  currency: str,
  escrow_state: str,
  stripe_payment_intent_id: nullableString,
  application_fee_cents: nullableInt,
})
const deliverable = object({
  deliverable_id: uuid,
  event_id: uuid,
  sponsor_id: uuid,
  order_id: nullableUuid,
  type: str,
  status: str,
  previous_status: nullableString,
  responsible_side: nullableString,
  due_at: nullableString,
  proof_count: int,
  proof_chain_head: nullableString,
})
/** The attendee's contact fields: what the attendee consented to share with the sponsor, nothing else. */
const consentedAttendeeFields = ['badge_code', 'name', 'email', 'company', 'title', 'phone'] as const
const lead = object({
  lead_id: uuid,
  sponsor_id: uuid,
  event_id: uuid,
  intent_score: int,
  intent_level: str,
  previous_intent_level: nullableString,
  capture_count: int,
  is_repeat: { type: 'boolean' },
  captured_at: str,
  attendee: object(Object.fromEntries(consentedAttendeeFields.map((k) => [k, k === 'name' ? str : nullableString]))),
})

export const webhookEventTypes: WebhookEventType[] = [
  {
    type: 'proposal.sent',
    available: true,
    audience: 'both',
    description: 'A proposal was sent (thread and last offer).',
    schema: object({
      proposal_id: uuid,
      event_id: uuid,
      sponsor_id: uuid,
      package_id: nullableUuid,
      status: str,
      order_id: nullableUuid,
      last_offer: { type: ['object', 'null'] },
    }),
  },
  {
    type: 'order.funded',
    available: true,
    audience: 'both',
    description: 'A sponsor paid; the money is held in escrow.',
    schema: order,
  },
  {
    type: 'deliverable.submitted',
    available: true,
    audience: 'both',
    description: 'A sponsor deliverable has proof attached and awaits review.',
    schema: deliverable,
  },
  {
    type: 'deliverable.approved',
    available: true,
    audience: 'both',
    description: 'A deliverable was approved.',
    schema: deliverable,
  },
  {
    type: 'payout.completed',
    available: true,
    audience: 'organizer',
    description: 'A transfer to the organizer was made (payout and Stripe ids).',
    schema: object({
      payout_id: uuid,
      order_id: uuid,
      event_id: uuid,
      sponsor_id: uuid,
      amount_cents: int,
      fee_cents: int,
      currency: str,
      stripe_transfer_id: nullableString,
      destination_account: nullableString,
      stripe_payment_intent_id: nullableString,
    }),
  },
  {
    type: 'event_sponsorship.updated',
    available: true,
    audience: 'both',
    description: 'An event sponsorship changed activation status or financials.',
    schema: object({
      event_sponsorship_id: uuid,
      event_id: uuid,
      sponsor_id: uuid,
      tier_id: nullableUuid,
      amount_cents: nullableInt,
      benefits: { type: ['object', 'null'] },
      activation_status: str,
      previous_activation_status: nullableString,
    }),
  },
  {
    type: 'workspace.created',
    available: false,
    audience: 'organizer',
    description: 'A sponsor workspace was created (not emitted yet).',
    schema: object({ workspace_id: uuid }),
  },
  {
    type: 'widget.updated',
    available: false,
    audience: 'organizer',
    description: 'A workspace widget changed (not emitted yet).',
    schema: object({ widget_id: uuid }),
  },
  {
    type: 'lead.captured',
    available: true,
    audience: 'sponsor',
    description:
      "A lead was captured at the sponsor's booth: the attendee's consented contact fields only, to the sponsor's own endpoints.",
    schema: lead,
  },
  {
    type: 'webhook.test',
    available: true,
    audience: 'both',
    description: 'Sent by "send test event"; never by a real change.',
    schema: object({ message: str, endpoint_id: uuid }),
  },
]

export const webhookTypeNames = webhookEventTypes.map((t) => t.type)

/** The types an organization of this kind may subscribe to. */
export const subscribableTypes = (orgKind: 'organizer' | 'sponsor') =>
  webhookEventTypes.filter((t) => t.audience === 'both' || t.audience === orgKind).map((t) => t.type)

/** The domain events the webhooks outbox reader listens for: those that have a webhook. */
export const deliverableDomainTypes = [
  domainEventTypes.proposalSent,
  domainEventTypes.orderFunded,
  domainEventTypes.payoutCompleted,
  domainEventTypes.leadCaptured,
  domainEventTypes.deliverableSubmitted,
  domainEventTypes.deliverableApproved,
  domainEventTypes.eventSponsorshipUpdated,
] as const

/** Exactly the fields a schema lists (missing ones null; nested objects picked by their own schema). */
function pickBySchema(data: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  const properties = schema.properties as Record<string, JsonSchema>
  return Object.fromEntries(
    Object.entries(properties).map(([key, fieldSchema]) => {
      const value = data[key] ?? null
      const isObject = fieldSchema.type === 'object' && fieldSchema.properties
      return [
        key,
        isObject && value && typeof value === 'object'
          ? pickBySchema(value as Record<string, unknown>, fieldSchema)
          : value,
      ]
    }),
  )
}

const schemaOf = new Map(webhookEventTypes.map((t) => [t.type, t.schema]))

/** The webhook a domain event becomes (its type and `data`), or null when it has none. */
export function toWebhook(
  event: Pick<DomainEvent, 'type' | 'data'>,
): { type: string; data: Record<string, unknown> } | null {
  if (!(deliverableDomainTypes as readonly string[]).includes(event.type)) return null
  const schema = schemaOf.get(event.type)
  return schema ? { type: event.type, data: pickBySchema(event.data, schema) } : null
}
