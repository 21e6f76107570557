// Deliverables (seed 001 §4.4, §8, §20.2): the organizer creates them (an order's benefits also do); the fulfillment
// queue (an organizer's pending and needs-changes items by due date) and a sponsor's view; a deliverable with its
// proof history, reviews and its order's SLAs. Proofs and reviews are in proofs.ts and reviews.ts beside this.
// Reads run as the server with an explicit party filter: a deliverable joins both parties' rows.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DeliverableDetail } from '../../../shared/commerce/fulfillment-records'
import type { DeliverableStatus } from '../../../shared/commerce/deliverable-machine'
import { organizerWriters } from '../../plugins/access'
import { createDeliverable } from '../../fulfillment/deliverables'
import { listDeliverables } from '../../repositories/deliverables-repository'
import { errorResponses, IdParams, orgHeader } from '../schemas'
import { deliverableWire } from './deliverable-wire'
import { callerOf, readDeliverable } from './deliverable-read'
import { CreateDeliverableBody, DeliverableList, DeliverableListQuery } from './schemas'
import proofRoutes from './proofs'
import reviewRoutes from './reviews'

const queueStatuses: DeliverableStatus[] = ['pending', 'needs_changes']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/deliverables',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['fulfillment'],
        summary:
          'Add a deliverable for a sponsor of your event (seed 001 §4.4), optionally tied to one of their orders',
        description:
          'responsible_party proves it and the other side reviews. A deliverable tied to an order whose escrow is released once every deliverable is approved holds that escrow until it is approved or waived.',
        headers: orgHeader,
        body: CreateDeliverableBody,
        response: { 201: DeliverableDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const body = request.body
      const detail = await app.db.transaction(async (tx) => {
        const id = await createDeliverable(tx, caller, {
          eventId: body.event_id,
          sponsorId: body.sponsor_id,
          orderId: body.order_id,
          packageId: body.package_id,
          type: body.type,
          spec: body.spec ?? {},
          dueAt: body.due_at ? new Date(body.due_at) : null,
          evidenceRequired: body.evidence_required ?? true,
          responsibleSide: body.responsible_party,
        })
        return readDeliverable(tx, id, caller)
      })
      return reply.status(201).send(detail)
    },
  )

  app.get(
    '/v1/deliverables',
    {
      config: { access: {} },
      schema: {
        tags: ['fulfillment'],
        summary:
          "The fulfillment queue (an organizer's pending and needs-changes deliverables by due date) or a sponsor's deliverables",
        headers: orgHeader,
        querystring: DeliverableListQuery,
        response: { 200: DeliverableList, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const q = request.query
      const statuses = q.status
        ? (q.status.split(',') as DeliverableStatus[])
        : caller.side === 'organizer'
          ? queueStatuses
          : undefined
      const rows = await app.db.transaction((tx) =>
        listDeliverables(tx, caller.orgId, caller.side, {
          ...(q.event_id ? { eventId: q.event_id } : {}),
          ...(q.sponsor_id ? { sponsorId: q.sponsor_id } : {}),
          ...(q.order_id ? { orderId: q.order_id } : {}),
          ...(statuses ? { statuses } : {}),
          ...(q.due_from ? { dueFrom: new Date(q.due_from) } : {}),
          ...(q.due_to ? { dueTo: new Date(q.due_to) } : {}),
          limit: q.limit ?? 100,
        }),
      )
      const now = new Date()
      return { data: rows.map((d) => deliverableWire(d, caller.side, now)) }
    },
  )

  app.get(
    '/v1/deliverables/:id',
    {
      config: { access: {} },
      schema: {
        tags: ['fulfillment'],
        summary:
          "A deliverable with its proof history (each proof's hash chained to the previous), reviews and its order's SLAs",
        headers: orgHeader,
        params: IdParams,
        response: { 200: DeliverableDetail, ...errorResponses },
      },
    },
    async (request) => app.db.transaction((tx) => readDeliverable(tx, request.params.id, callerOf(request))),
  )

  await app.register(proofRoutes)
  await app.register(reviewRoutes)
}

export default routes
