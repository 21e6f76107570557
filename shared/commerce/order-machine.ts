// What may happen to an order's escrow from each state (seed 001 §4.3, §10), and who may do it.
import type { EscrowState, Side } from './commerce-records'

export type OrderAction = 'fund' | 'lock' | 'release' | 'cancel' | 'refund'

const byState: Record<EscrowState, readonly OrderAction[]> = {
  pending: ['fund', 'cancel'],
  requires_action: ['fund', 'cancel'],
  funded: ['lock', 'cancel', 'refund'],
  locked: ['release', 'refund'],
  released: ['refund'],
  cancelled: [],
  refunded: [],
}

// The sponsor pays and may cancel; the organizer locks, refunds and may cancel; either may release a locked escrow.
const bySide: Record<Side, readonly OrderAction[]> = {
  sponsor: ['fund', 'cancel', 'release'],
  organizer: ['lock', 'release', 'cancel', 'refund'],
}

export function allowedOrderActions(state: EscrowState, side: Side): OrderAction[] {
  return byState[state].filter((action) => bySide[side].includes(action))
}

export const stateAllows = (state: EscrowState, action: OrderAction) => byState[state].includes(action)
export const sideAllows = (side: Side, action: OrderAction) => bySide[side].includes(action)

/** The part of a refund a sponsor's late cancellation forfeits: none outside the window. */
export function cancellationPenalty(
  amountCents: number,
  penaltyPct: number,
  eventStart: Date,
  windowDays: number,
  now: Date,
  cancelledBy: Side,
): number {
  if (cancelledBy === 'organizer') return 0
  const windowOpensAt = eventStart.getTime() - windowDays * 86_400_000
  return now.getTime() < windowOpensAt ? 0 : Math.round(amountCents * penaltyPct)
}

/** What cancelling a funded order gives back and keeps: the refundable rest, less the late penalty (never more). */
export function cancellationRefund(
  order: {
    amountCents: number
    refundedCents: number
    penaltyPct: number
    windowDays: number
    eventStart: Date
  },
  cancelledBy: Side,
  now: Date,
): { refundCents: number; penaltyCents: number } {
  const refundable = order.amountCents - order.refundedCents
  const penaltyCents = Math.min(
    refundable,
    cancellationPenalty(order.amountCents, order.penaltyPct, order.eventStart, order.windowDays, now, cancelledBy),
  )
  return { refundCents: refundable - penaltyCents, penaltyCents }
}

/** The platform's fee on what is paid out, in whole cents. */
export const platformFee = (amountCents: number, feePercentage: number) => Math.round(amountCents * feePercentage)

export const actionsFrom = (state: EscrowState): readonly OrderAction[] => byState[state]
