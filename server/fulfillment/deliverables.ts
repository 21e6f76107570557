// Deliverables (seed 001 §4.4, §20.2): created by the event's organizer (or by a sale or an SLA remedy), proved
// by the responsible side, reviewed by the other. Every step is one transaction with its outbox event
// (triggers in migration 0021), the sponsorship's activation and, after the last approval, the escrow release.
import type { Database, Queryable } from '../db/database'
import type { Side } from '../../shared/commerce/commerce-records'
import {
  actorOf,
  allowedDeliverableActions,
  nextDeliverableStatus,
  reviewerOf,
  type DeliverableAction,
} from '../../shared/commerce/deliverable-machine'
import { AppError, conflict, notFound } from '../errors'
import {
  findDeliverable,
  insertDeliverable,
  insertProof,
  insertReview,
  listProofs,
  refreshActivation,
  setDeliverableStatus,
  type Deliverable,
} from '../repositories/deliverables-repository'
import { findOrder } from '../repositories/orders-repository'
import { evaluateSlas } from '../repositories/sla-compliance-repository'
import { releaseIfDue } from '../commerce/escrow-steps'
import { defaultResponsibleSide } from './benefit-deliverables'
import { genesisHash, proofHash } from './proof-chain'

export interface Caller {
  orgId: string
  side: Side
  userId: string
}

export interface NewDeliverableInput {
  eventId: string
  sponsorId: string
  orderId?: string | undefined
  packageId?: string | undefined
  type: string
  spec: Record<string, unknown>
  dueAt: Date | null
  evidenceRequired: boolean
  responsibleSide?: Side | undefined
}

/** The organizer adds a deliverable to a sponsor of its event (and, if named, to one of their orders there). */
export async function createDeliverable(tx: Queryable, caller: Caller, input: NewDeliverableInput): Promise<string> {
  const { rows } = await tx.query<{ sponsor_org_id: string }>(
    `SELECT s.org_id AS sponsor_org_id FROM events e JOIN sponsors s ON s.id = $3
     WHERE e.id = $1 AND e.org_id = $2 AND (
       EXISTS (SELECT 1 FROM event_sponsorships es WHERE es.event_id = e.id AND es.sponsor_id = s.id)
       OR EXISTS (SELECT 1 FROM sponsorship_orders o WHERE o.event_id = e.id AND o.sponsor_id = s.id))`,
    [input.eventId, caller.orgId, input.sponsorId],
  )
  if (!rows[0]) throw notFound('A sponsor of that event of yours')
  let packageId = input.packageId ?? null
  if (input.orderId) {
    const order = await findOrder(tx, input.orderId, { partyOrgId: caller.orgId })
    if (!order || order.eventId !== input.eventId || order.sponsorId !== input.sponsorId)
      throw notFound("That sponsor's order at that event")
    if (packageId && packageId !== order.packageId)
      throw new AppError(
        422,
        'package-mismatch',
        `Order ${order.id} is for package ${order.packageId}; leave package_id out or send that one.`,
      )
    packageId = order.packageId
  } else if (packageId) {
    const { rows: pkg } = await tx.query(
      `SELECT 1 FROM sponsorship_packages WHERE id = $1 AND org_id = $2 AND event_id = $3`,
      [packageId, caller.orgId, input.eventId],
    )
    if (!pkg[0]) throw notFound('Package of that event')
  }
  const id = await insertDeliverable(tx, {
    orgId: caller.orgId,
    sponsorOrgId: rows[0].sponsor_org_id,
    eventId: input.eventId,
    sponsorId: input.sponsorId,
    orderId: input.orderId ?? null,
    packageId,
    type: input.type,
    spec: input.spec,
    dueAt: input.dueAt,
    evidenceRequired: input.evidenceRequired,
    responsibleSide: input.responsibleSide ?? defaultResponsibleSide(input.type),
    source: 'manual',
    createdBy: caller.userId,
  })
  await refreshActivation(tx, [{ eventId: input.eventId, sponsorId: input.sponsorId }])
  return id!
}

/** The deliverable locked for this step, if the caller's side may take the action now (409 naming what is allowed). */
async function deliverableFor(
  tx: Queryable,
  id: string,
  caller: Caller,
  action: DeliverableAction,
): Promise<Deliverable> {
  const deliverable = await findDeliverable(tx, id, caller.orgId, { forUpdate: true })
  if (!deliverable) throw notFound('Deliverable')
  const next = nextDeliverableStatus(deliverable.status, action)
  const allowed = allowedDeliverableActions(deliverable.status, deliverable.responsibleSide, caller.side)
  if (!next) {
    const verb =
      action === 'submit'
        ? 'get a proof'
        : action === 'needs_changes'
          ? 'be sent back for changes'
          : `be ${action === 'approve' ? 'approved' : 'waived'}`
    throw conflict(
      'invalid-transition',
      `A deliverable that is ${deliverable.status.replace('_', ' ')} cannot ${verb}; allowed for you now: ${allowed.join(', ') || 'nothing'}.`,
      {
        status: deliverable.status,
        action,
        allowed,
      },
    )
  }
  const actor = actorOf(action, deliverable.responsibleSide)
  if (actor !== caller.side) {
    const role = action === 'submit' ? 'the responsible party, who proves it' : 'the reviewing party'
    throw new AppError(
      403,
      'not-your-part',
      `Only the ${actor} (${role}) may ${action.replace('_', ' ')} this deliverable; allowed for you now: ${allowed.join(', ') || 'nothing'}.`,
      {
        status: deliverable.status,
        action,
        allowed,
        responsible_side: deliverable.responsibleSide,
        reviewing_side: reviewerOf(deliverable.responsibleSide),
      },
    )
  }
  return deliverable
}

/** Refuses (404, 403 or 409) a caller who may not take the action now, without changing anything. */
export async function assertMayAct(db: Database, caller: Caller, id: string, action: DeliverableAction) {
  await db.transaction((tx) => deliverableFor(tx, id, caller, action))
}

export interface ProofInput {
  assetUrl: string | null
  file: { sha256: string; size: number; type: string; name: string | null } | null
  metrics: Record<string, number>
  note: string | null
}

/** Adds a proof at the end of the deliverable's hash chain; the deliverable is submitted and its order's SLAs re-checked. */
export async function submitProof(db: Database, caller: Caller, id: string, input: ProofInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const deliverable = await deliverableFor(tx, id, caller, 'submit')
    const last = (await listProofs(tx, id)).at(-1)
    const fields = {
      deliverableId: id,
      seq: (last?.seq ?? 0) + 1,
      prevHash: last?.hash ?? genesisHash,
      assetUrl: input.assetUrl,
      fileSha256: input.file?.sha256 ?? null,
      fileSize: input.file?.size ?? null,
      fileType: input.file?.type ?? null,
      fileName: input.file?.name ?? null,
      metrics: input.metrics,
      note: input.note,
      submittedBy: caller.userId,
      submittedSide: caller.side,
      // Milliseconds: what the database gives back, so the hash recomputes from the stored row.
      submittedAt: new Date(Math.floor(now.getTime())),
    }
    const proof = await insertProof(tx, {
      ...fields,
      hash: proofHash(fields),
      orgId: deliverable.orgId,
      sponsorOrgId: deliverable.sponsorOrgId,
    })
    await setDeliverableStatus(tx, id, { status: 'submitted', proof: { hash: proof.hash }, stamp: 'submitted_at' })
    if (deliverable.orderId) await evaluateSlas(tx, now, [deliverable.orderId])
    await refreshActivation(tx, [{ eventId: deliverable.eventId, sponsorId: deliverable.sponsorId }])
    return { proof, deliverableId: id }
  })
}

export type ReviewAction = Exclude<DeliverableAction, 'submit'>

/** The reviewing party approves, sends back (with a reason) or waives. True in `released` when the escrow was released. */
export async function reviewDeliverable(
  db: Database,
  caller: Caller,
  id: string,
  action: ReviewAction,
  reason: string | null,
) {
  return db.transaction(async (tx) => {
    const deliverable = await deliverableFor(tx, id, caller, action)
    const last = (await listProofs(tx, id)).at(-1)
    const status = nextDeliverableStatus(deliverable.status, action)!
    await insertReview(tx, {
      deliverableId: id,
      orgId: deliverable.orgId,
      sponsorOrgId: deliverable.sponsorOrgId,
      action,
      reason,
      proofId: last?.id ?? null,
      reviewedBy: caller.userId,
      reviewedSide: caller.side,
    })
    await setDeliverableStatus(tx, id, {
      status,
      reason: action === 'needs_changes' ? reason : null,
      stamp: 'reviewed_at',
    })
    await refreshActivation(tx, [{ eventId: deliverable.eventId, sponsorId: deliverable.sponsorId }])
    // The last approval opens a deliverables_approved escrow: it is released in this same transaction.
    const released =
      deliverable.orderId && status !== 'needs_changes' ? await releaseIfDue(tx, deliverable.orderId) : false
    return { released, orderId: deliverable.orderId }
  })
}
