// The deliverable lifecycle (seed 001 §4.4, §20.2): pending → submitted → approved | needs_changes | waived,
// needs_changes → submitted again. The responsible side submits proofs; the other side reviews.
import type { Side } from './commerce-records'

export const deliverableStatuses = ['pending', 'submitted', 'approved', 'needs_changes', 'waived'] as const
export type DeliverableStatus = (typeof deliverableStatuses)[number]
export type DeliverableAction = 'submit' | 'approve' | 'needs_changes' | 'waive'

const transitions: Record<DeliverableStatus, Partial<Record<DeliverableAction, DeliverableStatus>>> = {
  pending: { submit: 'submitted', waive: 'waived' },
  submitted: { submit: 'submitted', approve: 'approved', needs_changes: 'needs_changes', waive: 'waived' },
  needs_changes: { submit: 'submitted', waive: 'waived' },
  approved: {},
  waived: {},
}

/** Approved or waived: nothing more is owed, so it no longer holds the escrow back. */
export const settledDeliverableStatuses: readonly DeliverableStatus[] = ['approved', 'waived']
export const isSettled = (status: DeliverableStatus) => settledDeliverableStatuses.includes(status)

/** The side that reviews what the responsible side proves. */
export const reviewerOf = (responsible: Side): Side => (responsible === 'organizer' ? 'sponsor' : 'organizer')

/** Who may take an action: the responsible side submits, the reviewer approves, sends back or waives. */
export const actorOf = (action: DeliverableAction, responsible: Side): Side =>
  action === 'submit' ? responsible : reviewerOf(responsible)

export function nextDeliverableStatus(
  status: DeliverableStatus,
  action: DeliverableAction,
): DeliverableStatus | undefined {
  return transitions[status][action]
}

/** Actions open now from this status, whoever takes them. */
export const deliverableActionsFrom = (status: DeliverableStatus): DeliverableAction[] =>
  Object.keys(transitions[status]) as DeliverableAction[]

/** Actions the caller's side may take now. */
export function allowedDeliverableActions(
  status: DeliverableStatus,
  responsible: Side,
  side: Side,
): DeliverableAction[] {
  return deliverableActionsFrom(status).filter((action) => actorOf(action, responsible) === side)
}

/** Which side must act next, or null once settled. */
export function awaitingSideOf(status: DeliverableStatus, responsible: Side): Side | null {
  if (isSettled(status)) return null
  return status === 'submitted' ? reviewerOf(responsible) : responsible
}
