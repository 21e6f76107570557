// The domain events the outbox carries, by name. Triggers in migration 0012 (and later ones) write them;
// readers — issuer webhooks, command-center deltas, workspace notifications — consume them.
export const domainEventTypes = {
  orderCreated: 'order.created',
  orderFunded: 'order.funded',
  orderLocked: 'order.locked',
  orderReleased: 'order.released',
  orderCancelled: 'order.cancelled',
  orderRefunded: 'order.refunded',
  payoutCompleted: 'payout.completed',
  payoutFailed: 'payout.failed',
  proposalSent: 'proposal.sent',
  proposalCounter: 'proposal.counter',
  proposalAccepted: 'proposal.accepted',
  proposalRejected: 'proposal.rejected',
  proposalExpired: 'proposal.expired',
  leadCaptured: 'lead.captured',
  // Fulfillment (migration 0021): the two parties of a deliverable, an SLA or a sponsorship hear of these.
  deliverableSubmitted: 'deliverable.submitted',
  deliverableApproved: 'deliverable.approved',
  deliverableNeedsChanges: 'deliverable.needs_changes',
  deliverableWaived: 'deliverable.waived',
  eventSponsorshipUpdated: 'event_sponsorship.updated',
  slaMet: 'sla.met',
  slaBreached: 'sla.breached',
  // Command center (migration 0027): a workspace made; a widget created, changed or removed.
  workspaceCreated: 'workspace.created',
  widgetUpdated: 'widget.updated',
} as const

export type DomainEventType = (typeof domainEventTypes)[keyof typeof domainEventTypes]

/** One committed, stamped event as readers see it. */
export interface DomainEvent {
  id: string
  seq: number
  /** A name from domainEventTypes, or one a later migration adds. */
  type: string
  /** The organizations that may hear of it (their endpoints, notifications, screens). */
  orgIds: string[]
  eventId: string | null
  data: Record<string, unknown>
  occurredAt: Date
}

/** What a writer records; the id is made here so no read-back is needed. */
export interface NewDomainEvent {
  type: string
  orgIds: string[]
  eventId?: string | null
  data: Record<string, unknown>
}
