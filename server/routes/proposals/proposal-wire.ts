// Maps threads and messages to their wire shapes, with what the caller's side may do next.
import type { MessageRecord, ProposalRecord, Side } from '../../../shared/commerce/commerce-records'
import { allowedProposalActions, awaitingSide } from '../../../shared/commerce/proposal-machine'
import type { ProposalMessage, ProposalThread } from '../../repositories/proposals-repository'

/** An open thread past its expiry reads as expired. */
export const effectiveStatus = (t: ProposalThread, now = new Date()) =>
  (t.status === 'sent' || t.status === 'counter') && t.expiresAt && t.expiresAt <= now ? 'expired' : t.status

export const proposalWire = (t: ProposalThread, side: Side): ProposalRecord => {
  const status = effectiveStatus(t)
  return {
    id: t.id,
    org_id: t.orgId,
    sponsor_org_id: t.sponsorOrgId,
    event_id: t.eventId,
    sponsor_id: t.sponsorId,
    sponsor_name: t.sponsorName,
    package_id: t.packageId,
    package_title: t.packageTitle,
    status,
    created_by_side: t.createdBySide,
    order_id: t.orderId,
    expires_at: t.expiresAt?.toISOString() ?? null,
    message_count: t.messageCount,
    latest_offer: t.latestOffer,
    awaiting: awaitingSide(status, t.createdBySide, t.latestOfferBy),
    allowed_actions: allowedProposalActions(status, side, t.createdBySide, t.latestOfferBy),
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  }
}

export const messageWire = (m: ProposalMessage): MessageRecord => ({
  id: m.id,
  thread_id: m.threadId,
  sender_type: m.senderType,
  sender_user_id: m.senderUserId,
  body: m.body,
  offer: m.offer,
  package_version: m.packageVersion,
  created_at: m.createdAt.toISOString(),
})
