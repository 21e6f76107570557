// Sponsorship orders with their escrow state, payment attempts, refunds and payout (seed 001 §4.3, §10, §20.4).
import type { Queryable } from '../db/database'
import type { EscrowState, ReleaseCondition } from '../../shared/commerce/commerce-records'

export type OrderStatus = 'pending' | 'funded' | 'completed' | 'cancelled' | 'refunded'

export interface Order {
  id: string
  orgId: string
  sponsorOrgId: string
  sponsorId: string
  sponsorName: string
  eventId: string
  eventStartAt: Date
  eventEndAt: Date
  packageId: string
  packageTitle: string
  packageVersion: number
  threadId: string | null
  amountCents: number
  currency: string
  benefits: Record<string, unknown>
  cancellationWindowDays: number
  cancellationPenaltyPct: number
  platformFeePercentage: number | null
  status: OrderStatus
  escrowState: EscrowState
  payoutStatus: string | null
  stripePaymentIntentId: string | null
  stripeChargeId: string | null
  refundedCents: number
  /** Until when an unfunded order holds its unit of the package. */
  holdExpiresAt: Date | null
  /** The sponsor's category when the order was judged: what exclusivity and allow-lists count. */
  sponsorCategory: string | null
  /** When its escrow may be released (server/commerce/release-gate.ts). */
  releaseCondition: ReleaseCondition
  createdAt: Date
  fundedAt: Date | null
  lockedAt: Date | null
  releasedAt: Date | null
  cancelledAt: Date | null
  updatedAt: Date
}

const select = `
  SELECT o.*, s.company_name AS sponsor_name, p.title AS package_title, e.start_at AS event_start_at, e.end_at AS event_end_at
  FROM sponsorship_orders o
  JOIN sponsors s ON s.id = o.sponsor_id
  JOIN sponsorship_packages p ON p.id = o.package_id
  JOIN events e ON e.id = o.event_id`

type Row = Record<string, unknown>
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

const fromRow = (r: Row): Order => ({
  id: r.id as string,
  orgId: r.org_id as string,
  sponsorOrgId: r.sponsor_org_id as string,
  sponsorId: r.sponsor_id as string,
  sponsorName: r.sponsor_name as string,
  eventId: r.event_id as string,
  eventStartAt: r.event_start_at as Date,
  eventEndAt: r.event_end_at as Date,
  packageId: r.package_id as string,
  packageTitle: r.package_title as string,
  packageVersion: r.package_version as number,
  threadId: r.thread_id as string | null,
  amountCents: Number(r.amount_cents),
  currency: r.currency as string,
  benefits: r.benefits as Record<string, unknown>,
  cancellationWindowDays: r.cancellation_window_days as number,
  cancellationPenaltyPct: Number(r.cancellation_penalty_pct),
  platformFeePercentage: num(r.platform_fee_percentage),
  status: r.status as OrderStatus,
  escrowState: r.escrow_state as EscrowState,
  payoutStatus: r.payout_status as string | null,
  stripePaymentIntentId: r.stripe_payment_intent_id as string | null,
  stripeChargeId: r.stripe_charge_id as string | null,
  refundedCents: Number(r.refunded_cents),
  holdExpiresAt: r.hold_expires_at as Date | null,
  sponsorCategory: r.sponsor_category as string | null,
  releaseCondition: r.release_condition as ReleaseCondition,
  createdAt: r.created_at as Date,
  fundedAt: r.funded_at as Date | null,
  lockedAt: r.locked_at as Date | null,
  releasedAt: r.released_at as Date | null,
  cancelledAt: r.cancelled_at as Date | null,
  updatedAt: r.updated_at as Date,
})

export interface NewOrder {
  orgId: string
  sponsorOrgId: string
  sponsorId: string
  eventId: string
  packageId: string
  packageVersion: number
  threadId: string | null
  amountCents: number
  currency: string
  benefits: Record<string, unknown>
  cancellationWindowDays: number
  cancellationPenaltyPct: number
  createdBy: string
  holdExpiresAt: Date
  sponsorCategory: string | null
  releaseCondition: ReleaseCondition
}

export async function insertOrder(db: Queryable, o: NewOrder): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sponsorship_orders (org_id, sponsor_org_id, sponsor_id, event_id, package_id, package_version, thread_id, amount_cents,
       currency, benefits, cancellation_window_days, cancellation_penalty_pct, created_by, hold_expires_at, sponsor_category, release_condition)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      o.orgId,
      o.sponsorOrgId,
      o.sponsorId,
      o.eventId,
      o.packageId,
      o.packageVersion,
      o.threadId,
      o.amountCents,
      o.currency,
      JSON.stringify(o.benefits),
      o.cancellationWindowDays,
      o.cancellationPenaltyPct,
      o.createdBy,
      o.holdExpiresAt,
      o.sponsorCategory,
      o.releaseCondition,
    ],
  )
  return rows[0]!.id
}

/** The order; with partyOrgId only if that organization is one of its two parties. */
export async function findOrder(
  db: Queryable,
  id: string,
  options: { partyOrgId?: string; forUpdate?: boolean } = {},
): Promise<Order | null> {
  if (options.forUpdate) await db.query(`SELECT 1 FROM sponsorship_orders WHERE id = $1 FOR UPDATE`, [id])
  const params: unknown[] = [id]
  let where = 'o.id = $1'
  if (options.partyOrgId) {
    params.push(options.partyOrgId)
    where += ' AND (o.org_id = $2 OR o.sponsor_org_id = $2)'
  }
  const { rows } = await db.query(`${select} WHERE ${where}`, params)
  return rows[0] ? fromRow(rows[0]) : null
}

export async function listOrders(db: Queryable, partyOrgId: string, filter: { eventId?: string }) {
  const params: unknown[] = [partyOrgId]
  let where = '(o.org_id = $1 OR o.sponsor_org_id = $1)'
  if (filter.eventId) {
    params.push(filter.eventId)
    where += ' AND o.event_id = $2'
  }
  const { rows } = await db.query(`${select} WHERE ${where} ORDER BY o.created_at DESC LIMIT 200`, params)
  return rows.map(fromRow)
}

export async function updateOrder(
  db: Queryable,
  id: string,
  fields: Partial<
    Record<
      | 'status'
      | 'escrow_state'
      | 'payout_status'
      | 'stripe_payment_intent_id'
      | 'stripe_charge_id'
      | 'platform_fee_percentage'
      | 'refunded_cents'
      | 'release_condition',
      unknown
    >
  > & { stamp?: 'funded_at' | 'locked_at' | 'released_at' | 'cancelled_at' },
) {
  const { stamp, ...values } = fields
  const keys = Object.keys(values)
  const sets = keys.map((key, index) => `${key} = $${index + 2}`)
  if (stamp) sets.push(`${stamp} = coalesce(${stamp}, now())`)
  sets.push('updated_at = now()')
  await db.query(`UPDATE sponsorship_orders SET ${sets.join(', ')} WHERE id = $1`, [
    id,
    ...keys.map((key) => values[key as keyof typeof values]),
  ])
}

export interface PaymentAttempt {
  id: string
  orderId: string
  attempt: number
  idempotencyKey: string
  paymentMethod: string
  amountCents: number
  stripePaymentIntentId: string | null
  stripeChargeId: string | null
  status: 'creating' | 'requires_action' | 'succeeded' | 'failed'
  failureCode: string | null
  failureMessage: string | null
  createdAt: Date
  updatedAt: Date
}

const paymentFromRow = (r: Row): PaymentAttempt => ({
  id: r.id as string,
  orderId: r.order_id as string,
  attempt: r.attempt as number,
  idempotencyKey: r.idempotency_key as string,
  paymentMethod: r.payment_method as string,
  amountCents: Number(r.amount_cents),
  stripePaymentIntentId: r.stripe_payment_intent_id as string | null,
  stripeChargeId: r.stripe_charge_id as string | null,
  status: r.status as PaymentAttempt['status'],
  failureCode: r.failure_code as string | null,
  failureMessage: r.failure_message as string | null,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
})

export async function listPayments(db: Queryable, orderId: string) {
  const { rows } = await db.query(`SELECT * FROM order_payments WHERE order_id = $1 ORDER BY attempt`, [orderId])
  return rows.map(paymentFromRow)
}

/** A new attempt with its idempotency key fixed before Stripe is called. */
export async function insertPayment(
  db: Queryable,
  orderId: string,
  attempt: number,
  paymentMethod: string,
  amountCents: number,
) {
  const { rows } = await db.query(
    `INSERT INTO order_payments (order_id, attempt, idempotency_key, payment_method, amount_cents) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [orderId, attempt, `order-${orderId}-fund-${attempt}`, paymentMethod, amountCents],
  )
  return paymentFromRow(rows[0]!)
}

export async function findPaymentByIntent(db: Queryable, intentId: string, attemptId?: string) {
  const { rows } = await db.query(
    `SELECT * FROM order_payments WHERE stripe_payment_intent_id = $1 OR id = $2::uuid ORDER BY (stripe_payment_intent_id = $1) DESC LIMIT 1 FOR UPDATE`,
    [intentId, attemptId ?? null],
  )
  return rows[0] ? paymentFromRow(rows[0]) : null
}

export async function updatePayment(
  db: Queryable,
  id: string,
  fields: {
    status: PaymentAttempt['status']
    intentId?: string | null
    chargeId?: string | null
    failureCode?: string | null
    failureMessage?: string | null
  },
) {
  await db.query(
    `UPDATE order_payments SET status = $2, stripe_payment_intent_id = coalesce($3, stripe_payment_intent_id),
       stripe_charge_id = coalesce($4, stripe_charge_id), failure_code = $5, failure_message = $6, updated_at = now() WHERE id = $1`,
    [
      id,
      fields.status,
      fields.intentId ?? null,
      fields.chargeId ?? null,
      fields.failureCode ?? null,
      fields.failureMessage ?? null,
    ],
  )
}

/** Attempts whose outcome the database does not know yet (a crash, a missed webhook, a pending 3-D Secure). */
export async function listUnsettledPayments(db: Queryable, olderThanSeconds: number, limit = 100) {
  const { rows } = await db.query(
    `SELECT * FROM order_payments WHERE status IN ('creating', 'requires_action') AND updated_at < now() - make_interval(secs => $1)
     ORDER BY updated_at LIMIT $2`,
    [olderThanSeconds, limit],
  )
  return rows.map(paymentFromRow)
}

export interface RefundRequest {
  id: string
  orderId: string
  kind: 'cancel' | 'refund' | 'sla_penalty'
  status: 'pending' | 'succeeded'
  amountCents: number
  penaltyCents: number
  reversedCents: number
  reason: string | null
  stripeRefundId: string | null
  createdAt: Date
}

const refundFromRow = (r: Row): RefundRequest => ({
  id: r.id as string,
  orderId: r.order_id as string,
  kind: r.kind as RefundRequest['kind'],
  status: r.status as RefundRequest['status'],
  amountCents: Number(r.amount_cents),
  penaltyCents: Number(r.penalty_cents),
  reversedCents: Number(r.reversed_cents),
  reason: r.reason as string | null,
  stripeRefundId: r.stripe_refund_id as string | null,
  createdAt: r.created_at as Date,
})

/** The order's unfinished refund request, if a crash or a provider failure left one. */
export async function findPendingRefund(db: Queryable, orderId: string) {
  const { rows } = await db.query(
    `SELECT * FROM order_refunds WHERE order_id = $1 AND status = 'pending' ORDER BY created_at LIMIT 1`,
    [orderId],
  )
  return rows[0] ? refundFromRow(rows[0]) : null
}

/** Refund requests a crash or an outage left unfinished, oldest first. */
export async function listPendingRefunds(db: Queryable, olderThanSeconds: number, limit = 100) {
  const { rows } = await db.query(
    `SELECT * FROM order_refunds WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
    [olderThanSeconds, limit],
  )
  return rows.map(refundFromRow)
}

export async function insertRefundRequest(
  db: Queryable,
  r: { orderId: string; kind: RefundRequest['kind']; amountCents: number; penaltyCents: number; reason: string | null },
) {
  const { rows } = await db.query(
    `INSERT INTO order_refunds (order_id, kind, amount_cents, penalty_cents, reason) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [r.orderId, r.kind, r.amountCents, r.penaltyCents, r.reason],
  )
  return refundFromRow(rows[0]!)
}

export async function completeRefund(db: Queryable, id: string, stripeRefundId: string | null, reversedCents: number) {
  await db.query(
    `UPDATE order_refunds SET status = 'succeeded', stripe_refund_id = $2, reversed_cents = $3, updated_at = now() WHERE id = $1`,
    [id, stripeRefundId, reversedCents],
  )
}

export async function listRefunds(db: Queryable, orderId: string) {
  const { rows } = await db.query(
    `SELECT * FROM order_refunds WHERE order_id = $1 AND status = 'succeeded' ORDER BY created_at`,
    [orderId],
  )
  return rows.map(refundFromRow)
}

/** Funded orders whose event has started: their escrow locks (seed 001 §10 step 2). */
export async function listOrdersToLock(db: Queryable, limit = 500) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT o.id FROM sponsorship_orders o JOIN events e ON e.id = o.event_id
     WHERE o.escrow_state = 'funded' AND e.start_at <= now() ORDER BY o.funded_at LIMIT $1`,
    [limit],
  )
  return rows.map((r) => r.id)
}

/** Unfunded orders (or ones waiting for 3-D Secure) whose hold has run out and whose payment is not being created. */
export async function listExpiredHolds(db: Queryable, limit = 500) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT o.id FROM sponsorship_orders o
     WHERE o.escrow_state IN ('pending', 'requires_action') AND o.hold_expires_at <= now()
       AND NOT EXISTS (SELECT 1 FROM order_payments p WHERE p.order_id = o.id AND p.status = 'creating')
     ORDER BY o.hold_expires_at LIMIT $1`,
    [limit],
  )
  return rows.map((r) => r.id)
}

export interface HeldPackage {
  packageId: string
  title: string
  eventId: string
  exclusivity: boolean
  categoryAllow: string[]
  sponsorConflicts: string[]
  /** The category the order was judged on. */
  soldToCategory: string | null
}

/** The packages a sponsor holds now (orders neither cancelled nor refunded), with the rules its category met. */
export async function listHeldPackages(db: Queryable, sponsorId: string): Promise<HeldPackage[]> {
  const { rows } = await db.query<{
    id: string
    title: string
    event_id: string
    exclusivity: boolean
    category_allow: string[]
    sponsor_conflicts: string[]
    sponsor_category: string | null
  }>(
    `SELECT DISTINCT p.id, p.title, p.event_id, p.exclusivity, p.category_allow, p.sponsor_conflicts, o.sponsor_category
     FROM sponsorship_orders o JOIN sponsorship_packages p ON p.id = o.package_id
     WHERE o.sponsor_id = $1 AND o.status NOT IN ('cancelled', 'refunded') ORDER BY p.title`,
    [sponsorId],
  )
  return rows.map((r) => ({
    packageId: r.id,
    title: r.title,
    eventId: r.event_id,
    exclusivity: r.exclusivity,
    categoryAllow: r.category_allow,
    sponsorConflicts: r.sponsor_conflicts,
    soldToCategory: r.sponsor_category,
  }))
}

/** An exclusive package another sponsor holds in this category at one of these events, if any. */
export async function findExclusiveRival(
  db: Queryable,
  p: { sponsorId: string; eventIds: string[]; category: string },
) {
  const { rows } = await db.query<{ id: string; title: string }>(
    `SELECT p.id, p.title FROM sponsorship_orders o JOIN sponsorship_packages p ON p.id = o.package_id
     WHERE o.event_id = ANY($2::uuid[]) AND o.sponsor_id <> $1 AND p.exclusivity AND o.status NOT IN ('cancelled', 'refunded')
       AND lower(o.sponsor_category) = lower($3) LIMIT 1`,
    [p.sponsorId, p.eventIds, p.category],
  )
  return rows[0] ? { packageId: rows[0].id, title: rows[0].title } : null
}

/** Funded or locked orders whose escrow waits for a condition (not a person), oldest first: the sweep's candidates. */
export async function listGatedEscrows(db: Queryable, limit = 500) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT o.id FROM sponsorship_orders o WHERE o.escrow_state IN ('funded', 'locked') AND o.release_condition <> 'manual'
     ORDER BY o.funded_at LIMIT $1`,
    [limit],
  )
  return rows.map((r) => r.id)
}

export async function findRefund(db: Queryable, id: string) {
  const { rows } = await db.query(`SELECT * FROM order_refunds WHERE id = $1`, [id])
  return rows[0] ? refundFromRow(rows[0]) : null
}
