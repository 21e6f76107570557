// Lock, release, cancel and refund (seed 001 §10). Each Stripe call carries an idempotency key fixed
// in the database before the call, and every movement is recorded in the ledger once.
import Stripe from 'stripe'
import type { Database, Queryable } from '../db/database'
import { AppError, conflict, notFound } from '../errors'
import { cancellationRefund, sideAllows, stateAllows } from '../../shared/commerce/order-machine'
import {
  completeRefund,
  findOrder,
  findPendingRefund,
  insertRefundRequest,
  listPayments,
  updateOrder,
  type Order,
  type RefundRequest,
} from '../repositories/orders-repository'
import { orderBalances, recordMovement } from '../repositories/ledger-repository'
import { addReversed, findPayoutRecord, findQueuedPayout, queuePayout } from '../repositories/payouts-repository'
import { returnUnit } from '../repositories/packages-repository'
import { invalidTransition } from './order-errors'
import type { Party } from './party'
import { isIndeterminate, providerUnavailable, stripeRefusal } from './stripe-errors'
import { applyPaymentIntent } from './apply-payment'
import { assertGateOpen, releaseGate } from './release-gate'

/** The order locked for this transaction, if the caller is a party allowed to take the action now. */
async function orderFor(
  tx: Queryable,
  orderId: string,
  party: Party,
  action: 'lock' | 'release' | 'cancel' | 'refund',
): Promise<Order> {
  const order = await findOrder(tx, orderId, { partyOrgId: party.orgId, forUpdate: true })
  if (!order) throw notFound('Order')
  if (!sideAllows(party.side, action))
    throw new AppError(403, 'forbidden', `The ${party.side} of an order cannot ${action} it.`)
  if (!stateAllows(order.escrowState, action)) throw invalidTransition(order.escrowState, action)
  return order
}

/** Locks a funded escrow: on event start or when every deliverable is approved. */
export async function lockOrder(tx: Queryable, orderId: string, party: Party | 'system') {
  const order =
    party === 'system' ? await findOrder(tx, orderId, { forUpdate: true }) : await orderFor(tx, orderId, party, 'lock')
  if (!order || order.escrowState !== 'funded') return
  const open = -(await orderBalances(tx, order.id)).escrow
  await recordMovement(tx, {
    orderId: order.id,
    kind: 'hold',
    reference: `lock:${order.id}`,
    entries: [
      ['escrow', open],
      ['escrow_held', -open],
    ],
  })
  await updateOrder(tx, order.id, { escrow_state: 'locked', stamp: 'locked_at' })
}

/**
 * Releases a locked escrow once its release gate is open (409 listing what is outstanding otherwise): the payout is
 * queued for a worker (the caller sends the job after commit).
 */
export async function releaseOrder(tx: Queryable, orderId: string, party: Party) {
  const order = await orderFor(tx, orderId, party, 'release')
  assertGateOpen(await releaseGate(tx, order))
  await queuePayout(tx, order.id)
  await updateOrder(tx, order.id, { escrow_state: 'released', payout_status: 'queued', stamp: 'released_at' })
}

/**
 * Releases an escrow whose condition (not a person) has been met: every deliverable settled, or the event over.
 * Locks it first if still funded. True when released (the caller sends the payout job after commit).
 */
export async function releaseIfDue(tx: Queryable, orderId: string, now = new Date()): Promise<boolean> {
  const order = await findOrder(tx, orderId, { forUpdate: true })
  if (!order || order.releaseCondition === 'manual' || !['funded', 'locked'].includes(order.escrowState)) return false
  if (!(await releaseGate(tx, order, now)).isOpen) return false
  if (order.escrowState === 'funded') await lockOrder(tx, order.id, 'system')
  await queuePayout(tx, order.id)
  await updateOrder(tx, order.id, { escrow_state: 'released', payout_status: 'queued', stamp: 'released_at' })
  return true
}

/** Cancels: an unfunded order simply closes; a funded one is refunded less any late-cancellation penalty. */
export async function cancelOrder(
  db: Database,
  stripe: Stripe,
  orderId: string,
  party: Party,
  reason: string | null,
): Promise<{ payoutQueued: boolean }> {
  const plan = await db.transaction(async (tx) => {
    const order = await orderFor(tx, orderId, party, 'cancel')
    if (order.escrowState === 'pending' || order.escrowState === 'requires_action') {
      const open = (await listPayments(tx, order.id)).find(
        (p) => p.status === 'creating' || p.status === 'requires_action',
      )
      if (open?.status === 'creating')
        throw conflict(
          'payment-in-progress',
          'A payment for this order is still being settled with Stripe; cancel again in a minute.',
        )
      // A PaymentIntent waiting for 3-D Secure is cancelled at Stripe first, so it cannot succeed afterwards.
      if (open?.stripePaymentIntentId) return { kind: 'cancel-intent' as const, intentId: open.stripePaymentIntentId }
      await closeUnfunded(tx, order)
      return null
    }
    const pending = await findPendingRefund(tx, order.id)
    if (pending) return { kind: 'refund' as const, order, request: pending }
    const { refundCents, penaltyCents } = cancellationRefund(
      {
        amountCents: order.amountCents,
        refundedCents: order.refundedCents,
        penaltyPct: order.cancellationPenaltyPct,
        windowDays: order.cancellationWindowDays,
        eventStart: order.eventStartAt,
      },
      party.side,
      new Date(),
    )
    return {
      kind: 'refund' as const,
      order,
      request: await insertRefundRequest(tx, {
        orderId: order.id,
        kind: 'cancel',
        amountCents: refundCents,
        penaltyCents,
        reason,
      }),
    }
  })
  if (!plan) return { payoutQueued: false }
  if (plan.kind === 'cancel-intent') {
    await cancelIntent(db, stripe, plan.intentId)
    await db.transaction(async (tx) => {
      const order = await orderFor(tx, orderId, party, 'cancel')
      if (order.escrowState === 'pending') await closeUnfunded(tx, order)
    })
    return { payoutQueued: false }
  }
  const refund =
    plan.request.amountCents > 0
      ? await callStripe(() =>
          stripe.refunds.create(
            {
              payment_intent: plan.order.stripePaymentIntentId!,
              amount: plan.request.amountCents,
              reason: 'requested_by_customer',
              metadata: { order_id: plan.order.id, refund_request_id: plan.request.id },
            },
            { idempotencyKey: `refund-${plan.request.id}` },
          ),
        )
      : null
  return db.transaction(async (tx) => {
    const order = (await findOrder(tx, orderId, { forUpdate: true }))!
    await settleRefund(tx, order, plan.request, refund, 0)
    const penalty = plan.request.penaltyCents
    await recordMovement(tx, {
      orderId: order.id,
      kind: 'penalty',
      reference: `cancel:${plan.request.id}`,
      entries: [
        ['escrow', penalty],
        ['escrow_held', -penalty],
      ],
    })
    await updateOrder(tx, order.id, { status: 'cancelled', escrow_state: 'cancelled', stamp: 'cancelled_at' })
    await returnUnit(tx, order.packageId)
    // The penalty is the organizer's: it is paid out like a released escrow.
    if (penalty > 0) {
      await queuePayout(tx, order.id)
      await updateOrder(tx, order.id, { payout_status: 'queued' })
    }
    return { payoutQueued: penalty > 0 }
  })
}

/** Closes an order no money was taken for and puts its unit back on sale. */
export async function closeUnfunded(tx: Queryable, order: Order) {
  await updateOrder(tx, order.id, { status: 'cancelled', escrow_state: 'cancelled', stamp: 'cancelled_at' })
  await returnUnit(tx, order.packageId)
}

// Cancels a PaymentIntent awaiting authentication; if it succeeded meanwhile, the order is funded and the cancel refused.
async function cancelIntent(db: Database, stripe: Stripe, intentId: string) {
  let intent: Stripe.PaymentIntent
  try {
    intent = await stripe.paymentIntents.cancel(
      intentId,
      { cancellation_reason: 'requested_by_customer' },
      { idempotencyKey: `cancel-${intentId}` },
    )
  } catch (error) {
    const current =
      error instanceof Stripe.errors.StripeInvalidRequestError
        ? (error.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent
        : undefined
    if (!current) return callStripe(() => Promise.reject(error))
    await db.transaction((tx) => applyPaymentIntent(tx, current))
    throw conflict(
      'order-funded-meanwhile',
      'The payment went through before the cancellation reached Stripe; the order is funded now. Cancel again to refund it.',
    )
  }
  await db.transaction((tx) => applyPaymentIntent(tx, intent))
}

/**
 * Refunds the sponsor (all that is left by default). Where money already moved, the transfer is reversed first.
 * `isResume` (the sweep) finishes the refund left pending by an interrupted call instead of refusing a second one.
 */
export async function refundOrder(
  db: Database,
  stripe: Stripe,
  orderId: string,
  party: Party,
  request: { amountCents?: number; reason: string | null; isResume?: boolean },
) {
  const plan = await db.transaction(async (tx) => {
    const order = await orderFor(tx, orderId, party, 'refund')
    const pending = await findPendingRefund(tx, order.id)
    if (pending && request.isResume) return { order, request: pending }
    return {
      order,
      request: await planRefund(tx, order, {
        kind: 'refund',
        amountCents: request.amountCents,
        reason: request.reason,
      }),
    }
  })
  await executeRefund(db, stripe, plan.order, plan.request)
}

/**
 * Records a refund request (its idempotency key) in the caller's transaction, before Stripe is asked: one at a
 * time per order, none while the payout is being made, at most what is still refundable.
 */
export async function planRefund(
  tx: Queryable,
  order: Order,
  request: { kind: 'refund' | 'sla_penalty'; amountCents?: number | undefined; reason: string | null },
) {
  const queued = await findQueuedPayout(tx, order.id)
  if (queued && ['pending', 'processing', 'failed'].includes(queued.status)) {
    throw conflict(
      'payout-in-progress',
      'The payout of this order is being made; refund once it has finished (the transfer is then reversed first).',
    )
  }
  // One refund at a time: a second request never rides on the first (the sweep finishes an interrupted one).
  const pending = await findPendingRefund(tx, order.id)
  if (pending) {
    throw conflict(
      'refund-in-progress',
      `A refund of ${pending.amountCents} cents for this order is still being made; wait for it to finish, then refund again.`,
      { amount_cents: pending.amountCents },
    )
  }
  const refundable = order.amountCents - order.refundedCents
  const amount = request.amountCents ?? refundable
  if (amount < 1 || amount > refundable) {
    throw new AppError(422, 'refund-too-large', `At most ${refundable} cents of this order can still be refunded.`, {
      refundable_cents: refundable,
    })
  }
  return insertRefundRequest(tx, {
    orderId: order.id,
    kind: request.kind,
    amountCents: amount,
    penaltyCents: 0,
    reason: request.reason,
  })
}

/**
 * Makes a recorded refund at Stripe (reversing the organizer's share of a transfer first) and books it. Safe to
 * repeat: the Stripe calls replay by their keys and the ledger records each Stripe object once. `onSettled` runs
 * in the booking transaction.
 */
export async function executeRefund(
  db: Database,
  stripe: Stripe,
  order: Order,
  refundRequest: RefundRequest,
  onSettled?: (tx: Queryable) => Promise<void>,
) {
  let reversedCents = 0
  let reversalId: string | null = null
  const payout = await findPayoutRecord(db, order.id)
  if (payout) {
    // The organizer's share of the refund comes back from their account first; the platform returns its fee share.
    const share = Math.round((refundRequest.amountCents * payout.amountCents) / (payout.amountCents + payout.feeCents))
    reversedCents = Math.min(share, payout.amountCents - payout.reversedCents)
    if (reversedCents > 0) {
      const reversal = await callStripe(() =>
        stripe.transfers.createReversal(
          payout.transferId,
          { amount: reversedCents, metadata: { order_id: order.id, refund_request_id: refundRequest.id } },
          { idempotencyKey: `refund-${refundRequest.id}-reversal` },
        ),
      )
      reversalId = reversal.id
    }
  }
  const refund = await callStripe(() =>
    stripe.refunds.create(
      {
        payment_intent: order.stripePaymentIntentId!,
        amount: refundRequest.amountCents,
        metadata: { order_id: order.id, refund_request_id: refundRequest.id },
      },
      { idempotencyKey: `refund-${refundRequest.id}` },
    ),
  )
  await db.transaction(async (tx) => {
    const current = (await findOrder(tx, order.id, { forUpdate: true }))!
    if (reversalId) {
      const isNew = await recordMovement(tx, {
        orderId: order.id,
        kind: 'reversal',
        reference: reversalId,
        entries: [
          ['stripe_balance', reversedCents],
          ['escrow_held', -reversedCents],
        ],
      })
      if (isNew) await addReversed(tx, order.id, reversedCents)
      const feeShare = refundRequest.amountCents - reversedCents
      await recordMovement(tx, {
        orderId: order.id,
        kind: 'fee_return',
        reference: `refund:${refundRequest.id}`,
        entries: [
          ['platform_fees', feeShare],
          ['escrow_held', -feeShare],
        ],
      })
    }
    await settleRefund(tx, current, refundRequest, refund, reversedCents)
    const after = (await findOrder(tx, order.id))!
    if (after.refundedCents >= after.amountCents) {
      await updateOrder(tx, order.id, { status: 'refunded', escrow_state: 'refunded' })
      await returnUnit(tx, order.packageId)
    }
    await onSettled?.(tx)
  })
}

/** Records a refund Stripe made: from the open escrow while funded, from the held escrow after lock. */
async function settleRefund(
  tx: Queryable,
  order: Order,
  request: RefundRequest,
  refund: Stripe.Refund | null,
  reversedCents: number,
) {
  if (request.status === 'succeeded') return
  await completeRefund(tx, request.id, refund?.id ?? null, reversedCents)
  if (!refund) return
  const from = order.escrowState === 'funded' ? 'escrow' : 'escrow_held'
  const isNew = await recordMovement(tx, {
    orderId: order.id,
    kind: 'refund',
    reference: refund.id,
    entries: [
      [from, refund.amount],
      ['stripe_balance', -refund.amount],
    ],
  })
  if (isNew) await updateOrder(tx, order.id, { refunded_cents: order.refundedCents + refund.amount })
}

async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isIndeterminate(error) || !(error instanceof Stripe.errors.StripeError)) throw providerUnavailable()
    throw stripeRefusal(error)
  }
}
