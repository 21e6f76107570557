// The hold an unfunded order has on its unit (ORDER_HOLD_MINUTES): funding after it is refused, and the
// reconciliation sweep gives the unit back. A payment still being created keeps the unit until it settles;
// one left waiting for 3-D Secure past the hold is cancelled at Stripe first, so it cannot succeed later.
import type Stripe from 'stripe'
import type { Database, Queryable } from '../db/database'
import { AppError, conflict } from '../errors'
import { findOrder, listPayments, type Order } from '../repositories/orders-repository'
import { cancelOrder, closeUnfunded } from './escrow-steps'

export const isHoldExpired = (order: Pick<Order, 'holdExpiresAt'>, now = new Date()) =>
  order.holdExpiresAt !== null && order.holdExpiresAt <= now

/** The 409 for funding an order whose hold ran out. */
export const holdExpired = (order: Pick<Order, 'holdExpiresAt'>) =>
  conflict(
    'hold-expired',
    `This order held its unit until ${order.holdExpiresAt!.toISOString()} and was not funded in time; the unit is back on sale. Buy again (POST /v1/sponsorship-orders) or ask the organizer for a new offer.`,
    { hold_expires_at: order.holdExpiresAt!.toISOString() },
  )

async function closeIfStillUnfunded(tx: Queryable, orderId: string, now: Date): Promise<boolean> {
  const order = await findOrder(tx, orderId, { forUpdate: true })
  if (!order || order.escrowState !== 'pending' || !isHoldExpired(order, now)) return false
  if ((await listPayments(tx, order.id)).some((p) => p.status === 'creating' || p.status === 'requires_action'))
    return false
  await closeUnfunded(tx, order)
  return true
}

/** Cancels an unfunded order whose hold ran out and returns its unit; false if it was funded or is being paid meanwhile. */
export async function releaseExpiredHold(
  db: Database,
  stripe: Stripe,
  orderId: string,
  now = new Date(),
): Promise<boolean> {
  const order = await findOrder(db, orderId)
  if (!order || !isHoldExpired(order, now)) return false
  if (order.escrowState !== 'requires_action') return db.transaction((tx) => closeIfStillUnfunded(tx, orderId, now))
  try {
    await cancelOrder(
      db,
      stripe,
      orderId,
      { orgId: order.orgId, side: 'organizer' },
      'The hold expired before the payment was authenticated.',
    )
  } catch (error) {
    // Authenticated meanwhile (the order is funded now) or a payment still being created: it keeps its unit.
    if (error instanceof AppError && error.statusCode === 409) return false
    throw error
  }
  return (await findOrder(db, orderId))?.escrowState === 'cancelled'
}
