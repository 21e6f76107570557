// Applies what Stripe says about a PaymentIntent to the order: from the fund call, a webhook or the
// reconciliation job alike. Idempotent: the charge is a ledger movement keyed by the PaymentIntent.
import type Stripe from 'stripe'
import type { Queryable } from '../db/database'
import { findOrder, findPaymentByIntent, updateOrder, updatePayment } from '../repositories/orders-repository'
import { recordMovement } from '../repositories/ledger-repository'
import { raiseAdminAlert } from '../repositories/payouts-repository'
import { isUuid } from '../../shared/ids'

type IntentView = Pick<Stripe.PaymentIntent, 'id' | 'status' | 'amount_received' | 'metadata'> & {
  latest_charge: string | { id: string } | null
  last_payment_error?: {
    code?: string | undefined
    decline_code?: string | undefined
    message?: string | undefined
  } | null
}

/** Returns the order id it applied to, or null for a PaymentIntent that is not ours. */
export async function applyPaymentIntent(tx: Queryable, intent: IntentView): Promise<string | null> {
  const attemptId = intent.metadata?.payment_attempt_id
  const payment = await findPaymentByIntent(tx, intent.id, isUuid(attemptId) ? attemptId : undefined)
  if (!payment) return null
  const order = await findOrder(tx, payment.orderId, { forUpdate: true })
  if (!order) return null
  const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null)

  if (intent.status === 'succeeded') {
    await updatePayment(tx, payment.id, { status: 'succeeded', intentId: intent.id, chargeId })
    const isNew = await recordMovement(tx, {
      orderId: order.id,
      kind: 'charge',
      reference: intent.id,
      entries: [
        ['stripe_balance', intent.amount_received],
        ['escrow', -intent.amount_received],
      ],
    })
    if (!isNew) return order.id
    if (order.escrowState === 'pending' || order.escrowState === 'requires_action') {
      await updateOrder(tx, order.id, {
        status: 'funded',
        escrow_state: 'funded',
        stripe_payment_intent_id: intent.id,
        stripe_charge_id: chargeId,
        stamp: 'funded_at',
      })
    } else {
      // Money arrived for an order that was already funded or cancelled: a person must refund it.
      await raiseAdminAlert(tx, {
        kind: 'unexpected-payment',
        subjectId: intent.id,
        message: `PaymentIntent ${intent.id} succeeded for order ${order.id}, which is ${order.escrowState}; refund it.`,
        details: { order_id: order.id, amount_cents: intent.amount_received },
      })
    }
    return order.id
  }
  if (intent.status === 'requires_action') {
    await updatePayment(tx, payment.id, { status: 'requires_action', intentId: intent.id })
    if (order.escrowState === 'pending')
      await updateOrder(tx, order.id, { escrow_state: 'requires_action', stripe_payment_intent_id: intent.id })
    return order.id
  }
  if (intent.status === 'requires_payment_method' || intent.status === 'canceled') {
    const error = intent.last_payment_error
    await updatePayment(tx, payment.id, {
      status: 'failed',
      intentId: intent.id,
      failureCode: error?.decline_code ?? error?.code ?? intent.status,
      failureMessage: error?.message ?? null,
    })
    if (order.escrowState === 'requires_action') await updateOrder(tx, order.id, { escrow_state: 'pending' })
  }
  return order.id
}
