// Reviews (seed 001 §4.4): the reviewing party approves, sends back for changes (with a reason) or waives. The last
// approval of an order whose escrow waits for its deliverables releases it, and its payout job is sent after commit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import { DeliverableDetail } from '../../../shared/commerce/fulfillment-records'
import { commerceWriters } from '../../commerce/party'
import { reviewDeliverable, type ReviewAction } from '../../fulfillment/deliverables'
import { queues } from '../../jobs/queues'
import { errorResponses, IdParams, orgHeader } from '../schemas'
import { callerOf, readDeliverable } from './deliverable-read'
import { OptionalReasonBody, ReasonBody } from './schemas'

const actions: { action: ReviewAction; summary: string; body: TSchema }[] = [
  {
    action: 'approve',
    summary:
      'Approve the submitted proof (the reviewing party); the last approval releases an escrow that waits for its deliverables',
    body: OptionalReasonBody,
  },
  {
    action: 'needs_changes',
    summary: 'Send the deliverable back with a reason (the reviewing party); a new proof submits it again',
    body: ReasonBody,
  },
  {
    action: 'waive',
    summary: 'Waive the deliverable: nothing more is owed (the reviewing party)',
    body: OptionalReasonBody,
  },
]

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {}
  })

  for (const { action, summary, body } of actions) {
    app.post(
      `/v1/deliverables/:id(^[0-9a-fA-F-]+)::${action}`,
      {
        config: { access: commerceWriters },
        schema: {
          tags: ['fulfillment'],
          summary,
          description:
            'An impossible move is a 409 invalid-transition naming what is allowed; the responsible party reviewing its own work is a 403 not-your-part.',
          headers: orgHeader,
          params: IdParams,
          body,
          response: { 200: DeliverableDetail, ...errorResponses },
        },
      },
      async (request) => {
        const caller = callerOf(request)
        const reason = (request.body as { reason?: string }).reason ?? null
        const { released, orderId } = await reviewDeliverable(app.db, caller, request.params.id, action, reason)
        if (released && orderId) {
          await app.jobQueue.boss
            ?.send(queues.payoutsProcess, { orderId }, { singletonKey: orderId })
            .catch((error: unknown) => {
              app.log.warn(
                { err: error, orderId },
                'payout job not sent; the reconciliation sweep will pick the payout up',
              )
            })
        }
        return app.db.transaction((tx) => readDeliverable(tx, request.params.id, caller))
      },
    )
  }
}

export default routes
