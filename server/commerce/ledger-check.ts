// Proves the books: every ledger transaction sums to zero, and for every order the platform's Stripe
// balance in the ledger equals what Stripe says (received − refunded − transferred + reversed).
import type Stripe from 'stripe'
import type { Queryable } from '../db/database'
import { stripeBalancesByOrder, unbalancedTransactions } from '../repositories/ledger-repository'

export interface LedgerCheck {
  isBalanced: boolean
  unbalanced: { transactionId: string; totalCents: number }[]
  mismatched: { orderId: string; ledgerCents: number; stripeCents: number }[]
  ordersChecked: number
}

/** What Stripe holds for an order on the platform account, from Stripe's own objects. */
export async function stripeNetForOrder(stripe: Stripe, orderId: string, paymentIntentId: string) {
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId)
  let refunded = 0
  for await (const refund of stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }))
    refunded += refund.amount
  let transferred = 0
  for await (const transfer of stripe.transfers.list({ transfer_group: orderId, limit: 100 }))
    transferred += transfer.amount - transfer.amount_reversed
  return intent.amount_received - refunded - transferred
}

export async function checkLedger(db: Queryable, stripe: Stripe): Promise<LedgerCheck> {
  const unbalanced = await unbalancedTransactions(db)
  const mismatched: LedgerCheck['mismatched'] = []
  const orders = await stripeBalancesByOrder(db)
  for (const order of orders) {
    if (!order.paymentIntentId) continue
    const stripeCents = await stripeNetForOrder(stripe, order.orderId, order.paymentIntentId)
    if (stripeCents !== order.ledgerCents)
      mismatched.push({ orderId: order.orderId, ledgerCents: order.ledgerCents, stripeCents })
  }
  return {
    isBalanced: unbalanced.length === 0 && mismatched.length === 0,
    unbalanced,
    mismatched,
    ordersChecked: orders.length,
  }
}
