// Deliverables, their proofs and reviews (seed 001 §4.4, §8, §20.2). Every read names the party it is for.
import type { Queryable } from '../db/database'
import type { Side } from '../../shared/commerce/commerce-records'
import { settledDeliverableStatuses, type DeliverableStatus } from '../../shared/commerce/deliverable-machine'

export interface Deliverable {
  id: string
  orgId: string
  sponsorOrgId: string
  eventId: string
  eventTitle: string
  sponsorId: string
  sponsorName: string
  orderId: string | null
  packageId: string | null
  type: string
  spec: Record<string, unknown>
  dueAt: Date | null
  evidenceRequired: boolean
  responsibleSide: Side
  status: DeliverableStatus
  source: 'manual' | 'package' | 'makegood'
  benefitKey: string | null
  slaId: string | null
  proofCount: number
  chainHead: string | null
  lastReason: string | null
  submittedAt: Date | null
  reviewedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

type Row = Record<string, unknown>
const select = `SELECT d.*, e.title AS event_title, s.company_name AS sponsor_name
  FROM deliverables d JOIN events e ON e.id = d.event_id JOIN sponsors s ON s.id = d.sponsor_id`

const fromRow = (r: Row): Deliverable => ({
  id: r.id as string,
  orgId: r.org_id as string,
  sponsorOrgId: r.sponsor_org_id as string,
  eventId: r.event_id as string,
  eventTitle: r.event_title as string,
  sponsorId: r.sponsor_id as string,
  sponsorName: r.sponsor_name as string,
  orderId: r.order_id as string | null,
  packageId: r.package_id as string | null,
  type: r.type as string,
  spec: r.spec as Record<string, unknown>,
  dueAt: r.due_at as Date | null,
  evidenceRequired: r.evidence_required as boolean,
  responsibleSide: r.responsible_side as Side,
  status: r.status as DeliverableStatus,
  source: r.source as Deliverable['source'],
  benefitKey: r.benefit_key as string | null,
  slaId: r.sla_id as string | null,
  proofCount: r.proof_count as number,
  chainHead: r.chain_head as string | null,
  lastReason: r.last_reason as string | null,
  submittedAt: r.submitted_at as Date | null,
  reviewedAt: r.reviewed_at as Date | null,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
})

export interface NewDeliverable {
  orgId: string
  sponsorOrgId: string
  eventId: string
  sponsorId: string
  orderId: string | null
  packageId: string | null
  type: string
  spec: Record<string, unknown>
  dueAt: Date | null
  evidenceRequired: boolean
  responsibleSide: Side
  source: Deliverable['source']
  benefitKey?: string | null
  slaId?: string | null
  createdBy: string | null
}

/** Inserts a deliverable; a benefit or SLA that already has its deliverable is left alone (null then). */
export async function insertDeliverable(db: Queryable, d: NewDeliverable): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO deliverables (org_id, sponsor_org_id, event_id, sponsor_id, order_id, package_id, type, spec, due_at, evidence_required,
       responsible_side, source, benefit_key, sla_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING RETURNING id`,
    [
      d.orgId,
      d.sponsorOrgId,
      d.eventId,
      d.sponsorId,
      d.orderId,
      d.packageId,
      d.type,
      JSON.stringify(d.spec),
      d.dueAt,
      d.evidenceRequired,
      d.responsibleSide,
      d.source,
      d.benefitKey ?? null,
      d.slaId ?? null,
      d.createdBy,
    ],
  )
  return rows[0]?.id ?? null
}

/** The deliverable, if the organization is one of its two parties. */
export async function findDeliverable(
  db: Queryable,
  id: string,
  partyOrgId: string,
  options: { forUpdate?: boolean } = {},
) {
  if (options.forUpdate)
    await db.query(`SELECT 1 FROM deliverables WHERE id = $1 AND (org_id = $2 OR sponsor_org_id = $2) FOR UPDATE`, [
      id,
      partyOrgId,
    ])
  const { rows } = await db.query(`${select} WHERE d.id = $1 AND (d.org_id = $2 OR d.sponsor_org_id = $2)`, [
    id,
    partyOrgId,
  ])
  return rows[0] ? fromRow(rows[0]) : null
}

export interface DeliverableFilter {
  eventId?: string
  sponsorId?: string
  orderId?: string
  statuses?: readonly DeliverableStatus[]
  dueFrom?: Date
  dueTo?: Date
  limit: number
}

/** A party's deliverables by due date (undated last): the organizer's fulfillment queue or the sponsor's view. */
export async function listDeliverables(db: Queryable, partyOrgId: string, side: Side, f: DeliverableFilter) {
  const params: unknown[] = [partyOrgId]
  const where = [side === 'organizer' ? 'd.org_id = $1' : 'd.sponsor_org_id = $1']
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replace('?', `$${params.length}`))
  }
  if (f.eventId) add('d.event_id = ?', f.eventId)
  if (f.sponsorId) add('d.sponsor_id = ?', f.sponsorId)
  if (f.orderId) add('d.order_id = ?', f.orderId)
  if (f.statuses?.length) add('d.status = ANY(?::text[])', f.statuses)
  if (f.dueFrom) add('d.due_at >= ?', f.dueFrom)
  if (f.dueTo) add('d.due_at < ?', f.dueTo)
  params.push(f.limit)
  const { rows } = await db.query(
    `${select} WHERE ${where.join(' AND ')} ORDER BY d.due_at NULLS LAST, d.created_at, d.id LIMIT $${params.length}`,
    params,
  )
  return rows.map(fromRow)
}

export async function setDeliverableStatus(
  db: Queryable,
  id: string,
  fields: {
    status: DeliverableStatus
    reason?: string | null
    proof?: { hash: string }
    stamp: 'submitted_at' | 'reviewed_at'
  },
) {
  await db.query(
    `UPDATE deliverables SET status = $2, last_reason = CASE WHEN $3::boolean THEN $4 ELSE last_reason END,
       proof_count = proof_count + $5, chain_head = coalesce($6, chain_head), ${fields.stamp} = now(), updated_at = now() WHERE id = $1`,
    [
      id,
      fields.status,
      fields.reason !== undefined,
      fields.reason ?? null,
      fields.proof ? 1 : 0,
      fields.proof?.hash ?? null,
    ],
  )
}

/** The order's deliverables not yet approved or waived. */
export async function outstandingDeliverables(db: Queryable, orderId: string) {
  const { rows } = await db.query<{
    id: string
    type: string
    status: DeliverableStatus
    due_at: Date | null
    responsible_side: Side
  }>(
    `SELECT id, type, status, due_at, responsible_side FROM deliverables WHERE order_id = $1 AND NOT (status = ANY($2::text[]))
     ORDER BY due_at NULLS LAST, created_at`,
    [orderId, settledDeliverableStatuses],
  )
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    dueAt: r.due_at,
    responsibleSide: r.responsible_side,
  }))
}

export interface Proof {
  id: string
  deliverableId: string
  seq: number
  assetUrl: string | null
  fileSha256: string | null
  fileSize: number | null
  fileType: string | null
  fileName: string | null
  metrics: Record<string, unknown>
  note: string | null
  submittedBy: string | null
  submittedByName: string | null
  submittedSide: Side
  submittedAt: Date
  prevHash: string
  hash: string
}

const proofFromRow = (r: Row): Proof => ({
  id: r.id as string,
  deliverableId: r.deliverable_id as string,
  seq: r.seq as number,
  assetUrl: r.asset_url as string | null,
  fileSha256: r.file_sha256 as string | null,
  fileSize: r.file_size === null ? null : Number(r.file_size),
  fileType: r.file_type as string | null,
  fileName: r.file_name as string | null,
  metrics: r.metrics as Record<string, unknown>,
  note: r.note as string | null,
  submittedBy: r.submitted_by as string | null,
  submittedByName: (r.submitted_by_name as string | null) ?? null,
  submittedSide: r.submitted_side as Side,
  submittedAt: r.submitted_at as Date,
  prevHash: r.prev_hash as string,
  hash: r.hash as string,
})

export async function listProofs(db: Queryable, deliverableId: string) {
  const { rows } = await db.query(
    `SELECT p.*, u.name AS submitted_by_name FROM deliverable_proofs p LEFT JOIN users u ON u.id = p.submitted_by
     WHERE p.deliverable_id = $1 ORDER BY p.seq`,
    [deliverableId],
  )
  return rows.map(proofFromRow)
}

export type NewProof = Omit<Proof, 'id' | 'submittedByName'> & { orgId: string; sponsorOrgId: string }

export async function insertProof(db: Queryable, p: NewProof) {
  const { rows } = await db.query(
    `INSERT INTO deliverable_proofs (deliverable_id, org_id, sponsor_org_id, seq, asset_url, file_sha256, file_size, file_type, file_name,
       metrics, note, submitted_by, submitted_side, submitted_at, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *`,
    [
      p.deliverableId,
      p.orgId,
      p.sponsorOrgId,
      p.seq,
      p.assetUrl,
      p.fileSha256,
      p.fileSize,
      p.fileType,
      p.fileName,
      JSON.stringify(p.metrics),
      p.note,
      p.submittedBy,
      p.submittedSide,
      p.submittedAt,
      p.prevHash,
      p.hash,
    ],
  )
  return proofFromRow(rows[0]!)
}

export interface Review {
  id: string
  action: 'approve' | 'needs_changes' | 'waive'
  reason: string | null
  proofId: string | null
  reviewedBy: string | null
  reviewedByName: string | null
  reviewedSide: Side
  createdAt: Date
}

export async function insertReview(
  db: Queryable,
  r: Omit<Review, 'id' | 'createdAt' | 'reviewedByName'> & {
    deliverableId: string
    orgId: string
    sponsorOrgId: string
  },
) {
  await db.query(
    `INSERT INTO deliverable_reviews (deliverable_id, org_id, sponsor_org_id, action, reason, proof_id, reviewed_by, reviewed_side)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.deliverableId, r.orgId, r.sponsorOrgId, r.action, r.reason, r.proofId, r.reviewedBy, r.reviewedSide],
  )
}

export async function listReviews(db: Queryable, deliverableId: string): Promise<Review[]> {
  const { rows } = await db.query(
    `SELECT r.*, u.name AS reviewed_by_name FROM deliverable_reviews r LEFT JOIN users u ON u.id = r.reviewed_by
     WHERE r.deliverable_id = $1 ORDER BY r.created_at, r.id`,
    [deliverableId],
  )
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    reason: r.reason,
    proofId: r.proof_id,
    reviewedBy: r.reviewed_by,
    reviewedByName: r.reviewed_by_name ?? null,
    reviewedSide: r.reviewed_side,
    createdAt: r.created_at,
  }))
}

/**
 * Seed 001 §20.1: a sponsorship's activation follows its deliverables — complete when every one is approved or
 * waived, in progress once any has moved, draft before. Set-based over sponsor-event pairs; returns rows changed.
 */
export async function refreshActivation(db: Queryable, pairs: { eventId: string; sponsorId: string }[]) {
  if (pairs.length === 0) return 0
  const { rowCount } = await db.query(
    `UPDATE event_sponsorships es SET activation_status = c.status, updated_at = now()
     FROM (SELECT d.event_id, d.sponsor_id,
             CASE WHEN count(*) FILTER (WHERE d.status = ANY($3::text[])) = count(*) THEN 'complete'
                  WHEN count(*) FILTER (WHERE d.status <> 'pending') > 0 THEN 'in_progress' ELSE 'draft' END AS status
           FROM deliverables d JOIN unnest($1::uuid[], $2::uuid[]) AS p(event_id, sponsor_id) ON p.event_id = d.event_id AND p.sponsor_id = d.sponsor_id
           GROUP BY d.event_id, d.sponsor_id) c
     WHERE es.event_id = c.event_id AND es.sponsor_id = c.sponsor_id AND es.activation_status <> c.status`,
    [pairs.map((p) => p.eventId), pairs.map((p) => p.sponsorId), settledDeliverableStatuses],
  )
  return rowCount ?? 0
}
