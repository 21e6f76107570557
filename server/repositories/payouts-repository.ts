// The payout queue (seed 002) and payout records: one payout per order, claimed by one worker at a time.
import type { Queryable } from '../db/database'

export interface QueuedPayout {
  id: string
  orderId: string
  status: 'pending' | 'processing' | 'completed' | 'failed' | 'dead'
  amountCents: number | null
  feeCents: number | null
  attempts: number
  lastError: string | null
}

type Row = {
  id: string
  order_id: string
  status: QueuedPayout['status']
  amount_cents: string | null
  fee_cents: string | null
  attempts: number
  last_error: string | null
}
const fromRow = (r: Row): QueuedPayout => ({
  id: r.id,
  orderId: r.order_id,
  status: r.status,
  amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
  feeCents: r.fee_cents === null ? null : Number(r.fee_cents),
  attempts: r.attempts,
  lastError: r.last_error,
})

export async function queuePayout(db: Queryable, orderId: string) {
  await db.query(`INSERT INTO payout_queue (order_id) VALUES ($1) ON CONFLICT (order_id) DO NOTHING`, [orderId])
}

/**
 * Claims the order's payout for this worker: a pending or failed one that is due, or one whose
 * worker died mid-way (its lease ran out). Null when another worker has it or nothing is due.
 */
export async function claimPayout(db: Queryable, orderId: string, leaseSeconds: number): Promise<QueuedPayout | null> {
  const { rows } = await db.query<Row>(
    `UPDATE payout_queue SET status = 'processing', attempts = attempts + 1, locked_until = now() + make_interval(secs => $2), updated_at = now()
     WHERE order_id = $1 AND (
       (status IN ('pending', 'failed') AND next_attempt_at <= now()) OR (status = 'processing' AND locked_until < now()))
     RETURNING id, order_id, status, amount_cents, fee_cents, attempts, last_error`,
    [orderId, leaseSeconds],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

export async function fixPayoutAmounts(db: Queryable, id: string, amountCents: number, feeCents: number) {
  const { rows } = await db.query<{ amount_cents: string; fee_cents: string }>(
    `UPDATE payout_queue SET amount_cents = coalesce(amount_cents, $2), fee_cents = coalesce(fee_cents, $3) WHERE id = $1 RETURNING amount_cents, fee_cents`,
    [id, amountCents, feeCents],
  )
  return { amountCents: Number(rows[0]!.amount_cents), feeCents: Number(rows[0]!.fee_cents) }
}

export async function finishPayout(
  db: Queryable,
  id: string,
  status: 'completed' | 'failed' | 'dead',
  error: string | null,
  retryInSeconds = 0,
) {
  await db.query(
    `UPDATE payout_queue SET status = $2, last_error = $3, locked_until = NULL, next_attempt_at = now() + make_interval(secs => $4), updated_at = now() WHERE id = $1`,
    [id, status, error, retryInSeconds],
  )
}

export async function findQueuedPayout(db: Queryable, orderId: string) {
  const { rows } = await db.query<Row>(
    `SELECT id, order_id, status, amount_cents, fee_cents, attempts, last_error FROM payout_queue WHERE order_id = $1`,
    [orderId],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

/** Orders whose payout is due now: new, failed and due for retry, or abandoned by a dead worker. */
export async function listDuePayouts(db: Queryable, limit = 100) {
  const { rows } = await db.query<{ order_id: string }>(
    `SELECT order_id FROM payout_queue WHERE (status IN ('pending', 'failed') AND next_attempt_at <= now())
       OR (status = 'processing' AND locked_until < now()) ORDER BY next_attempt_at LIMIT $1`,
    [limit],
  )
  return rows.map((r) => r.order_id)
}

export async function insertPayoutRecord(
  db: Queryable,
  p: {
    orderId: string
    orgId: string
    amountCents: number
    feeCents: number
    currency: string
    destination: string
    transferId: string
  },
) {
  const { rowCount } = await db.query(
    `INSERT INTO sponsorship_payouts (order_id, org_id, amount_cents, fee_cents, currency, destination_account, stripe_transfer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [p.orderId, p.orgId, p.amountCents, p.feeCents, p.currency, p.destination, p.transferId],
  )
  return rowCount === 1
}

export async function findPayoutRecord(db: Queryable, orderId: string) {
  const { rows } = await db.query<{
    amount_cents: string
    fee_cents: string
    stripe_transfer_id: string
    destination_account: string
    reversed_cents: string
    created_at: Date
  }>(
    `SELECT amount_cents, fee_cents, stripe_transfer_id, destination_account, reversed_cents, created_at FROM sponsorship_payouts WHERE order_id = $1`,
    [orderId],
  )
  const r = rows[0]
  return r
    ? {
        amountCents: Number(r.amount_cents),
        feeCents: Number(r.fee_cents),
        transferId: r.stripe_transfer_id,
        destination: r.destination_account,
        reversedCents: Number(r.reversed_cents),
        createdAt: r.created_at,
      }
    : null
}

export async function addReversed(db: Queryable, orderId: string, cents: number) {
  await db.query(`UPDATE sponsorship_payouts SET reversed_cents = reversed_cents + $2 WHERE order_id = $1`, [
    orderId,
    cents,
  ])
}

export async function raiseAdminAlert(
  db: Queryable,
  alert: { kind: string; subjectId: string; message: string; details?: unknown },
) {
  await db.query(
    `INSERT INTO admin_alerts (kind, subject_id, message, details) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, subject_id) DO NOTHING`,
    [alert.kind, alert.subjectId, alert.message, JSON.stringify(alert.details ?? {})],
  )
}

/** The organizer's payout destination: its Stripe Connect account. */
export async function findPayoutConfiguration(db: Queryable, orgId: string) {
  const { rows } = await db.query<{ stripe_connect_account_id: string; updated_at: Date }>(
    `SELECT stripe_connect_account_id, updated_at FROM payout_configurations WHERE org_id = $1`,
    [orgId],
  )
  const r = rows[0]
  return r ? { accountId: r.stripe_connect_account_id, updatedAt: r.updated_at } : null
}

export async function savePayoutConfiguration(db: Queryable, orgId: string, accountId: string) {
  await db.query(
    `INSERT INTO payout_configurations (org_id, stripe_connect_account_id) VALUES ($1, $2)
     ON CONFLICT (org_id) DO UPDATE SET stripe_connect_account_id = EXCLUDED.stripe_connect_account_id, updated_at = now()`,
    [orgId, accountId],
  )
}

/** Another organization whose payouts go to this account, if any. */
export async function findOtherAccountHolder(db: Queryable, accountId: string, orgId: string) {
  const { rows } = await db.query<{ org_id: string }>(
    `SELECT org_id FROM payout_configurations WHERE stripe_connect_account_id = $1 AND org_id <> $2 LIMIT 1`,
    [accountId, orgId],
  )
  return rows[0]?.org_id ?? null
}

/** The platform fee a platform administrator set for one organization, if any. */
export async function findFeeOverride(db: Queryable, orgId: string) {
  const { rows } = await db.query<{ platform_fee_percentage: string }>(
    `SELECT platform_fee_percentage FROM platform_fee_overrides WHERE org_id = $1`,
    [orgId],
  )
  return rows[0] ? Number(rows[0].platform_fee_percentage) : null
}

/** Sets an organizer's fee; false when there is no organizer organization with that id. */
export async function saveFeeOverride(db: Queryable, orgId: string, percentage: number, setBy: string) {
  const { rowCount } = await db.query(
    `INSERT INTO platform_fee_overrides (org_id, platform_fee_percentage, set_by)
     SELECT id, $2, $3 FROM organizations WHERE id = $1 AND kind = 'organizer'
     ON CONFLICT (org_id) DO UPDATE SET platform_fee_percentage = EXCLUDED.platform_fee_percentage, set_by = EXCLUDED.set_by, updated_at = now()`,
    [orgId, percentage, setBy],
  )
  return rowCount === 1
}

export async function deleteFeeOverride(db: Queryable, orgId: string) {
  await db.query(`DELETE FROM platform_fee_overrides WHERE org_id = $1`, [orgId])
}

export async function isPlatformAdmin(db: Queryable, userId: string) {
  const { rows } = await db.query<{ is_platform_admin: boolean }>(`SELECT is_platform_admin FROM users WHERE id = $1`, [
    userId,
  ])
  return rows[0]?.is_platform_admin === true
}
