// Orders and escrow (seed 001 §4.3, §10): a sponsor's direct purchase at list price, read (escrow state,
// payments, payout, Stripe ids), fund with a payment method within the hold, lock, release (queues the
// payout), cancel and refund. Any other deal (another price, or one the organizer starts) is a proposal:
// its order exists once the other party accepts (POST /v1/proposals/{id}:accept).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  FundResult,
  OrderDetail,
  type OrderDetail as OrderDetailRecord,
} from '../../../shared/commerce/commerce-records'
import { tenantOf, type Tenant } from '../../plugins/access'
import { AppError, forbidden, notFound } from '../../errors'
import { findOrder, listOrders } from '../../repositories/orders-repository'
import { buyAtListPrice } from '../../commerce/place-order'
import { fundOrder } from '../../commerce/fund-order'
import { cancelOrder, lockOrder, refundOrder, releaseOrder } from '../../commerce/escrow-steps'
import { commerceWriters, dealPartiesFor, sideOf, type Party } from '../../commerce/party'
import { queues } from '../../jobs/queues'
import { errorResponses, IdParams, orgHeader } from '../schemas'
import { orderDetail, orderWire } from './order-wire'
import { CreateOrderBody, FundBody, OrderList, OrderListQuery, ReasonBody, RefundBody, ReleaseResult } from './schemas'
import { escrowBalances } from '../../repositories/ledger-repository'

const writers = commerceWriters
const partyOf = (request: FastifyRequest): Party => {
  const tenant = tenantOf(request)
  return { orgId: tenant.orgId, side: sideOf(tenant) }
}

// Reads run as the server with an explicit party filter on every query: an order joins rows of both
// parties (the organizer's event and package, the sponsor's company) that neither tenant alone may see.
const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Actions whose body is optional may be posted with none.
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {}
  })

  async function readDetail(orderId: string, tenant: Tenant & { userId: string }): Promise<OrderDetailRecord> {
    return app.db.transaction(async (tx) => {
      const order = await findOrder(tx, orderId, { partyOrgId: tenant.orgId })
      if (!order) throw notFound('Order')
      return orderDetail(tx, order, sideOf(tenant))
    })
  }

  /** Hands a queued payout to a worker now; if that fails the 5-minute sweep still finds it in the queue table. */
  async function sendPayoutJob(orderId: string) {
    try {
      await app.jobQueue.boss?.send(queues.payoutsProcess, { orderId }, { singletonKey: orderId })
    } catch (error) {
      app.log.warn({ err: error, orderId }, 'payout job not sent; the reconciliation sweep will pick the payout up')
    }
  }

  app.post(
    '/v1/sponsorship-orders',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'A sponsor buys a published public package at its list price',
        description:
          "The order takes the package's current version terms (price, currency, benefits, cancellation policy); amount_cents and currency only confirm the price the sponsor saw (422 price-mismatch if the package was repriced). The unit is held for ORDER_HOLD_MINUTES (see hold_expires_at): fund before then. Organizers do not create orders: they offer a package through a proposal (POST /v1/proposals), and the order exists once the sponsor accepts — so no order appears as a sponsor's without its acceptance (403 offer-through-proposal).",
        headers: orgHeader,
        body: CreateOrderBody,
        response: { 201: OrderDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      const side = sideOf(tenant)
      if (side !== 'sponsor') {
        throw new AppError(
          403,
          'offer-through-proposal',
          'An organizer offers a package through a proposal (POST /v1/proposals, then :send); the order is created when the sponsor accepts it.',
        )
      }
      const body = request.body
      const orderId = await app.db.transaction(async (tx) => {
        const { pkg, buyer } = await dealPartiesFor(
          tx,
          { orgId: tenant.orgId, side },
          { packageId: body.package_id, eventId: body.event_id, sponsorId: body.sponsor_id },
        )
        return buyAtListPrice(
          tx,
          { packageId: pkg.id, buyer, amountCents: body.amount_cents, currency: body.currency, userId: tenant.userId },
          { holdMinutes: app.config.orderHoldMinutes },
        )
      })
      return reply.status(201).send(await readDetail(orderId, tenant))
    },
  )

  app.get(
    '/v1/sponsorship-orders',
    {
      config: { access: {} },
      schema: {
        tags: ['commerce'],
        summary: 'Orders where your organization is a party, newest first',
        headers: orgHeader,
        querystring: OrderListQuery,
        response: { 200: OrderList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      return app.db.transaction(async (tx) => {
        const orders = await listOrders(
          tx,
          tenant.orgId,
          request.query.event_id ? { eventId: request.query.event_id } : {},
        )
        const held = await escrowBalances(
          tx,
          orders.map((order) => order.id),
        )
        return { data: orders.map((order) => orderWire(order, sideOf(tenant), held.get(order.id) ?? 0)) }
      })
    },
  )

  app.get(
    '/v1/sponsorship-orders/:id',
    {
      config: { access: {} },
      schema: {
        tags: ['commerce'],
        summary: 'An order: escrow state, payments, refunds, payout, ledger and Stripe ids',
        headers: orgHeader,
        params: IdParams,
        response: { 200: OrderDetail, ...errorResponses },
      },
    },
    async (request) => readDetail(request.params.id, tenantOf(request)),
  )

  app.post(
    '/v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::fund',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: "Fund: a PaymentIntent confirmed with the sponsor's payment method; 3-D Secure hands back next_action",
        description:
          "Refused with 409 hold-expired once the order's hold_expires_at has passed unfunded: its unit went back on sale; buy again or ask for a new offer.",
        headers: orgHeader,
        params: IdParams,
        body: FundBody,
        response: { 200: FundResult, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      if (sideOf(tenant) !== 'sponsor') throw forbidden('Only the sponsor of an order funds it.')
      const { intent } = await fundOrder(app.db, app.stripe.client, {
        orderId: request.params.id,
        sponsorOrgId: tenant.orgId,
        paymentMethodId: request.body.payment_method_id,
        defaultFeePercentage: app.config.platformFeePercentage,
      })
      const redirect = intent.next_action?.redirect_to_url?.url ?? null
      return {
        order: await readDetail(request.params.id, tenant),
        payment_intent_id: intent.id,
        status: intent.status,
        client_secret: intent.status === 'requires_action' ? intent.client_secret : null,
        next_action: intent.next_action ? { type: intent.next_action.type, redirect_url: redirect } : null,
      }
    },
  )

  app.post(
    '/v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::lock',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Lock a funded escrow (also automatic at event start)',
        headers: orgHeader,
        params: IdParams,
        response: { 200: OrderDetail, ...errorResponses },
      },
    },
    async (request) => {
      await app.db.transaction((tx) => lockOrder(tx, request.params.id, partyOf(request)))
      return readDetail(request.params.id, tenantOf(request))
    },
  )

  app.post(
    '/v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::release',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Release a locked escrow: queues the payout, which a worker makes within seconds',
        headers: orgHeader,
        params: IdParams,
        response: { 200: ReleaseResult, ...errorResponses },
      },
    },
    async (request) => {
      await app.db.transaction((tx) => releaseOrder(tx, request.params.id, partyOf(request)))
      await sendPayoutJob(request.params.id)
      return { success: true, payout_queued: true }
    },
  )

  app.post(
    '/v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::cancel',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary:
          "Cancel: an unfunded order closes; a funded one is refunded less the policy's penalty for a sponsor's late cancellation",
        headers: orgHeader,
        params: IdParams,
        body: ReasonBody,
        response: { 200: OrderDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { payoutQueued } = await cancelOrder(
        app.db,
        app.stripe.client,
        request.params.id,
        partyOf(request),
        request.body?.reason ?? null,
      )
      if (payoutQueued) await sendPayoutJob(request.params.id)
      return readDetail(request.params.id, tenantOf(request))
    },
  )

  app.post(
    '/v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::refund',
    {
      config: { access: writers },
      schema: {
        tags: ['commerce'],
        summary: 'Refund the sponsor (all by default); a transfer already made is reversed first',
        headers: orgHeader,
        params: IdParams,
        body: RefundBody,
        response: { 200: OrderDetail, ...errorResponses },
      },
    },
    async (request) => {
      await refundOrder(app.db, app.stripe.client, request.params.id, partyOf(request), {
        ...(request.body?.amount_cents !== undefined ? { amountCents: request.body.amount_cents } : {}),
        reason: request.body?.reason ?? null,
      })
      return readDetail(request.params.id, tenantOf(request))
    },
  )
}

export default routes
