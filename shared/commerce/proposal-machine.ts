// The proposal status machine (seed 001 §4.2): draft → sent → counter → accepted / rejected / expired.
// Whoever did not make the latest offer answers it; the author of a draft sends it.
import type { ProposalStatus, Side } from './commerce-records'

export type ProposalAction = 'send' | 'accept' | 'reject' | 'counter'

const transitions: Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>> = {
  draft: { send: 'sent', reject: 'rejected' },
  sent: { accept: 'accepted', reject: 'rejected', counter: 'counter' },
  counter: { accept: 'accepted', reject: 'rejected', counter: 'counter' },
  accepted: {},
  rejected: {},
  expired: {},
}

export const isClosed = (status: ProposalStatus) =>
  status === 'accepted' || status === 'rejected' || status === 'expired'

/** The side expected to act next: the draft's author, else the side that did not make the latest offer. */
export function awaitingSide(status: ProposalStatus, createdBy: Side, latestOfferBy: Side | null): Side | null {
  if (isClosed(status)) return null
  if (status === 'draft') return createdBy
  const offeredBy = latestOfferBy ?? createdBy
  return offeredBy === 'organizer' ? 'sponsor' : 'organizer'
}

/** Actions the caller's side may take now. Either side may withdraw (reject) an open thread. */
export function allowedProposalActions(
  status: ProposalStatus,
  side: Side,
  createdBy: Side,
  latestOfferBy: Side | null,
): ProposalAction[] {
  const awaiting = awaitingSide(status, createdBy, latestOfferBy)
  return (Object.keys(transitions[status]) as ProposalAction[]).filter(
    (action) => action === 'reject' || awaiting === side,
  )
}

export function nextProposalStatus(status: ProposalStatus, action: ProposalAction): ProposalStatus | undefined {
  return transitions[status][action]
}
