// An order on the wire: its escrow state, balance from the ledger, payments, refunds and payout.
import type { OrderDetail, OrderRecord, Side } from '../../../shared/commerce/commerce-records'
import { allowedOrderActions } from '../../../shared/commerce/order-machine'
import type { Queryable } from '../../db/database'
import { escrowBalance, orderBalances, orderLedger } from '../../repositories/ledger-repository'
import { listPayments, listRefunds, type Order } from '../../repositories/orders-repository'
import { findPayoutRecord, findQueuedPayout } from '../../repositories/payouts-repository'

const iso = (d: Date | null) => d?.toISOString() ?? null

export const orderWire = (o: Order, side: Side, escrowBalanceCents: number): OrderRecord => ({
  id: o.id,
  org_id: o.orgId,
  sponsor_org_id: o.sponsorOrgId,
  sponsor_id: o.sponsorId,
  sponsor_name: o.sponsorName,
  event_id: o.eventId,
  package_id: o.packageId,
  package_title: o.packageTitle,
  package_version: o.packageVersion,
  thread_id: o.threadId,
  amount_cents: o.amountCents,
  currency: o.currency,
  benefits: o.benefits,
  cancellation_policy: { window_days: o.cancellationWindowDays, penalty_pct: o.cancellationPenaltyPct },
  event_start_at: o.eventStartAt.toISOString(),
  platform_fee_percentage: o.platformFeePercentage,
  status: o.status,
  escrow_state: o.escrowState,
  payout_status: o.payoutStatus,
  refunded_cents: o.refundedCents,
  escrow_balance_cents: escrowBalanceCents,
  stripe_payment_intent_id: o.stripePaymentIntentId,
  stripe_charge_id: o.stripeChargeId,
  allowed_actions: allowedOrderActions(o.escrowState, side),
  release_condition: o.releaseCondition,
  hold_expires_at: o.escrowState === 'pending' || o.escrowState === 'requires_action' ? iso(o.holdExpiresAt) : null,
  created_at: o.createdAt.toISOString(),
  funded_at: iso(o.fundedAt),
  locked_at: iso(o.lockedAt),
  released_at: iso(o.releasedAt),
  cancelled_at: iso(o.cancelledAt),
  updated_at: o.updatedAt.toISOString(),
})

export async function orderDetail(db: Queryable, o: Order, side: Side): Promise<OrderDetail> {
  const [balances, payments, refunds, queued, payout, ledger] = [
    await orderBalances(db, o.id),
    await listPayments(db, o.id),
    await listRefunds(db, o.id),
    await findQueuedPayout(db, o.id),
    await findPayoutRecord(db, o.id),
    await orderLedger(db, o.id),
  ]
  return {
    ...orderWire(o, side, escrowBalance(balances)),
    payments: payments.map((p) => ({
      id: p.id,
      attempt: p.attempt,
      amount_cents: p.amountCents,
      status: p.status,
      stripe_payment_intent_id: p.stripePaymentIntentId,
      failure_code: p.failureCode,
      failure_message: p.failureMessage,
      created_at: p.createdAt.toISOString(),
    })),
    refunds: refunds.map((r) => ({
      stripe_refund_id: r.stripeRefundId ?? '',
      amount_cents: r.amountCents,
      reversed_cents: r.reversedCents,
      reason: r.reason,
      created_at: r.createdAt.toISOString(),
    })),
    payout: queued
      ? {
          status: queued.status,
          attempts: queued.attempts,
          last_error: queued.lastError,
          amount_cents: queued.amountCents,
          fee_cents: queued.feeCents,
          stripe_transfer_id: payout?.transferId ?? null,
          destination_account: payout?.destination ?? null,
          reversed_cents: payout?.reversedCents ?? 0,
          paid_at: iso(payout?.createdAt ?? null),
        }
      : null,
    ledger: ledger.map((l) => ({
      kind: l.kind,
      reference: l.reference,
      account: l.account,
      amount_cents: l.amountCents,
      created_at: l.createdAt.toISOString(),
    })),
  }
}
