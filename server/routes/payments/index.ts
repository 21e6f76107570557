// The organizer's payout configuration (its Stripe Connect account and the platform fee) and the
// Stripe webhook: verified with the SDK's constructEvent, each event applied once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import Stripe from 'stripe'
import { assertPathOrg, tenantOf } from '../../plugins/access'
import { AppError, badRequest } from '../../errors'
import { findPayoutConfiguration, savePayoutConfiguration } from '../../repositories/payouts-repository'
import { applyStripeEvent } from '../../commerce/stripe-events'
import { errorResponses, orgHeader } from '../schemas'
import { providerUnavailable, stripeRefusal, isIndeterminate } from '../../commerce/stripe-errors'

const OrgParams = Type.Object({ org_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const PayoutConfigBody = Type.Object({
  platform_fee_percentage: Type.Number({ minimum: 0, maximum: 0.99, description: "The platform's share as a fraction: 0.1 is 10 %" }),
  stripe_connect_account_id: Type.Optional(Type.String({ pattern: '^acct_[A-Za-z0-9]+$', description: 'Without it, a Connect account is created through Stripe' })),
}, { additionalProperties: false })
const PayoutConfigRecord = Type.Object({
  org_id: Type.String(), platform_fee_percentage: Type.Number(), stripe_connect_account_id: Type.String(), stripe_mode: Type.String(), updated_at: Type.String(),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const path = '/v1/organizations/:org_id/payout-configuration'
  const configWire = (orgId: string, saved: NonNullable<Awaited<ReturnType<typeof findPayoutConfiguration>>>) => ({
    org_id: orgId, platform_fee_percentage: saved.platformFeePercentage, stripe_connect_account_id: saved.accountId,
    stripe_mode: app.stripe.mode, updated_at: saved.updatedAt.toISOString(),
  })
  const ownerOrAdmin = { kinds: ['organizer'], roles: ['owner', 'admin'] } as const

  app.put(path, {
    config: { access: ownerOrAdmin },
    schema: {
      tags: ['commerce'], summary: 'Set where payouts go (a Stripe Connect account, created when none is given) and the platform fee',
      headers: orgHeader, params: OrgParams, body: PayoutConfigBody, response: { 200: PayoutConfigRecord, ...errorResponses },
    },
  }, async (request) => {
    const tenant = tenantOf(request)
    assertPathOrg(tenant.orgId, request.params.org_id)
    let accountId = request.body.stripe_connect_account_id ?? (await findPayoutConfiguration(app.db, tenant.orgId))?.accountId
    try {
      if (accountId) await app.stripe.client.accounts.retrieve(accountId)
      else accountId = (await app.stripe.client.accounts.create({ type: 'express', metadata: { org_id: tenant.orgId } }, { idempotencyKey: `org-${tenant.orgId}-connect-account` })).id
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') {
        throw badRequest('unknown-connect-account', `Stripe has no connected account ${accountId}; check the id or leave it out to create one.`)
      }
      if (isIndeterminate(error) || !(error instanceof Stripe.errors.StripeError)) throw providerUnavailable()
      throw stripeRefusal(error)
    }
    await app.db.tenantTransaction(tenant, (tx) => savePayoutConfiguration(tx, tenant.orgId, request.body.platform_fee_percentage, accountId!))
    return configWire(tenant.orgId, (await findPayoutConfiguration(app.db, tenant.orgId))!)
  })

  app.get(path, {
    config: { access: { kinds: ['organizer'] } },
    schema: { tags: ['commerce'], summary: 'Where payouts go and the platform fee', headers: orgHeader, params: OrgParams, response: { 200: PayoutConfigRecord, ...errorResponses } },
  }, async (request) => {
    const tenant = tenantOf(request)
    assertPathOrg(tenant.orgId, request.params.org_id)
    const saved = await findPayoutConfiguration(app.db, tenant.orgId)
    if (!saved) throw new AppError(404, 'not-found', 'Payouts are not set up yet: PUT a payout configuration.')
    return configWire(tenant.orgId, saved)
  })

  // Stripe signs the raw bytes: this route keeps them.
  app.register(async (webhook) => {
    webhook.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body))
    webhook.post('/v1/stripe/webhook', {
      // Stripe's deliveries are verified by signature, and a 429 would only delay money events: no per-IP limit.
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['commerce'], summary: 'Stripe events (signed): order state follows payment_intent.*, charge.refunded, transfer.*', security: [],
        response: { 200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }), ...errorResponses },
      },
    }, async (request) => {
      const secret = app.stripe.webhookSecret
      if (!secret) throw new AppError(503, 'webhook-not-configured', 'STRIPE_WEBHOOK_SECRET is not set; this server cannot verify Stripe events.')
      const signature = request.headers['stripe-signature']
      if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) throw badRequest('invalid-signature', 'A Stripe-Signature header and the raw JSON body are required.')
      let event: Stripe.Event
      try {
        event = app.stripe.client.webhooks.constructEvent(request.body, signature, secret)
      } catch {
        throw badRequest('invalid-signature', 'The Stripe-Signature does not match this endpoint\'s signing secret (or is too old).')
      }
      const isNew = await app.db.transaction((tx) => applyStripeEvent(tx, event))
      return { received: true, duplicate: !isNew }
    })
  })
}

export default routes
