// The organizer's payout configuration (its Stripe Connect account; the platform fee is shown, not set:
// it is the platform's, see ./platform-fee.ts) and the Stripe webhook: verified with the SDK's
// constructEvent, each event applied once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import Stripe from 'stripe'
import { assertPathOrg, tenantOf } from '../../plugins/access'
import { AppError, badRequest } from '../../errors'
import { findPayoutConfiguration, savePayoutConfiguration } from '../../repositories/payouts-repository'
import { applyStripeEvent } from '../../commerce/stripe-events'
import { connectAccountFor } from '../../commerce/connect-account'
import { assertFeeUnchanged, platformFeeFor, type PlatformFee } from '../../commerce/platform-fee'
import { errorResponses, orgHeader } from '../schemas'
import platformFeeRoutes, { FeeSourceSchema } from './platform-fee'

const OrgParams = Type.Object({ org_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const PayoutConfigBody = Type.Object(
  {
    platform_fee_percentage: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 0.99,
        description:
          'Read-only: the platform sets its fee. Accepted only if it equals the fee in force (for older clients); anything else is a 403',
      }),
    ),
    stripe_connect_account_id: Type.Optional(
      Type.String({
        pattern: '^acct_[A-Za-z0-9]+$',
        maxLength: 255,
        description: 'An account the platform made for this organization; without it, the current one or a new one',
      }),
    ),
  },
  { additionalProperties: false },
)
const PayoutConfigRecord = Type.Object({
  org_id: Type.String(),
  platform_fee_percentage: Type.Number(),
  platform_fee_source: FeeSourceSchema,
  stripe_connect_account_id: Type.String(),
  stripe_mode: Type.String(),
  updated_at: Type.String(),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(platformFeeRoutes)
  const path = '/v1/organizations/:org_id/payout-configuration'
  const configWire = (
    orgId: string,
    saved: NonNullable<Awaited<ReturnType<typeof findPayoutConfiguration>>>,
    fee: PlatformFee,
  ) => ({
    org_id: orgId,
    platform_fee_percentage: fee.percentage,
    platform_fee_source: fee.source,
    stripe_connect_account_id: saved.accountId,
    stripe_mode: app.stripe.mode,
    updated_at: saved.updatedAt.toISOString(),
  })
  const ownerOrAdmin = { kinds: ['organizer'], roles: ['owner', 'admin'] } as const

  app.put(
    path,
    {
      config: { access: ownerOrAdmin },
      schema: {
        tags: ['commerce'],
        summary:
          "Set where payouts go: a Stripe Connect account made for this organization (created when none is given). The platform fee is the platform's and cannot be set here",
        headers: orgHeader,
        params: OrgParams,
        body: PayoutConfigBody,
        response: { 200: PayoutConfigRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const fee = await platformFeeFor(app.db, tenant.orgId, app.config.platformFeePercentage)
      assertFeeUnchanged(request.body.platform_fee_percentage, fee)
      const accountId = await connectAccountFor(
        app.db,
        app.stripe.client,
        tenant.orgId,
        request.body.stripe_connect_account_id,
      )
      await app.db.tenantTransaction(tenant, (tx) => savePayoutConfiguration(tx, tenant.orgId, accountId))
      return configWire(tenant.orgId, (await findPayoutConfiguration(app.db, tenant.orgId))!, fee)
    },
  )

  app.get(
    path,
    {
      config: { access: { kinds: ['organizer'] } },
      schema: {
        tags: ['commerce'],
        summary: "Where payouts go, and the platform's fee for this organization",
        headers: orgHeader,
        params: OrgParams,
        response: { 200: PayoutConfigRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const saved = await findPayoutConfiguration(app.db, tenant.orgId)
      if (!saved) throw new AppError(404, 'not-found', 'Payouts are not set up yet: PUT a payout configuration.')
      return configWire(
        tenant.orgId,
        saved,
        await platformFeeFor(app.db, tenant.orgId, app.config.platformFeePercentage),
      )
    },
  )

  // Stripe signs the raw bytes: this route keeps them.
  app.register(async (webhook) => {
    webhook.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      (_request, body, done) => done(null, body),
    )
    webhook.post(
      '/v1/stripe/webhook',
      {
        // Stripe's deliveries are verified by signature, and a 429 would only delay money events: no per-IP limit.
        config: { access: 'public', rateLimit: false },
        schema: {
          tags: ['commerce'],
          summary: 'Stripe events (signed): order state follows payment_intent.*, charge.refunded, transfer.*',
          security: [],
          response: { 200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const secret = app.stripe.webhookSecret
        if (!secret)
          throw new AppError(
            503,
            'webhook-not-configured',
            'STRIPE_WEBHOOK_SECRET is not set; this server cannot verify Stripe events.',
          )
        const signature = request.headers['stripe-signature']
        if (typeof signature !== 'string' || !Buffer.isBuffer(request.body))
          throw badRequest('invalid-signature', 'A Stripe-Signature header and the raw JSON body are required.')
        let event: Stripe.Event
        try {
          event = app.stripe.client.webhooks.constructEvent(request.body, signature, secret)
        } catch {
          throw badRequest(
            'invalid-signature',
            "The Stripe-Signature does not match this endpoint's signing secret (or is too old).",
          )
        }
        // A signature proves who sent the bytes, not that they make an event.
        if (!isEventShaped(event))
          throw badRequest('invalid-event', 'The body is not a Stripe event: it needs an id, a type and data.object.')
        const isNew = await app.db.transaction((tx) => applyStripeEvent(tx, event))
        return { received: true, duplicate: !isNew }
      },
    )
  })
}

export default routes

function isEventShaped(event: unknown): event is Stripe.Event {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false
  const { id, type, data } = event as { id?: unknown; type?: unknown; data?: { object?: unknown } | null }
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    typeof type === 'string' &&
    typeof data?.object === 'object' &&
    data.object !== null
  )
}
