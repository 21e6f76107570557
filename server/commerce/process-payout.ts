// Pays a released escrow out: a Transfer of (held − platform fee) to the organizer's connected account,
// with source_transaction = the order's charge. One worker claims the payout at a time; the transfer's
// idempotency key is fixed per payout, so a worker that dies after Stripe acted is replayed, not repeated.
import Stripe from 'stripe'
import type { Database, Queryable } from '../db/database'
import { isIndeterminate } from './stripe-errors'
import { platformFee } from '../../shared/commerce/order-machine'
import { findOrder, updateOrder } from '../repositories/orders-repository'
import { orderBalances, recordMovement } from '../repositories/ledger-repository'
import {
  claimPayout,
  finishPayout,
  findPayoutConfiguration,
  fixPayoutAmounts,
  insertPayoutRecord,
  raiseAdminAlert,
} from '../repositories/payouts-repository'

export interface PayoutDeps {
  db: Database
  stripe: Stripe
  maxAttempts: number
  log: {
    info(obj: object, msg: string): void
    warn(obj: object, msg: string): void
    error(obj: object, msg: string): void
  }
  /** How long a claim lasts before another worker may take over a payout whose worker died. */
  leaseSeconds?: number
}

export type PayoutOutcome =
  | { outcome: 'not-claimed' }
  | { outcome: 'paid'; transferId: string | null; amountCents: number; feeCents: number }
  | { outcome: 'failed'; attempts: number; retryInSeconds: number; error: string }
  | { outcome: 'dead'; attempts: number; error: string }

/**
 * Records a payout Stripe made: the payout row, the transfer and fee in the ledger, the queue and order
 * settled. From the worker, or from the `transfer.created` webhook when the worker died after Stripe acted.
 */
export async function recordPayout(
  tx: Queryable,
  p: {
    queueId: string
    orderId: string
    amountCents: number
    feeCents: number
    transfer: Pick<Stripe.Transfer, 'id' | 'destination'> | null
  },
) {
  const order = (await findOrder(tx, p.orderId, { forUpdate: true }))!
  const reference = p.transfer?.id ?? `payout:${p.queueId}`
  if (p.transfer) {
    const destination =
      typeof p.transfer.destination === 'string' ? p.transfer.destination : (p.transfer.destination?.id ?? '')
    await insertPayoutRecord(tx, {
      orderId: p.orderId,
      orgId: order.orgId,
      amountCents: p.amountCents,
      feeCents: p.feeCents,
      currency: order.currency,
      destination,
      transferId: p.transfer.id,
    })
    await recordMovement(tx, {
      orderId: p.orderId,
      kind: 'transfer',
      reference,
      entries: [
        ['escrow_held', p.amountCents],
        ['stripe_balance', -p.amountCents],
      ],
    })
  }
  await recordMovement(tx, {
    orderId: p.orderId,
    kind: 'fee',
    reference,
    entries: [
      ['escrow_held', p.feeCents],
      ['platform_fees', -p.feeCents],
    ],
  })
  await finishPayout(tx, p.queueId, 'completed', null)
  await updateOrder(tx, p.orderId, {
    payout_status: 'paid',
    ...(order.escrowState === 'released' ? { status: 'completed' } : {}),
  })
}

/**
 * The payout's transfer, made once: its key is fixed per payout. Stripe replays a 5xx it answered for that key
 * (whether or not it had acted), so after one the transfer is looked up by its payout: found, it is the answer.
 */
async function makeTransfer(
  stripe: Stripe,
  queueId: string,
  params: Stripe.TransferCreateParams & { transfer_group: string },
) {
  try {
    return await stripe.transfers.create(params, { idempotencyKey: `payout-${queueId}-transfer` })
  } catch (error) {
    if (!isIndeterminate(error)) throw error
    for await (const made of stripe.transfers.list({ transfer_group: params.transfer_group, limit: 100 })) {
      if (made.metadata?.payout_queue_id === queueId) return made
    }
    throw error
  }
}

export async function processPayout(deps: PayoutDeps, orderId: string): Promise<PayoutOutcome> {
  const { db, stripe } = deps
  const claim = await claimPayout(db, orderId, deps.leaseSeconds ?? 120)
  if (!claim) return { outcome: 'not-claimed' }
  const order = (await findOrder(db, orderId))!
  await updateOrder(db, orderId, { payout_status: 'processing' })
  const config = await findPayoutConfiguration(db, order.orgId)
  const held = -(await orderBalances(db, orderId)).escrow_held
  // Fixed on the order when it was funded (migration 0008 backfilled older funded orders).
  const feeRate = order.platformFeePercentage ?? 0
  const fee = platformFee(held, feeRate)
  const amounts = await fixPayoutAmounts(db, claim.id, held - fee, fee)

  try {
    if (!config) throw new Error('The organizer has no payout configuration (no connected account to pay).')
    const transfer =
      amounts.amountCents > 0
        ? await makeTransfer(stripe, claim.id, {
            amount: amounts.amountCents,
            currency: order.currency.toLowerCase(),
            destination: config.accountId,
            source_transaction: order.stripeChargeId!,
            transfer_group: order.id,
            description: `Payout for order ${order.id}`,
            metadata: { order_id: order.id, payout_queue_id: claim.id },
          })
        : null
    await db.transaction((tx) => recordPayout(tx, { queueId: claim.id, orderId, ...amounts, transfer }))
    deps.log.info({ orderId, transferId: transfer?.id, amountCents: amounts.amountCents }, 'payout made')
    return {
      outcome: 'paid',
      transferId: transfer?.id ?? null,
      amountCents: amounts.amountCents,
      feeCents: amounts.feeCents,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (claim.attempts >= deps.maxAttempts) {
      await db.transaction(async (tx) => {
        await finishPayout(tx, claim.id, 'dead', message)
        await updateOrder(tx, orderId, { payout_status: 'dead' })
        await raiseAdminAlert(tx, {
          kind: 'payout-failed',
          subjectId: orderId,
          message: `Payout failed after ${claim.attempts} attempts`,
          details: {
            order_id: orderId,
            reason: message,
            stripe_error: error instanceof Stripe.errors.StripeError ? error.code : undefined,
          },
        })
      })
      deps.log.error(
        { orderId, attempts: claim.attempts, reason: message },
        'payout failed after every attempt: admin alert raised',
      )
      return { outcome: 'dead', attempts: claim.attempts, error: message }
    }
    const retryInSeconds = 30 * 2 ** (claim.attempts - 1)
    await finishPayout(db, claim.id, 'failed', message, retryInSeconds)
    await updateOrder(db, orderId, { payout_status: 'failed' })
    deps.log.warn(
      { orderId, attempts: claim.attempts, reason: message, retryInSeconds },
      'payout failed; it will be retried',
    )
    return { outcome: 'failed', attempts: claim.attempts, retryInSeconds, error: message }
  }
}
