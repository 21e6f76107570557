// A deliverable on the wire, for the caller's side: who acts next, what the caller may do, its proofs and reviews.
import type { DeliverableDetail, DeliverableRecord, SlaRecord } from '../../../shared/commerce/fulfillment-records'
import type { Side } from '../../../shared/commerce/commerce-records'
import {
  allowedDeliverableActions,
  awaitingSideOf,
  isSettled,
  reviewerOf,
} from '../../../shared/commerce/deliverable-machine'
import type { Deliverable, Proof, Review } from '../../repositories/deliverables-repository'
import type { Sla } from '../../repositories/slas-repository'

const iso = (d: Date | null) => d?.toISOString() ?? null

export const deliverableWire = (d: Deliverable, side: Side, now = new Date()): DeliverableRecord => ({
  id: d.id,
  event_id: d.eventId,
  event_title: d.eventTitle,
  sponsor_id: d.sponsorId,
  sponsor_name: d.sponsorName,
  order_id: d.orderId,
  package_id: d.packageId,
  type: d.type,
  spec: d.spec,
  due_at: iso(d.dueAt),
  is_overdue: Boolean(d.dueAt && d.dueAt < now && !isSettled(d.status)),
  evidence_required: d.evidenceRequired,
  responsible_side: d.responsibleSide,
  reviewing_side: reviewerOf(d.responsibleSide),
  status: d.status,
  source: d.source,
  awaiting: awaitingSideOf(d.status, d.responsibleSide),
  allowed_actions: allowedDeliverableActions(d.status, d.responsibleSide, side),
  proof_count: d.proofCount,
  proof_chain_head: d.chainHead,
  last_reason: d.lastReason,
  submitted_at: iso(d.submittedAt),
  reviewed_at: iso(d.reviewedAt),
  created_at: d.createdAt.toISOString(),
  updated_at: d.updatedAt.toISOString(),
})

export const proofWire = (p: Proof) => ({
  id: p.id,
  seq: p.seq,
  asset_url: p.assetUrl,
  file: p.fileSha256
    ? {
        sha256: p.fileSha256,
        size: p.fileSize ?? 0,
        content_type: p.fileType ?? 'application/octet-stream',
        name: p.fileName,
        url: `/v1/deliverables/${p.deliverableId}/proofs/${p.id}/file`,
      }
    : null,
  metrics: p.metrics as Record<string, number>,
  note: p.note,
  submitted_by: p.submittedBy,
  submitted_by_name: p.submittedByName,
  submitted_side: p.submittedSide,
  submitted_at: p.submittedAt.toISOString(),
  prev_hash: p.prevHash,
  hash: p.hash,
})

export const slaWire = (s: Sla): SlaRecord => ({
  id: s.id,
  metric: s.metric,
  target: s.target,
  actual: s.actual,
  status: s.status,
  breach_policy: { ...s.breachPolicy },
  remedy_status: s.remedyStatus,
  remedy_cents: s.remedyCents,
  makegood_deliverable_id: s.makegoodDeliverableId,
  evidence: s.evidence,
  checked_at: iso(s.checkedAt),
  decided_at: iso(s.decidedAt),
})

export const deliverableDetail = (
  d: Deliverable,
  side: Side,
  proofs: Proof[],
  reviews: Review[],
  slas: Sla[],
): DeliverableDetail => ({
  ...deliverableWire(d, side),
  proofs: proofs.map(proofWire),
  reviews: reviews.map((r) => ({
    action: r.action,
    reason: r.reason,
    proof_id: r.proofId,
    reviewed_by_name: r.reviewedByName,
    reviewed_side: r.reviewedSide,
    created_at: r.createdAt.toISOString(),
  })),
  slas: slas.map(slaWire),
})
