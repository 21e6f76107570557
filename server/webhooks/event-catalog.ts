// The webhook event types organizations can subscribe to (seed 001 §7 and §20), each with the JSON
// schema of its `data`, and how a domain event from the outbox becomes one.
import type { DomainEvent } from '../outbox/domain-event-types'
import { domainEventTypes } from '../outbox/domain-event-types'

type JsonSchema = Record<string, unknown>
const uuid = { type: 'string', format: 'uuid' }
const nullableString = { type: ['string', 'null'] }
const int = { type: 'integer' }
const object = (properties: Record<string, unknown>, required = Object.keys(properties)): JsonSchema => ({ type: 'object', properties, required })

export interface WebhookEventType {
  type: string
  description: string
  /** Whether something emits it today (the others are in the catalog so receivers can prepare). */
  available: boolean
  schema: JsonSchema
}

const order = object({
  order_id: uuid, event_id: uuid, sponsor_id: uuid, amount_cents: int, currency: { type: 'string' }, escrow_state: { type: 'string' },
  stripe_payment_intent_id: nullableString, application_fee_cents: { type: ['integer', 'null'] },
})

export const webhookEventTypes: WebhookEventType[] = [
  { type: 'proposal.sent', available: true, description: 'A proposal was sent to a sponsor (thread and last offer).', schema: object({ proposal_id: uuid, event_id: uuid, sponsor_id: uuid, package_id: { type: ['string', 'null'] }, status: { type: 'string' }, last_offer: { type: ['object', 'null'] } }) },
  { type: 'order.funded', available: true, description: 'A sponsor paid; the money is held in escrow.', schema: order },
  { type: 'deliverable.submitted', available: false, description: 'A sponsor deliverable has proof attached.', schema: object({ deliverable_id: uuid, proof: { type: 'object' } }) },
  { type: 'deliverable.approved', available: false, description: 'A deliverable was approved.', schema: object({ deliverable_id: uuid }) },
  { type: 'payout.completed', available: true, description: 'A transfer to the organizer was made (payout and Stripe ids).', schema: object({ payout_id: uuid, order_id: uuid, event_id: uuid, sponsor_id: uuid, amount_cents: int, fee_cents: int, currency: { type: 'string' }, stripe_transfer_id: nullableString, stripe_payment_intent_id: nullableString }) },
  { type: 'event_sponsorship.updated', available: false, description: 'An event sponsorship changed status or financials.', schema: object({ event_sponsorship_id: uuid }) },
  { type: 'workspace.created', available: false, description: 'A sponsor workspace was created.', schema: object({ workspace_id: uuid }) },
  { type: 'widget.updated', available: false, description: 'A workspace widget changed.', schema: object({ widget_id: uuid }) },
  { type: 'lead.captured', available: true, description: "A lead was captured at the sponsor's booth (consented fields only; sponsors' own endpoints).", schema: object({ lead_id: uuid, sponsor_id: uuid, event_id: uuid, intent_score: { type: 'number' }, intent_level: { type: 'string' }, capture_count: int, is_repeat: { type: 'boolean' }, captured_at: { type: 'string' }, attendee: { type: 'object' } }) },
  { type: 'webhook.test', available: true, description: 'Sent by "send test event"; never by a real change.', schema: object({ message: { type: 'string' }, endpoint_id: uuid }) },
]

export const webhookTypeNames = webhookEventTypes.map((t) => t.type)

/** The webhook types an outbox reader listens for: the domain events that have a webhook. */
export const deliverableDomainTypes = [
  domainEventTypes.proposalSent, domainEventTypes.orderFunded, domainEventTypes.payoutCompleted, domainEventTypes.leadCaptured,
] as const

const pick = (data: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, data[k] ?? null]))

/** The webhook a domain event becomes (its type and `data`), or null when it has none. */
export function toWebhook(event: Pick<DomainEvent, 'type' | 'data'>): { type: string; data: Record<string, unknown> } | null {
  switch (event.type) {
    case domainEventTypes.orderFunded:
      return { type: 'order.funded', data: pick(event.data, ['order_id', 'event_id', 'sponsor_id', 'amount_cents', 'currency', 'escrow_state', 'stripe_payment_intent_id', 'application_fee_cents']) }
    case domainEventTypes.proposalSent:
      return { type: 'proposal.sent', data: pick(event.data, ['proposal_id', 'event_id', 'sponsor_id', 'package_id', 'status', 'last_offer']) }
    case domainEventTypes.payoutCompleted:
      return { type: 'payout.completed', data: pick(event.data, ['payout_id', 'order_id', 'event_id', 'sponsor_id', 'amount_cents', 'fee_cents', 'currency', 'stripe_transfer_id', 'stripe_payment_intent_id']) }
    case domainEventTypes.leadCaptured:
      return { type: 'lead.captured', data: event.data }
    default:
      return null
  }
}
