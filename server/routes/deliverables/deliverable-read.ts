// Who calls (their organization and side) and a deliverable as that party reads it.
import type { FastifyRequest } from 'fastify'
import type { Queryable } from '../../db/database'
import { tenantOf } from '../../plugins/access'
import { sideOf } from '../../commerce/party'
import { notFound } from '../../errors'
import type { Caller } from '../../fulfillment/deliverables'
import { findDeliverable, listProofs, listReviews } from '../../repositories/deliverables-repository'
import { listSlas } from '../../repositories/slas-repository'
import { deliverableDetail } from './deliverable-wire'

export const callerOf = (request: FastifyRequest): Caller => {
  const tenant = tenantOf(request)
  return { orgId: tenant.orgId, side: sideOf(tenant), userId: tenant.userId }
}

/** The deliverable as its party sees it, with proofs, reviews and its order's SLAs; 404 for anyone else. */
export async function readDeliverable(tx: Queryable, id: string, caller: Caller) {
  const deliverable = await findDeliverable(tx, id, caller.orgId)
  if (!deliverable) throw notFound('Deliverable')
  const [proofs, reviews, slas] = [
    await listProofs(tx, id),
    await listReviews(tx, id),
    deliverable.orderId ? await listSlas(tx, { orderId: deliverable.orderId }) : [],
  ]
  return deliverableDetail(deliverable, caller.side, proofs, reviews, slas)
}
