// Seed 001 §11's check_sla_compliance, set-based: one statement computes every open SLA's actual and decides it
// (met once the actual reaches the target; breached once the event's end plus the grace period has passed), one
// more creates the make-good deliverables of breaches whose remedy is a make-good. Actuals:
//   impressions_total — the larger of the stats pipeline's latest impressions_total snapshot for the event and the
//     impressions in the latest proof of each of the order's submitted or approved deliverables;
//   booth_hours — the sponsor's own booth activity: per day, the span between its first and last lead capture at
//     the event, summed over days (hours staffed).
// The inputs (snapshot id, proof ids, days) are kept in the SLA's evidence for disputes (seed 001 §17).
import type { Queryable } from '../db/database'

const evaluateSql = `
WITH open AS (
  SELECT s.id, s.order_id, s.event_id, s.sponsor_id, s.metric, s.target,
    e.end_at + make_interval(days => coalesce((s.breach_policy->>'grace_days')::int, 0)) AS decide_at
  FROM sponsorship_slas s
  JOIN events e ON e.id = s.event_id
  JOIN sponsorship_orders o ON o.id = s.order_id
  WHERE s.order_id IS NOT NULL AND s.status = 'pending' AND o.status NOT IN ('cancelled', 'refunded')
    AND ($2::uuid[] IS NULL OR s.order_id = ANY($2::uuid[]))
), snap AS (
  SELECT DISTINCT ON (x.event_id) x.event_id, x.id AS snapshot_id, x.metric_value
  FROM event_stat_snapshots x
  WHERE x.metric_key = 'impressions_total' AND x.event_id IN (SELECT event_id FROM open WHERE metric = 'impressions_total')
  ORDER BY x.event_id, x.captured_at DESC
), proof AS (
  SELECT d.order_id, sum(lp.impressions) AS impressions, jsonb_agg(lp.id ORDER BY lp.id) AS proof_ids
  FROM deliverables d
  CROSS JOIN LATERAL (
    SELECT p.id, (p.metrics->>'impressions')::numeric AS impressions FROM deliverable_proofs p
    WHERE p.deliverable_id = d.id AND jsonb_typeof(p.metrics->'impressions') = 'number' ORDER BY p.seq DESC LIMIT 1) lp
  WHERE d.order_id IN (SELECT order_id FROM open WHERE metric = 'impressions_total') AND d.status IN ('submitted', 'approved')
  GROUP BY d.order_id
), booth_days AS (
  SELECT l.sponsor_id, l.event_id, extract(epoch FROM max(c.captured_at) - min(c.captured_at)) / 3600 AS hours
  FROM lead_captures c JOIN leads l ON l.id = c.lead_id
  WHERE (l.sponsor_id, l.event_id) IN (SELECT sponsor_id, event_id FROM open WHERE metric = 'booth_hours')
  GROUP BY l.sponsor_id, l.event_id, date_trunc('day', c.captured_at)
), booth AS (
  SELECT sponsor_id, event_id, sum(hours) AS hours, count(*) AS days FROM booth_days GROUP BY sponsor_id, event_id
), computed AS (
  SELECT o.id, o.target, o.decide_at,
    CASE o.metric WHEN 'impressions_total' THEN greatest(coalesce(snap.metric_value, 0), coalesce(proof.impressions, 0))
      ELSE round(coalesce(booth.hours, 0)::numeric, 2) END AS actual,
    CASE o.metric WHEN 'impressions_total' THEN jsonb_build_object('snapshot_id', snap.snapshot_id, 'snapshot_impressions', snap.metric_value,
        'proof_impressions', proof.impressions, 'proof_ids', coalesce(proof.proof_ids, '[]'))
      ELSE jsonb_build_object('capture_days', coalesce(booth.days, 0), 'hours_staffed', round(coalesce(booth.hours, 0)::numeric, 2)) END AS evidence
  FROM open o
  LEFT JOIN snap ON snap.event_id = o.event_id AND o.metric = 'impressions_total'
  LEFT JOIN proof ON proof.order_id = o.order_id AND o.metric = 'impressions_total'
  LEFT JOIN booth ON booth.sponsor_id = o.sponsor_id AND booth.event_id = o.event_id AND o.metric = 'booth_hours'
)
UPDATE sponsorship_slas s SET actual = c.actual, evidence = s.evidence || c.evidence, checked_at = $1,
  status = CASE WHEN c.actual >= c.target THEN 'met' WHEN $1 >= c.decide_at THEN 'breached' ELSE 'pending' END,
  decided_at = CASE WHEN c.actual >= c.target OR $1 >= c.decide_at THEN $1::timestamptz END,
  remedy_status = CASE WHEN c.actual < c.target AND $1 >= c.decide_at THEN 'pending' END,
  updated_at = now()
FROM computed c WHERE s.id = c.id
RETURNING s.id, s.status, s.order_id`

export interface EvaluateOutcome {
  checked: number
  met: number
  breached: number
}

/** Computes and decides every open SLA (or those of some orders) as of `now`. */
export async function evaluateSlas(
  db: Queryable,
  now: Date,
  orderIds: string[] | null = null,
): Promise<EvaluateOutcome> {
  const { rows } = await db.query<{ id: string; status: string }>(evaluateSql, [now, orderIds])
  return {
    checked: rows.length,
    met: rows.filter((r) => r.status === 'met').length,
    breached: rows.filter((r) => r.status === 'breached').length,
  }
}

const makegoodSql = `
WITH due AS (
  SELECT s.id, s.org_id, s.sponsor_org_id, s.event_id, s.sponsor_id, s.order_id, s.package_id, s.metric, s.target, s.actual,
    round(o.amount_cents * coalesce((s.breach_policy->>'penalty_pct')::numeric, 0))::bigint AS value_cents
  FROM sponsorship_slas s JOIN sponsorship_orders o ON o.id = s.order_id
  WHERE s.remedy_status = 'pending' AND s.breach_policy->>'remedy' = 'makegood'
), made AS (
  INSERT INTO deliverables (org_id, sponsor_org_id, event_id, sponsor_id, order_id, package_id, type, spec, due_at, evidence_required,
    responsible_side, source, sla_id)
  SELECT org_id, sponsor_org_id, event_id, sponsor_id, order_id, package_id, 'makegood',
    jsonb_build_object('sla_metric', metric, 'target', target, 'actual', actual, 'shortfall', target - actual, 'value_cents', value_cents),
    $1::timestamptz + make_interval(days => $2), true, 'organizer', 'makegood', id
  FROM due
  ON CONFLICT (sla_id) WHERE sla_id IS NOT NULL DO NOTHING
  RETURNING id, sla_id, event_id, sponsor_id, (spec->>'value_cents')::bigint AS value_cents
), applied AS (
  UPDATE sponsorship_slas s SET remedy_status = 'applied', makegood_deliverable_id = m.id, remedy_cents = m.value_cents, updated_at = now()
  FROM made m WHERE s.id = m.sla_id RETURNING m.event_id, m.sponsor_id
)
SELECT event_id, sponsor_id FROM applied`

/** Creates the make-good deliverable of every breach whose remedy is one: how many, and the sponsor-event pairs touched. */
export async function createMakegoods(db: Queryable, now: Date, dueInDays: number) {
  const { rows } = await db.query<{ event_id: string; sponsor_id: string }>(makegoodSql, [now, dueInDays])
  const pairs = new Map(
    rows.map((r) => [`${r.event_id}/${r.sponsor_id}`, { eventId: r.event_id, sponsorId: r.sponsor_id }]),
  )
  return { made: rows.length, pairs: [...pairs.values()] }
}
