// Proposals (seed 001 §4.2): threads between an organizer and a sponsor with messages carrying offers;
// draft → sent → counter → accepted / rejected / expired, enforced. Accepting creates the order from
// the latest offer and reserves the package's unit in the same transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Side } from '../../../shared/commerce/commerce-records'
import { nextProposalStatus, type ProposalAction } from '../../../shared/commerce/proposal-machine'
import type { Queryable } from '../../db/database'
import { tenantOf, type Tenant } from '../../plugins/access'
import { AppError, badRequest, conflict, notFound } from '../../errors'
import { findPackage } from '../../repositories/packages-repository'
import {
  insertMessage,
  insertThread,
  findThread,
  listMessages,
  listThreads,
  setThreadStatus,
  type ProposalThread,
} from '../../repositories/proposals-repository'
import { findOrder } from '../../repositories/orders-repository'
import { orderFromOffer } from '../../commerce/place-order'
import { commerceWriters, dealPartiesFor, sideOf } from '../../commerce/party'
import { errorResponses, orgHeader } from '../schemas'
import { orderWire } from '../orders/order-wire'
import { effectiveStatus, messageWire, proposalWire } from './proposal-wire'
import {
  AcceptResult,
  CounterBody,
  CreateProposalBody,
  MessageBody,
  ProposalDetail,
  ProposalList,
  ProposalListQuery,
  RejectBody,
} from './schemas'
import { IdParams } from '../schemas'

const writers = commerceWriters
const OFFER_LIFETIME_DAYS = 30

async function threadFor(tx: Queryable, id: string, tenant: Tenant, forUpdate = false): Promise<ProposalThread> {
  const thread = await findThread(tx, id, tenant.orgId, { forUpdate })
  if (!thread) throw notFound('Proposal')
  return thread
}

async function detail(tx: Queryable, thread: ProposalThread, side: Side) {
  return { ...proposalWire(thread, side), messages: (await listMessages(tx, thread.id)).map(messageWire) }
}

/** Checks the transition for the caller's side and whose turn it is; expires a thread past its date. */
async function transition(tx: Queryable, thread: ProposalThread, side: Side, action: ProposalAction) {
  if (effectiveStatus(thread) === 'expired' && thread.status !== 'expired') {
    await setThreadStatus(tx, thread.id, 'expired')
    throw conflict(
      'proposal-expired',
      `This proposal expired on ${thread.expiresAt!.toISOString()}; start a new one.`,
      { status: 'expired', allowed: [] },
    )
  }
  const wire = proposalWire(thread, side)
  const next = nextProposalStatus(thread.status, action)
  if (!next || !wire.allowed_actions.includes(action)) {
    const reason = next
      ? `it is the ${wire.awaiting}'s turn`
      : `a ${thread.status} proposal cannot be ${action === 'send' ? 'sent' : `${action}ed`}`
    throw conflict(
      'invalid-transition',
      `You cannot ${action} this proposal: ${reason}. Allowed for you now: ${wire.allowed_actions.join(', ') || 'nothing'}.`,
      {
        status: thread.status,
        action,
        allowed: wire.allowed_actions,
      },
    )
  }
  return next
}

// Every query is filtered to threads where X-Org-Id is a party: a thread joins rows of both parties
// (the organizer's package, the sponsor's company) that neither tenant alone may see under row-level security.
const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Actions whose body is optional may be posted with none.
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {}
  })

  app.post(
    '/v1/proposals',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary:
          'Start a proposal thread about a package, optionally with a first message and offer (a draft until sent)',
        headers: orgHeader,
        body: CreateProposalBody,
        response: { 201: ProposalDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      const body = request.body
      const created = await app.db.transaction(async (tx) => {
        const { pkg, buyer } = await dealPartiesFor(
          tx,
          { orgId: tenant.orgId, side },
          { packageId: body.package_id, eventId: body.event_id, sponsorId: body.sponsor_id },
        )
        const id = await insertThread(tx, {
          orgId: pkg.orgId,
          sponsorOrgId: buyer.orgId,
          eventId: pkg.eventId,
          sponsorId: buyer.sponsorId,
          packageId: pkg.id,
          createdBySide: side,
          createdBy: tenant.userId,
        })
        const thread = (await findThread(tx, id, tenant.orgId))!
        if (body.initial_message) {
          await insertMessage(tx, thread, {
            senderType: side,
            senderUserId: tenant.userId,
            body: body.initial_message.body,
            offer: body.initial_message.offer ?? null,
            packageVersion: pkg.version,
          })
        }
        return detail(tx, (await findThread(tx, id, tenant.orgId))!, side)
      })
      return reply.status(201).send(created)
    },
  )

  app.get(
    '/v1/proposals',
    {
      config: { access: {} },
      schema: {
        tags: ['commerce'],
        summary: 'The proposal inbox: threads where your organization is a party, latest first',
        headers: orgHeader,
        querystring: ProposalListQuery,
        response: { 200: ProposalList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const threads = await app.db.transaction((tx) =>
        listThreads(tx, tenant.orgId, {
          ...(request.query.event_id ? { eventId: request.query.event_id } : {}),
          ...(request.query.status ? { status: request.query.status } : {}),
        }),
      )
      return { data: threads.map((t) => proposalWire(t, sideOf(tenant))) }
    },
  )

  app.get(
    '/v1/proposals/:id',
    {
      config: { access: {} },
      schema: {
        tags: ['commerce'],
        summary: 'A proposal thread with its messages and offer history',
        headers: orgHeader,
        params: IdParams,
        response: { 200: ProposalDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      return app.db.transaction(async (tx) =>
        detail(tx, await threadFor(tx, request.params.id, tenant), sideOf(tenant)),
      )
    },
  )

  app.post(
    '/v1/proposals/:id/messages',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Add a message; one with an offer counters (it must be your turn)',
        headers: orgHeader,
        params: IdParams,
        body: MessageBody,
        response: { 201: ProposalDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      if (request.body.sender_type && request.body.sender_type !== side) {
        throw badRequest(
          'sender-type-mismatch',
          `You act for the ${side} of this proposal; sender_type must be "${side}" or left out.`,
        )
      }
      const result = await app.db.transaction(async (tx) => {
        const thread = await threadFor(tx, request.params.id, tenant, true)
        const offer = request.body.offer ?? null
        if (offer && thread.status !== 'draft') {
          await setThreadStatus(tx, thread.id, await transition(tx, thread, side, 'counter'))
        } else if (['accepted', 'rejected', 'expired'].includes(effectiveStatus(thread))) {
          throw conflict(
            'proposal-closed',
            `This proposal is ${effectiveStatus(thread)}; no more messages can be added.`,
          )
        } else if (thread.status === 'draft' && side !== thread.createdBySide) {
          throw conflict('proposal-draft', 'This proposal is still a draft of the other side.')
        }
        if (!offer && request.body.body.trim() === '')
          throw badRequest('message-empty', 'Send a body, an offer, or both.')
        const pkg = (await findPackage(tx, thread.packageId))!
        await insertMessage(tx, thread, {
          senderType: side,
          senderUserId: tenant.userId,
          body: request.body.body,
          offer,
          packageVersion: pkg.version,
        })
        return detail(tx, (await findThread(tx, thread.id, tenant.orgId))!, side)
      })
      return reply.status(201).send(result)
    },
  )

  app.post(
    '/v1/proposals/:id(^[0-9a-fA-F-]+)::send',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Send a draft proposal to the other side (it needs an offer)',
        headers: orgHeader,
        params: IdParams,
        response: { 200: ProposalDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      return app.db.transaction(async (tx) => {
        const thread = await threadFor(tx, request.params.id, tenant, true)
        const next = await transition(tx, thread, side, 'send')
        if (!thread.latestOffer)
          throw new AppError(
            422,
            'offer-required',
            'Add a message with an offer (price_cents) before sending the proposal.',
          )
        await setThreadStatus(tx, thread.id, next, {
          expiresAt: new Date(Date.now() + OFFER_LIFETIME_DAYS * 86_400_000),
        })
        return detail(tx, (await findThread(tx, thread.id, tenant.orgId))!, side)
      })
    },
  )

  app.post(
    '/v1/proposals/:id(^[0-9a-fA-F-]+)::counter',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Answer the latest offer with another one',
        headers: orgHeader,
        params: IdParams,
        body: CounterBody,
        response: { 200: ProposalDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      return app.db.transaction(async (tx) => {
        const thread = await threadFor(tx, request.params.id, tenant, true)
        const next = await transition(tx, thread, side, 'counter')
        const pkg = (await findPackage(tx, thread.packageId))!
        await insertMessage(tx, thread, {
          senderType: side,
          senderUserId: tenant.userId,
          body: request.body.body ?? '',
          offer: request.body.offer,
          packageVersion: pkg.version,
        })
        await setThreadStatus(tx, thread.id, next, {
          expiresAt: new Date(Date.now() + OFFER_LIFETIME_DAYS * 86_400_000),
        })
        return detail(tx, (await findThread(tx, thread.id, tenant.orgId))!, side)
      })
    },
  )

  app.post(
    '/v1/proposals/:id(^[0-9a-fA-F-]+)::reject',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Reject (or withdraw) an open proposal',
        headers: orgHeader,
        params: IdParams,
        body: RejectBody,
        response: { 200: ProposalDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      return app.db.transaction(async (tx) => {
        const thread = await threadFor(tx, request.params.id, tenant, true)
        const next = await transition(tx, thread, side, 'reject')
        if (request.body?.reason) {
          const pkg = (await findPackage(tx, thread.packageId))!
          await insertMessage(tx, thread, {
            senderType: side,
            senderUserId: tenant.userId,
            body: request.body.reason,
            offer: null,
            packageVersion: pkg.version,
          })
        }
        await setThreadStatus(tx, thread.id, next)
        return detail(tx, (await findThread(tx, thread.id, tenant.orgId))!, side)
      })
    },
  )

  app.post(
    '/v1/proposals/:id(^[0-9a-fA-F-]+)::accept',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Accept the latest offer: creates the order and reserves a unit of the package, in one transaction',
        description:
          "Only the side that did not make the latest offer may accept it. The order takes the offer's price and benefits and the cancellation policy of the package version the offer was made on; its unit is held for ORDER_HOLD_MINUTES until funded.",
        headers: orgHeader,
        params: IdParams,
        response: { 200: AcceptResult, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      return app.db.transaction(async (tx) => {
        const thread = await threadFor(tx, request.params.id, tenant, true)
        const next = await transition(tx, thread, side, 'accept')
        const orderId = await orderFromOffer(tx, thread, tenant.userId, { holdMinutes: app.config.orderHoldMinutes })
        await setThreadStatus(tx, thread.id, next, { orderId })
        const order = (await findOrder(tx, orderId))!
        return {
          proposal: await detail(tx, (await findThread(tx, thread.id, tenant.orgId))!, side),
          order: orderWire(order, side, 0),
        }
      })
    },
  )
}

export default routes
