// When an order's escrow may be released (issue 15) — the one place this rule lives. deliverables_approved:
// once every deliverable of the order is approved or waived; event_end: once the event has ended; manual: a
// party releases by hand. Releasing early is a 409 listing what is outstanding. Escrow steps, the automatic
// release after the last approval and the 5-minute sweep all ask this module.
import type { Queryable } from '../db/database'
import type { ReleaseCondition } from '../../shared/commerce/commerce-records'
import { conflict } from '../errors'
import type { Order } from '../repositories/orders-repository'
import { outstandingDeliverables } from '../repositories/deliverables-repository'
import { benefitLabel, deliverableStatusTerms, labelOf } from '../../shared/vocabulary'

export interface OutstandingDeliverable {
  id: string
  type: string
  status: string
  dueAt: Date | null
  responsibleSide: string
}

export interface ReleaseGate {
  condition: ReleaseCondition
  isOpen: boolean
  /** Deliverables not yet approved or waived (deliverables_approved only). */
  outstanding: OutstandingDeliverable[]
  /** When the gate opens by time (event_end only). */
  opensAt: Date | null
}

/** The gate from its inputs: a pure function, so every caller decides the same way. */
export function gateOf(
  condition: ReleaseCondition,
  eventEndAt: Date,
  outstanding: OutstandingDeliverable[],
  now: Date,
): ReleaseGate {
  if (condition === 'deliverables_approved')
    return { condition, isOpen: outstanding.length === 0, outstanding, opensAt: null }
  if (condition === 'event_end') return { condition, isOpen: now >= eventEndAt, outstanding: [], opensAt: eventEndAt }
  return { condition, isOpen: true, outstanding: [], opensAt: null }
}

export async function releaseGate(
  tx: Queryable,
  order: Pick<Order, 'id' | 'releaseCondition' | 'eventEndAt'>,
  now = new Date(),
): Promise<ReleaseGate> {
  const outstanding =
    order.releaseCondition === 'deliverables_approved' ? await outstandingDeliverables(tx, order.id) : []
  return gateOf(order.releaseCondition, order.eventEndAt, outstanding, now)
}

/** Throws the 409 that says what still holds the escrow back. */
export function assertGateOpen(gate: ReleaseGate) {
  if (gate.isOpen) return
  if (gate.condition === 'event_end') {
    throw conflict(
      'escrow-not-releasable',
      `This order's escrow is released when the event ends (${gate.opensAt!.toISOString()}).`,
      {
        release_condition: gate.condition,
        opens_at: gate.opensAt!.toISOString(),
        outstanding: [],
      },
    )
  }
  const list = gate.outstanding
    .map((d) => `${benefitLabel(d.type)} (${labelOf(deliverableStatusTerms, d.status).toLowerCase()})`)
    .join(', ')
  throw conflict(
    'escrow-not-releasable',
    `This order's escrow is released once every deliverable is approved or waived (see Fulfillment); still open: ${list}.`,
    {
      release_condition: gate.condition,
      outstanding: gate.outstanding.map((d) => ({
        deliverable_id: d.id,
        type: d.type,
        status: d.status,
        due_at: d.dueAt?.toISOString() ?? null,
        responsible_side: d.responsibleSide,
      })),
    },
  )
}
