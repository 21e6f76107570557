// Sponsorship SLAs (seed 001 §11): a package's (made at publish) and each order's copy of them, with the
// actual, the decision and the remedy applied.
import type { Queryable } from '../db/database'

export type SlaMetric = 'impressions_total' | 'booth_hours'
export interface BreachPolicy {
  penalty_pct?: number
  penalty_cents?: number
  remedy: 'makegood' | 'partial_refund'
  grace_days?: number
}

export interface Sla {
  id: string
  orgId: string
  sponsorOrgId: string | null
  packageId: string
  eventId: string
  orderId: string | null
  sponsorId: string | null
  metric: SlaMetric
  target: number
  breachPolicy: BreachPolicy
  status: 'pending' | 'met' | 'breached'
  actual: number
  evidence: Record<string, unknown>
  checkedAt: Date | null
  decidedAt: Date | null
  remedyStatus: 'pending' | 'applied' | 'not_applicable' | null
  remedyCents: number | null
  refundId: string | null
  makegoodDeliverableId: string | null
}

type Row = Record<string, unknown>
const fromRow = (r: Row): Sla => ({
  id: r.id as string,
  orgId: r.org_id as string,
  sponsorOrgId: r.sponsor_org_id as string | null,
  packageId: r.package_id as string,
  eventId: r.event_id as string,
  orderId: r.order_id as string | null,
  sponsorId: r.sponsor_id as string | null,
  metric: r.metric as SlaMetric,
  target: Number(r.target),
  breachPolicy: r.breach_policy as BreachPolicy,
  status: r.status as Sla['status'],
  actual: Number(r.actual),
  evidence: r.evidence as Record<string, unknown>,
  checkedAt: r.checked_at as Date | null,
  decidedAt: r.decided_at as Date | null,
  remedyStatus: r.remedy_status as Sla['remedyStatus'],
  remedyCents: r.remedy_cents === null ? null : Number(r.remedy_cents),
  refundId: r.refund_id as string | null,
  makegoodDeliverableId: r.makegood_deliverable_id as string | null,
})

/** A package's SLA for a metric, made or brought up to date at publish. */
export async function upsertPackageSla(
  db: Queryable,
  s: {
    orgId: string
    packageId: string
    eventId: string
    metric: SlaMetric
    target: number
    breachPolicy: BreachPolicy
  },
) {
  await db.query(
    `INSERT INTO sponsorship_slas (org_id, package_id, event_id, metric, target, breach_policy) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (package_id, metric) WHERE order_id IS NULL DO UPDATE SET target = EXCLUDED.target, breach_policy = EXCLUDED.breach_policy, updated_at = now()`,
    [s.orgId, s.packageId, s.eventId, s.metric, s.target, JSON.stringify(s.breachPolicy)],
  )
}

/** Copies the package's SLAs to a new order (booth hours only when the order has a booth). */
export async function copySlasToOrder(
  db: Queryable,
  o: { orderId: string; packageId: string; sponsorId: string; sponsorOrgId: string; hasBooth: boolean },
) {
  await db.query(
    `INSERT INTO sponsorship_slas (org_id, sponsor_org_id, package_id, event_id, order_id, sponsor_id, metric, target, breach_policy)
     SELECT org_id, $3, package_id, event_id, $1, $4, metric, target, breach_policy FROM sponsorship_slas
     WHERE package_id = $2 AND order_id IS NULL AND (metric <> 'booth_hours' OR $5)
     ON CONFLICT (order_id, metric) WHERE order_id IS NOT NULL DO NOTHING`,
    [o.orderId, o.packageId, o.sponsorOrgId, o.sponsorId, o.hasBooth],
  )
}

export async function listSlas(db: Queryable, filter: { orderId?: string; packageId?: string }) {
  const { rows } = filter.orderId
    ? await db.query(`SELECT * FROM sponsorship_slas WHERE order_id = $1 ORDER BY metric`, [filter.orderId])
    : await db.query(`SELECT * FROM sponsorship_slas WHERE package_id = $1 AND order_id IS NULL ORDER BY metric`, [
        filter.packageId,
      ])
  return rows.map(fromRow)
}

export async function findSla(db: Queryable, id: string, options: { forUpdate?: boolean } = {}) {
  const { rows } = await db.query(
    `SELECT * FROM sponsorship_slas WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

/** Breached SLAs whose remedy is a refund still to be made (or finished), after `afterId` in id order. */
export async function listPendingRefundRemedies(db: Queryable, afterId: string | null, limit = 500) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM sponsorship_slas WHERE remedy_status = 'pending' AND breach_policy->>'remedy' = 'partial_refund'
       AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [afterId, limit],
  )
  return rows.map((r) => r.id)
}

/** Refund remedies with nothing to refund (the order was never funded, or is closed or fully refunded), in one statement. */
export async function markUnrefundable(db: Queryable) {
  const { rowCount } = await db.query(
    `UPDATE sponsorship_slas s SET remedy_status = 'not_applicable', remedy_cents = 0, updated_at = now(),
       evidence = s.evidence || jsonb_build_object('remedy_note', 'nothing to refund: the order is ' || o.escrow_state)
     FROM sponsorship_orders o
     WHERE o.id = s.order_id AND s.remedy_status = 'pending' AND s.refund_id IS NULL AND s.breach_policy->>'remedy' = 'partial_refund'
       AND (o.escrow_state NOT IN ('funded', 'locked', 'released') OR o.refunded_cents >= o.amount_cents)`,
  )
  return rowCount ?? 0
}

export async function setRemedy(
  db: Queryable,
  id: string,
  fields: {
    status: 'pending' | 'applied' | 'not_applicable'
    cents?: number | null
    refundId?: string | null
    note?: string
  },
) {
  await db.query(
    `UPDATE sponsorship_slas SET remedy_status = $2, remedy_cents = coalesce($3, remedy_cents), refund_id = coalesce($4, refund_id),
       evidence = CASE WHEN $5::text IS NULL THEN evidence ELSE evidence || jsonb_build_object('remedy_note', $5::text) END, updated_at = now()
     WHERE id = $1`,
    [id, fields.status, fields.cents ?? null, fields.refundId ?? null, fields.note ?? null],
  )
}
