// Fund = a PaymentIntent on the platform with transfer_group = the order (separate charges and
// transfers), confirmed with the sponsor's payment method. The attempt and its idempotency key are
// committed before Stripe is called, so a retry after any crash replays the same PaymentIntent.
import Stripe from 'stripe'
import type { Database } from '../db/database'
import { conflict, notFound } from '../errors'
import {
  findOrder,
  insertPayment,
  listPayments,
  updateOrder,
  updatePayment,
  type Order,
  type PaymentAttempt,
} from '../repositories/orders-repository'
import { findPayoutConfiguration } from '../repositories/payouts-repository'
import { stateAllows } from '../../shared/commerce/order-machine'
import { applyPaymentIntent } from './apply-payment'
import { isIndeterminate, providerUnavailable, stripeRefusal } from './stripe-errors'
import { invalidTransition } from './order-errors'
import { holdExpired, isHoldExpired } from './order-holds'
import { platformFeeFor } from './platform-fee'

/** The PaymentIntent of an attempt: the same parameters and key every time, so Stripe replays rather than charges again. */
export function createIntent(
  stripe: Stripe,
  order: Pick<Order, 'id' | 'currency' | 'packageTitle'>,
  attempt: PaymentAttempt,
) {
  return stripe.paymentIntents.create(
    {
      amount: attempt.amountCents,
      currency: order.currency.toLowerCase(),
      payment_method: attempt.paymentMethod,
      confirm: true,
      transfer_group: order.id,
      description: `${order.packageTitle} (order ${order.id})`,
      metadata: { order_id: order.id, payment_attempt_id: attempt.id },
    },
    { idempotencyKey: attempt.idempotencyKey },
  )
}

export interface FundOutcome {
  intent: Stripe.PaymentIntent
}

/**
 * Creates (or replays) the order's PaymentIntent and applies its outcome. Throws 402 on a decline, 409 once the
 * order's hold has expired. The platform fee in force now (defaultFeePercentage unless overridden) is fixed on the order.
 */
export async function fundOrder(
  db: Database,
  stripe: Stripe,
  input: {
    orderId: string
    sponsorOrgId: string
    paymentMethodId: string
    defaultFeePercentage: number
  },
): Promise<FundOutcome> {
  const attempt = await db.transaction(async (tx): Promise<PaymentAttempt> => {
    const order = await findOrder(tx, input.orderId, { partyOrgId: input.sponsorOrgId, forUpdate: true })
    if (!order) throw notFound('Order')
    if (order.sponsorOrgId !== input.sponsorOrgId)
      throw conflict('sponsor-pays', 'Only the sponsor of this order can fund it.')
    if (!stateAllows(order.escrowState, 'fund')) {
      // A retry of a payment that went through (its answer lost in a crash) gets that payment back, not an error.
      const paid = (await listPayments(tx, order.id)).find((p) => p.status === 'succeeded')
      if (paid && paid.paymentMethod === input.paymentMethodId && order.escrowState === 'funded') return paid
      throw invalidTransition(
        order.escrowState,
        'fund',
        order.escrowState === 'funded' ? 'This order is already funded.' : undefined,
      )
    }
    const config = await findPayoutConfiguration(tx, order.orgId)
    if (!config)
      throw conflict(
        'payout-configuration-missing',
        'The organizer has not set up payouts yet (PUT /v1/organizations/{org_id}/payout-configuration); the order cannot be funded until then.',
      )
    const fee = await platformFeeFor(tx, order.orgId, input.defaultFeePercentage)
    await updateOrder(tx, order.id, { platform_fee_percentage: fee.percentage })
    const attempts = await listPayments(tx, order.id)
    const last = attempts.at(-1)
    if (last?.status === 'creating') {
      // The last call's outcome is unknown (a crash or a provider outage): replay it, never make a second charge.
      if (last.paymentMethod !== input.paymentMethodId)
        throw conflict('payment-in-progress', 'A payment with another card is still being settled; retry shortly.')
      return last
    }
    if (last?.status === 'requires_action') {
      throw conflict(
        'payment-requires-action',
        'The last payment is waiting for 3-D Secure authentication; complete or fail it first.',
      )
    }
    // A new attempt only within the hold: after it, the unit may already be someone else's.
    if (isHoldExpired(order)) throw holdExpired(order)
    return insertPayment(tx, order.id, (last?.attempt ?? 0) + 1, input.paymentMethodId, order.amountCents)
  })

  const order = (await findOrder(db, input.orderId))!
  if (attempt.status === 'succeeded')
    return { intent: await stripe.paymentIntents.retrieve(attempt.stripePaymentIntentId!) }
  let intent: Stripe.PaymentIntent
  try {
    intent = await createIntent(stripe, order, attempt)
  } catch (error) {
    if (isIndeterminate(error) || !(error instanceof Stripe.errors.StripeError)) throw providerUnavailable()
    const failed = error.raw as { payment_intent?: Stripe.PaymentIntent } | undefined
    await db.transaction(async (tx) => {
      if (failed?.payment_intent) await applyPaymentIntent(tx, failed.payment_intent)
      else
        await updatePayment(tx, attempt.id, {
          status: 'failed',
          failureCode: error.code ?? 'stripe-error',
          failureMessage: error.message,
        })
    })
    throw stripeRefusal(error)
  }
  await db.transaction((tx) => applyPaymentIntent(tx, intent))
  return { intent }
}
