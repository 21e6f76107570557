// Sponsor tiers per event (seed 004): create, list, update, delete, and a one-call default set.
// The path's organization must be the X-Org-Id the caller acts for. Rules live in sponsors/tier-service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { assertPathOrg, tenantOf } from '../../plugins/access'
import type { SponsorTier } from '../../repositories/sponsor-tiers-repository'
import {
  changeTier,
  createDefaultTiers,
  createTier,
  listEventTiers,
  removeTier,
  tierAccess,
} from '../../sponsors/tier-service'
import { errorResponses, orgHeader } from '../schemas'
import { CreateTierBody, OrgEventParams, OrgTierParams, PatchTierBody, SponsorTierRecord, TierList } from './schemas'

export const tierWire = (tier: SponsorTier): Static<typeof SponsorTierRecord> => ({
  id: tier.id,
  org_id: tier.orgId,
  event_id: tier.eventId,
  name: tier.name,
  display_order: tier.displayOrder,
  color: tier.color,
  price_cents: tier.priceCents,
  benefits: tier.benefits,
  is_active: tier.isActive,
  created_at: tier.createdAt.toISOString(),
  updated_at: tier.updatedAt.toISOString(),
})

const tierFields = (body: Static<typeof PatchTierBody>) => ({
  name: body.name,
  displayOrder: body.display_order,
  color: body.color,
  priceCents: body.price_cents,
  benefits: body.benefits,
  isActive: body.is_active,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const base = '/v1/organizations/:org_id/events/:event_id/sponsor-tiers'
  const tierPath = '/v1/organizations/:org_id/sponsor-tiers/:tier_id'

  app.post(
    base,
    {
      config: { access: tierAccess.write },
      schema: {
        tags: ['sponsors'],
        summary: 'Create a sponsor tier for an event',
        headers: orgHeader,
        params: OrgEventParams,
        body: CreateTierBody,
        response: { 201: SponsorTierRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const tier = await createTier(app.db, tenant, request.params.event_id, {
        ...tierFields(request.body),
        name: request.body.name,
      })
      return reply.status(201).send(tierWire(tier))
    },
  )

  app.post(
    `${base}/defaults`,
    {
      config: { access: tierAccess.write },
      schema: {
        tags: ['sponsors'],
        summary: 'Create the default tier set (Platinum, Gold, Silver, Bronze); existing names are kept',
        headers: orgHeader,
        params: OrgEventParams,
        response: { 201: TierList, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const tiers = await createDefaultTiers(app.db, tenant, request.params.event_id)
      return reply.status(201).send({ data: tiers.map(tierWire) })
    },
  )

  app.get(
    base,
    {
      config: { access: tierAccess.read },
      schema: {
        tags: ['sponsors'],
        summary: "List an event's sponsor tiers",
        headers: orgHeader,
        params: OrgEventParams,
        response: { 200: TierList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return { data: (await listEventTiers(app.db, tenant, request.params.event_id)).map(tierWire) }
    },
  )

  app.patch(
    tierPath,
    {
      config: { access: tierAccess.write },
      schema: {
        tags: ['sponsors'],
        summary: 'Update a sponsor tier',
        headers: orgHeader,
        params: OrgTierParams,
        body: PatchTierBody,
        response: { 200: SponsorTierRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return tierWire(await changeTier(app.db, tenant, request.params.tier_id, tierFields(request.body)))
    },
  )

  app.delete(
    tierPath,
    {
      config: { access: tierAccess.write },
      schema: {
        tags: ['sponsors'],
        summary:
          'Delete a sponsor tier no sponsor holds (409 tier-in-use otherwise: move its sponsors or deactivate it)',
        headers: orgHeader,
        params: OrgTierParams,
        response: { 200: SponsorTierRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return tierWire(await removeTier(app.db, tenant, request.params.tier_id))
    },
  )
}

export default routes
