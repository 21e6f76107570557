// The 5-minute sweep (seed 001 §17): PaymentIntents whose outcome the database missed (callback lost,
// crash mid-call), unfunded orders whose hold ran out (their unit goes back on sale), funded escrows whose
// event has started (lock), escrows whose release condition is met (release), and payouts that are due or abandoned.
// Safe on several instances at once: every step is idempotent or claimed.
import Stripe from 'stripe'
import { applyPaymentIntent } from './apply-payment'
import { createIntent } from './fund-order'
import { cancelOrder, lockOrder, refundOrder, releaseIfDue } from './escrow-steps'
import { processPayout, type PayoutDeps } from './process-payout'
import { releaseExpiredHold } from './order-holds'
import {
  findOrder,
  listExpiredHolds,
  listGatedEscrows,
  listOrdersToLock,
  listPendingRefunds,
  listUnsettledPayments,
  updatePayment,
} from '../repositories/orders-repository'
import { listDuePayouts } from '../repositories/payouts-repository'

export interface ReconcileSummary {
  paymentsChecked: number
  paymentsSettled: number
  ordersLocked: number
  /** Escrows released because their condition (every deliverable settled, or the event over) was met. */
  ordersReleased: number
  refundsFinished: number
  holdsReleased: number
  payoutsTried: number
}

export async function reconcile(
  deps: PayoutDeps,
  options: { settleAfterSeconds?: number } = {},
): Promise<ReconcileSummary> {
  const { db, stripe } = deps
  const summary: ReconcileSummary = {
    paymentsChecked: 0,
    paymentsSettled: 0,
    ordersLocked: 0,
    ordersReleased: 0,
    refundsFinished: 0,
    holdsReleased: 0,
    payoutsTried: 0,
  }

  for (const payment of await listUnsettledPayments(db, options.settleAfterSeconds ?? 60)) {
    summary.paymentsChecked += 1
    try {
      const order = await findOrder(db, payment.orderId)
      if (!order) continue
      // Without a PaymentIntent id the call's outcome never reached us: replaying it returns what Stripe did.
      const intent = payment.stripePaymentIntentId
        ? await stripe.paymentIntents.retrieve(payment.stripePaymentIntentId)
        : await createIntent(stripe, order, payment)
      await db.transaction((tx) => applyPaymentIntent(tx, intent))
      if (intent.status === 'succeeded') summary.paymentsSettled += 1
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const failed = (error.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent
        await db.transaction(async (tx) => {
          if (failed) await applyPaymentIntent(tx, failed)
          else
            await updatePayment(tx, payment.id, {
              status: 'failed',
              failureCode: error.code ?? 'card_error',
              failureMessage: error.message,
            })
        })
      } else {
        deps.log.warn(
          { paymentId: payment.id, err: error },
          'reconciliation could not settle a payment; next sweep retries',
        )
      }
    }
  }

  // A refund or cancellation cut off mid-way is finished with its recorded amount and idempotency keys.
  for (const request of await listPendingRefunds(db, options.settleAfterSeconds ?? 60)) {
    const order = await findOrder(db, request.orderId)
    if (!order) continue
    const party = { orgId: order.orgId, side: 'organizer' as const }
    try {
      if (request.kind === 'cancel') await cancelOrder(db, stripe, order.id, party, request.reason)
      else await refundOrder(db, stripe, order.id, party, { reason: request.reason, isResume: true })
      summary.refundsFinished += 1
    } catch (error) {
      deps.log.warn(
        { refundId: request.id, err: error },
        'reconciliation could not finish a refund; next sweep retries',
      )
    }
  }

  // After settling payments: an order whose payment went through in the meantime is funded, not released.
  for (const orderId of await listExpiredHolds(db)) {
    try {
      if (await releaseExpiredHold(db, stripe, orderId)) summary.holdsReleased += 1
    } catch (error) {
      deps.log.warn({ orderId, err: error }, 'reconciliation could not release an expired hold; next sweep retries')
    }
  }

  for (const orderId of await listOrdersToLock(db)) {
    await db.transaction((tx) => lockOrder(tx, orderId, 'system'))
    summary.ordersLocked += 1
  }

  // The release gate decides (server/commerce/release-gate.ts): an escrow is never released here before it opens.
  for (const orderId of await listGatedEscrows(db)) {
    if (await db.transaction((tx) => releaseIfDue(tx, orderId))) summary.ordersReleased += 1
  }

  for (const orderId of await listDuePayouts(db)) {
    summary.payoutsTried += 1
    await processPayout(deps, orderId)
  }
  return summary
}
