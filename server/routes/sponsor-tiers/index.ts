// Sponsor tiers per event (seed 004): create, list, update, and a one-call default set.
// The path's organization must be the X-Org-Id the caller acts for.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import type { Queryable } from '../../db/database'
import { assertPathOrg, tenantOf, organizerReaders, organizerWriters } from '../../plugins/access'
import { findEvent } from '../../repositories/events-repository'
import { insertTier, listTiers, updateTier, type SponsorTier, type TierFields } from '../../repositories/sponsor-tiers-repository'
import { notFound } from '../../errors'
import { errorResponses, orgHeader } from '../schemas'
import { CreateTierBody, OrgEventParams, OrgTierParams, PatchTierBody, SponsorTierRecord, TierList } from './schemas'


/** The tiers most events start from; applying them twice changes nothing. */
export const defaultTiers: TierFields[] = [
  { name: 'Platinum', displayOrder: 1, color: '#E5E4E2', priceCents: null, benefits: ['Main stage logo', 'Premium booth', 'Speaking slot', 'Lead capture'], isActive: true },
  { name: 'Gold', displayOrder: 2, color: '#FFD700', priceCents: null, benefits: ['Stage logo', 'Standard booth', 'Lead capture'], isActive: true },
  { name: 'Silver', displayOrder: 3, color: '#C0C0C0', priceCents: null, benefits: ['Website logo', 'Shared booth', 'Lead capture'], isActive: true },
  { name: 'Bronze', displayOrder: 4, color: '#CD7F32', priceCents: null, benefits: ['Website logo'], isActive: true },
]

const tierWire = (tier: SponsorTier): Static<typeof SponsorTierRecord> => ({
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


async function requireEvent(tx: Queryable, orgId: string, eventId: string) {
  if (!(await findEvent(tx, orgId, eventId))) throw notFound('Event')
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const base = '/v1/organizations/:org_id/events/:event_id/sponsor-tiers'

  app.post(base, {
    config: { access: organizerWriters },
    schema: { tags: ['sponsors'], summary: 'Create a sponsor tier for an event', headers: orgHeader, params: OrgEventParams, body: CreateTierBody, response: { 201: SponsorTierRecord, ...errorResponses } },
  }, async (request, reply) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, event_id: eventId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const body = request.body
    const tier = await app.db.tenantTransaction(tenant, async (tx) => {
      await requireEvent(tx, orgId, eventId)
      return insertTier(tx, orgId, eventId, {
        name: body.name,
        displayOrder: body.display_order ?? 0,
        color: body.color ?? null,
        priceCents: body.price_cents ?? null,
        benefits: body.benefits ?? [],
        isActive: body.is_active ?? true,
      })
    })
    return reply.status(201).send(tierWire(tier!))
  })

  app.post(`${base}/defaults`, {
    config: { access: organizerWriters },
    schema: { tags: ['sponsors'], summary: 'Create the default tier set (Platinum, Gold, Silver, Bronze); existing names are kept', headers: orgHeader, params: OrgEventParams, response: { 201: TierList, ...errorResponses } },
  }, async (request, reply) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, event_id: eventId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const tiers = await app.db.tenantTransaction(tenant, async (tx) => {
      await requireEvent(tx, orgId, eventId)
      for (const tier of defaultTiers) await insertTier(tx, orgId, eventId, tier, { skipExisting: true })
      return listTiers(tx, orgId, eventId)
    })
    return reply.status(201).send({ data: tiers.map(tierWire) })
  })

  app.get(base, {
    config: { access: organizerReaders },
    schema: { tags: ['sponsors'], summary: "List an event's sponsor tiers", headers: orgHeader, params: OrgEventParams, response: { 200: TierList, ...errorResponses } },
  }, async (request) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, event_id: eventId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const tiers = await app.db.tenantTransaction(tenant, async (tx) => {
      await requireEvent(tx, orgId, eventId)
      return listTiers(tx, orgId, eventId)
    })
    return { data: tiers.map(tierWire) }
  })

  app.patch('/v1/organizations/:org_id/sponsor-tiers/:tier_id', {
    config: { access: organizerWriters },
    schema: { tags: ['sponsors'], summary: 'Update a sponsor tier', headers: orgHeader, params: OrgTierParams, body: PatchTierBody, response: { 200: SponsorTierRecord, ...errorResponses } },
  }, async (request) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, tier_id: tierId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const body = request.body
    const tier = await app.db.tenantTransaction(tenant, (tx) =>
      updateTier(tx, orgId, tierId, {
        name: body.name,
        displayOrder: body.display_order,
        color: body.color,
        priceCents: body.price_cents,
        benefits: body.benefits,
        isActive: body.is_active,
      }),
    )
    if (!tier) throw notFound('Sponsor tier')
    return tierWire(tier)
  })
}

export default routes
