// Stripe events in (seed 001 §16 "webhook arrives"): each event applied once, in the same transaction
// that records its id. Order state follows payment_intent.* and charge.refunded; transfer.* are
// normally recorded by the payout worker that made them; the webhook records a payout whose worker died
// after Stripe acted, and reversals made outside Yardpass.
import type Stripe from 'stripe'
import type { Queryable } from '../db/database'
import { applyPaymentIntent } from './apply-payment'
import { findOrder, findPendingRefund, updateOrder } from '../repositories/orders-repository'
import { recordMovement } from '../repositories/ledger-repository'
import { addReversed, findQueuedPayout } from '../repositories/payouts-repository'
import { recordPayout } from './process-payout'
import { isUuid } from '../../shared/ids'

// Our transfer whose worker never recorded it (it died after Stripe acted): settle it now.
async function applyTransferCreated(tx: Queryable, transfer: Stripe.Transfer) {
  const orderId = transfer.metadata?.order_id
  const queueId = transfer.metadata?.payout_queue_id
  if (!isUuid(orderId) || !isUuid(queueId)) return
  const queued = await findQueuedPayout(tx, orderId)
  if (
    !queued ||
    queued.id !== queueId ||
    queued.status === 'completed' ||
    queued.amountCents !== transfer.amount ||
    queued.feeCents === null
  )
    return
  await recordPayout(tx, { queueId, orderId, amountCents: queued.amountCents, feeCents: queued.feeCents, transfer })
}

// Every reversal of our transfer is in the ledger once, whoever made it.
async function applyTransferReversed(tx: Queryable, transfer: Stripe.Transfer) {
  const orderId = transfer.metadata?.order_id
  if (!isUuid(orderId) || !(await findOrder(tx, orderId, { forUpdate: true }))) return
  for (const reversal of transfer.reversals?.data ?? []) {
    const isNew = await recordMovement(tx, {
      orderId,
      kind: 'reversal',
      reference: reversal.id,
      entries: [
        ['stripe_balance', reversal.amount],
        ['escrow_held', -reversal.amount],
      ],
    })
    if (isNew) await addReversed(tx, orderId, reversal.amount)
  }
}

/** Applies an event unless its id was seen before; returns whether it was new. */
export async function applyStripeEvent(tx: Queryable, event: Stripe.Event): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
    [event.id, event.type],
  )
  if (rowCount !== 1) return false
  switch (event.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
    case 'payment_intent.requires_action':
    case 'payment_intent.canceled':
      await applyPaymentIntent(tx, event.data.object)
      break
    case 'charge.refunded':
      await applyOutsideRefund(tx, event.data.object, event.id)
      break
    case 'transfer.created':
      await applyTransferCreated(tx, event.data.object)
      break
    case 'transfer.reversed':
      await applyTransferReversed(tx, event.data.object)
      break
    default:
      break
  }
  return true
}

// A refund made outside Yardpass (say, in Stripe's dashboard) still leaves the escrow: record the difference.
async function applyOutsideRefund(tx: Queryable, charge: Stripe.Charge, eventId: string) {
  const orderId =
    charge.metadata?.order_id ?? (typeof charge.transfer_group === 'string' ? charge.transfer_group : null)
  if (!isUuid(orderId)) return
  const order = await findOrder(tx, orderId, { forUpdate: true })
  if (!order || order.stripeChargeId !== charge.id) return
  if (await findPendingRefund(tx, order.id)) return // ours, in flight: its own flow records it
  const missing = charge.amount_refunded - order.refundedCents
  if (missing <= 0) return
  const from = order.escrowState === 'funded' ? 'escrow' : 'escrow_held'
  await recordMovement(tx, {
    orderId: order.id,
    kind: 'refund',
    reference: `event:${eventId}`,
    entries: [
      [from, missing],
      ['stripe_balance', -missing],
    ],
  })
  await updateOrder(tx, order.id, {
    refunded_cents: charge.amount_refunded,
    ...(charge.amount_refunded >= order.amountCents ? { status: 'refunded', escrow_state: 'refunded' } : {}),
  })
}
