// Tiers, sponsors and sponsorships: each field runs the access check its REST route runs, then the same service.
import type { Static } from 'typebox'
import type { GraphContext } from '../context'
import { tenantFor, sponsorTenantFor, userOf } from '../context'
import { checkInput } from '../inputs'
import {
  organizerSponsorship,
  sponsorSideSponsorship,
  sponsorView,
  type SponsorshipView,
  type SponsorView,
} from '../views'
import {
  changeTier,
  createDefaultTiers,
  createTier,
  listEventTiers,
  removeTier,
  tierAccess,
} from '../../sponsors/tier-service'
import {
  addSponsor,
  archiveSponsor,
  getOwnSponsor,
  getSponsorDetail,
  listEventSponsorsCounted,
  mySponsors,
  noLeads,
  pickSponsorship,
  publicEventSponsors,
  restoreSponsor,
  sponsorAccess,
  updateSponsor,
  type SponsorDetail,
} from '../../sponsors/sponsor-service'
import { CreateTierBody, PatchTierBody } from '../../routes/sponsor-tiers/schemas'
import { AddSponsorBody, PatchSponsorBody } from '../../routes/sponsors/schemas'
import { notFound } from '../../errors'

type Args<T> = Record<string, unknown> & T

const detailView = (detail: SponsorDetail, ctxTenant: Awaited<ReturnType<typeof tenantFor>>): SponsorView => {
  const viewer = { kind: 'organizer' as const, tenant: ctxTenant }
  return sponsorView(
    detail.sponsor,
    viewer,
    detail.sponsorships.map((s) => organizerSponsorship(s, viewer)),
  )
}

const tierInput = (body: Static<typeof PatchTierBody>) => ({
  name: body.name,
  displayOrder: body.display_order,
  color: body.color,
  priceCents: body.price_cents,
  benefits: body.benefits,
  isActive: body.is_active,
})

/** A sponsor as the caller may see it: the organizer's view of its sponsorships, or its own people's view of the company. */
async function readSponsor(ctx: GraphContext, sponsorId: string): Promise<SponsorView> {
  const member = await tenantFor(ctx, {})
  // An organizer member meets sponsorAccess.read (any member of an organizer) already.
  if (member.orgKind === 'organizer') return detailView(await getSponsorDetail(ctx.db, member, sponsorId), member)
  const tenant = await sponsorTenantFor(ctx, sponsorId, 'sponsor:leads:read')
  return sponsorView(await getOwnSponsor(ctx.db, tenant, sponsorId), { kind: 'sponsor' })
}

export const sponsorResolvers = {
  Query: {
    eventSponsorTiers: async (_: unknown, { eventId }: Args<{ eventId: string }>, ctx: GraphContext) =>
      listEventTiers(ctx.db, await tenantFor(ctx, tierAccess.read), eventId),

    eventSponsors: async (
      _: unknown,
      {
        eventId,
        filter,
      }: Args<{ eventId: string; filter?: { includeArchived?: boolean; tierId?: string; featured?: boolean } }>,
      ctx: GraphContext,
    ) => {
      const tenant = await tenantFor(ctx, sponsorAccess.read)
      const list = await listEventSponsorsCounted(ctx.db, tenant, eventId, {
        includeArchived: filter?.includeArchived ?? false,
        tierId: filter?.tierId,
        isFeatured: filter?.featured ?? undefined,
      })
      return list.map((s) => organizerSponsorship(s, { kind: 'organizer', tenant }))
    },

    sponsor: (_: unknown, { id }: Args<{ id: string }>, ctx: GraphContext) => readSponsor(ctx, id),

    sponsorWithTier: async (_: unknown, { id, eventId }: Args<{ id: string; eventId?: string }>, ctx: GraphContext) => {
      const sponsor = await readSponsor(ctx, id)
      const sponsorships = sponsor.preloaded ?? (await ctx.loaders.sponsorEvents.load(id)).map(sponsorSideSponsorship)
      const sponsorship = pickSponsorship(sponsorships, eventId ?? undefined)
      const tier = await ctx.loaders.tier.load(sponsorship.tierId)
      return { sponsor, sponsorship, tier }
    },

    mySponsors: async (_: unknown, _args: unknown, ctx: GraphContext) => {
      const mine = await mySponsors(ctx.db, userOf(ctx).userId)
      return mine.map(({ grant, role, permissions, events }) => ({
        sponsorId: grant.sponsorId,
        role,
        permissions,
        sponsorships: events.map(sponsorSideSponsorship),
      }))
    },

    publicEventSponsors: async (_: unknown, { eventId }: Args<{ eventId: string }>, ctx: GraphContext) =>
      (await publicEventSponsors(ctx.db, eventId)).map((s) => ({
        ...s,
        tier: { id: s.tierId, name: s.tierName, color: s.tierColor, displayOrder: s.tierDisplayOrder },
      })),
  },

  Mutation: {
    createSponsorTier: async (
      _: unknown,
      { eventId, input }: Args<{ eventId: string; input: Record<string, unknown> }>,
      ctx: GraphContext,
    ) => {
      const body = checkInput<Static<typeof CreateTierBody>>(CreateTierBody, input)
      return createTier(ctx.db, await tenantFor(ctx, tierAccess.write), eventId, {
        ...tierInput(body),
        name: body.name,
      })
    },
    createDefaultSponsorTiers: async (_: unknown, { eventId }: Args<{ eventId: string }>, ctx: GraphContext) =>
      createDefaultTiers(ctx.db, await tenantFor(ctx, tierAccess.write), eventId),
    updateSponsorTier: async (
      _: unknown,
      { id, input }: Args<{ id: string; input: Record<string, unknown> }>,
      ctx: GraphContext,
    ) => {
      const body = checkInput<Static<typeof PatchTierBody>>(PatchTierBody, input)
      return changeTier(ctx.db, await tenantFor(ctx, tierAccess.write), id, tierInput(body))
    },
    deleteSponsorTier: async (_: unknown, { id }: Args<{ id: string }>, ctx: GraphContext) =>
      removeTier(ctx.db, await tenantFor(ctx, tierAccess.write), id),

    createSponsor: async (
      _: unknown,
      { eventId, input }: Args<{ eventId: string; input: Record<string, unknown> }>,
      ctx: GraphContext,
    ) => {
      const body = checkInput<Static<typeof AddSponsorBody>>(AddSponsorBody, input)
      const tenant = await tenantFor(ctx, sponsorAccess.write)
      const created = await addSponsor(ctx.db, tenant, eventId, {
        tierId: body.tier_id,
        sponsorOrgId: body.sponsor_org_id,
        name: body.name,
        contactEmail: body.contact_email,
        website: body.website,
        description: body.description,
        category: body.category,
        logoUrl: body.logo_url,
        isFeatured: body.is_featured,
        boothLocation: body.booth_location,
      })
      // A sponsorship made now has no leads yet.
      return organizerSponsorship({ ...created, leadCounts: noLeads }, { kind: 'organizer', tenant })
    },
    updateSponsor: async (
      _: unknown,
      { id, input }: Args<{ id: string; input: Record<string, unknown> }>,
      ctx: GraphContext,
    ) => {
      const body = checkInput<Static<typeof PatchSponsorBody>>(PatchSponsorBody, input)
      const tenant = await tenantFor(ctx, sponsorAccess.write)
      return detailView(
        await updateSponsor(ctx.app, tenant, id, {
          eventId: body.event_id,
          tierId: body.tier_id,
          isFeatured: body.is_featured,
          boothLocation: body.booth_location,
          companyName: body.company_name,
          contactEmail: body.contact_email,
          website: body.website,
          description: body.description,
          category: body.category,
          logoUrl: body.logo_url,
        }),
        tenant,
      )
    },
    archiveSponsor: async (_: unknown, { id, eventId }: Args<{ id: string; eventId?: string }>, ctx: GraphContext) => {
      const tenant = await tenantFor(ctx, sponsorAccess.write)
      return detailView(await archiveSponsor(ctx.app, tenant, id, eventId ?? undefined), tenant)
    },
    restoreSponsor: async (_: unknown, { id, eventId }: Args<{ id: string; eventId?: string }>, ctx: GraphContext) => {
      const tenant = await tenantFor(ctx, sponsorAccess.write)
      return detailView(await restoreSponsor(ctx.app, tenant, id, eventId ?? undefined), tenant)
    },
  },

  Sponsor: {
    sponsorships: async (sponsor: SponsorView, _: unknown, ctx: GraphContext): Promise<SponsorshipView[]> => {
      if (sponsor.preloaded) return sponsor.preloaded
      if (sponsor.viewer.kind === 'organizer') {
        const viewer = sponsor.viewer
        return (await ctx.loaders.organizerSponsorships(viewer.tenant).load(sponsor.id)).map((s) =>
          organizerSponsorship(s, viewer),
        )
      }
      return (await ctx.loaders.sponsorEvents.load(sponsor.id)).map(sponsorSideSponsorship)
    },
  },

  Sponsorship: {
    event: (s: SponsorshipView, _: unknown, ctx: GraphContext) => s.eventSummary ?? ctx.loaders.event.load(s.eventId),
    tier: async (s: SponsorshipView, _: unknown, ctx: GraphContext) =>
      (await ctx.loaders.tier.load(s.tierId)) ?? Promise.reject(notFound('Sponsor tier')),
    sponsor: async (s: SponsorshipView, _: unknown, ctx: GraphContext) => {
      if (s.sponsorView) return s.sponsorView
      const sponsor = await ctx.loaders.sponsor.load(s.sponsorId)
      if (!sponsor) throw notFound('Sponsor')
      return sponsorView(sponsor, { kind: 'sponsor' })
    },
  },

  MySponsor: {
    sponsor: async (mine: { sponsorId: string }, _: unknown, ctx: GraphContext) => {
      const sponsor = await ctx.loaders.sponsor.load(mine.sponsorId)
      if (!sponsor) throw notFound('Sponsor')
      return sponsorView(sponsor, { kind: 'sponsor' })
    },
  },
}
