// Sponsors of an organizer's events (seed 004): add an existing sponsor organization or a new company,
// list with lead counts (counts only), read, update, feature, archive and restore; GET /v1/my-sponsors;
// and what attendees see of an event's sponsors (public). Rules live in sponsors/sponsor-service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { assertPathOrg, callerOf, tenantOf } from '../../plugins/access'
import {
  addSponsor,
  archiveSponsor,
  getSponsorDetail,
  listEventSponsorsCounted,
  mySponsors,
  noLeads,
  publicEventSponsors,
  sponsorAccess,
  updateSponsor,
  type SponsorDetail as Detail,
} from '../../sponsors/sponsor-service'
import type { EventSponsor, LeadCounts } from '../../repositories/sponsors-repository'
import { errorResponses, orgHeader } from '../schemas'
import { OrgEventParams } from '../sponsor-tiers/schemas'
import {
  AddSponsorBody,
  EventChoiceQuery,
  EventParams,
  EventSponsorList,
  EventSponsorRecord,
  ListSponsorsQuery,
  MySponsorList,
  OrgSponsorParams,
  PatchSponsorBody,
  PublicSponsorList,
  SponsorDetail,
} from './schemas'

export const eventSponsorWire = (
  item: EventSponsor,
  counts: LeadCounts = noLeads,
): Static<typeof EventSponsorRecord> => ({
  id: item.sponsor.id,
  org_id: item.sponsor.orgId,
  sponsorship_id: item.sponsorshipId,
  event_id: item.eventId,
  tier_id: item.tierId,
  tier_name: item.tierName,
  company_name: item.sponsor.companyName,
  contact_email: item.sponsor.contactEmail,
  website: item.sponsor.website,
  description: item.sponsor.description,
  category: item.sponsor.category,
  logo_url: item.sponsor.logoUrl,
  managed_by_org_id: item.sponsor.managedByOrgId,
  is_featured: item.isFeatured,
  is_archived: item.archivedAt !== null,
  booth_location: item.boothLocation,
  lead_counts: counts,
  created_at: item.createdAt.toISOString(),
  updated_at: item.updatedAt.toISOString(),
})

const detailWire = ({ sponsor, sponsorships }: Detail): Static<typeof SponsorDetail> => ({
  id: sponsor.id,
  org_id: sponsor.orgId,
  company_name: sponsor.companyName,
  contact_email: sponsor.contactEmail,
  website: sponsor.website,
  description: sponsor.description,
  category: sponsor.category,
  logo_url: sponsor.logoUrl,
  managed_by_org_id: sponsor.managedByOrgId,
  sponsorships: sponsorships.map((s) => eventSponsorWire(s, s.leadCounts)),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const eventBase = '/v1/organizations/:org_id/events/:event_id/sponsors'
  const sponsorPath = '/v1/organizations/:org_id/sponsors/:sponsor_id'

  app.post(
    eventBase,
    {
      config: { access: sponsorAccess.write },
      schema: {
        tags: ['sponsors'],
        summary: 'Add a sponsor to an event: an existing sponsor organization or a new company',
        headers: orgHeader,
        params: OrgEventParams,
        body: AddSponsorBody,
        response: { 201: EventSponsorRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const body = request.body
      const created = await addSponsor(app.db, tenant, request.params.event_id, {
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
      return reply.status(201).send(eventSponsorWire(created))
    },
  )

  app.get(
    eventBase,
    {
      config: { access: sponsorAccess.read },
      schema: {
        tags: ['sponsors'],
        summary: "List an event's sponsors with lead counts (counts only)",
        headers: orgHeader,
        params: OrgEventParams,
        querystring: ListSponsorsQuery,
        response: { 200: EventSponsorList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const { include_archived: includeArchived, tier_id: tierId, featured } = request.query
      const sponsors = await listEventSponsorsCounted(app.db, tenant, request.params.event_id, {
        includeArchived,
        tierId,
        isFeatured: featured,
      })
      return { data: sponsors.map((s) => eventSponsorWire(s, s.leadCounts)) }
    },
  )

  app.get(
    sponsorPath,
    {
      config: { access: sponsorAccess.read },
      schema: {
        tags: ['sponsors'],
        summary: 'A sponsor and its sponsorships at your events',
        headers: orgHeader,
        params: OrgSponsorParams,
        response: { 200: SponsorDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return detailWire(await getSponsorDetail(app.db, tenant, request.params.sponsor_id))
    },
  )

  app.patch(
    sponsorPath,
    {
      config: { access: sponsorAccess.write },
      schema: {
        tags: ['sponsors'],
        summary:
          'Update a sponsor: tier, featured, archived/restored, booth (per event), and the profile of a company you manage',
        headers: orgHeader,
        params: OrgSponsorParams,
        body: PatchSponsorBody,
        response: { 200: SponsorDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const body = request.body
      return detailWire(
        await updateSponsor(app, tenant, request.params.sponsor_id, {
          eventId: body.event_id,
          tierId: body.tier_id,
          isFeatured: body.is_featured,
          isArchived: body.is_archived,
          boothLocation: body.booth_location,
          companyName: body.company_name,
          contactEmail: body.contact_email,
          website: body.website,
          description: body.description,
          category: body.category,
          logoUrl: body.logo_url,
        }),
      )
    },
  )

  app.delete(
    sponsorPath,
    {
      config: { access: sponsorAccess.write },
      schema: {
        tags: ['sponsors'],
        summary: 'Archive a sponsor at an event (restore with PATCH is_archived: false); leads are kept',
        headers: orgHeader,
        params: OrgSponsorParams,
        querystring: EventChoiceQuery,
        response: { 200: SponsorDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return detailWire(await archiveSponsor(app, tenant, request.params.sponsor_id, request.query.event_id))
    },
  )

  app.get(
    '/v1/my-sponsors',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sponsors'],
        summary: 'The sponsors you represent, with your role, permissions and events',
        response: { 200: MySponsorList, ...errorResponses },
      },
    },
    async (request) => {
      const mine = await mySponsors(app.db, callerOf(request).userId)
      return {
        data: mine.map(({ grant, role, permissions, events }) => ({
          id: grant.sponsorId,
          org_id: grant.sponsorOrgId,
          company_name: grant.companyName,
          role,
          permissions,
          events: events.map((e) => ({
            event_id: e.eventId,
            title: e.title,
            start_at: e.startAt.toISOString(),
            end_at: e.endAt.toISOString(),
            tier_name: e.tierName,
            is_archived: e.archivedAt !== null,
          })),
        })),
      }
    },
  )

  app.get(
    '/v1/public/events/:event_id/sponsors',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sponsors'],
        summary: "What attendees see of an event's active sponsors: names, tiers, logos, booths (no sign-in)",
        params: EventParams,
        response: { 200: PublicSponsorList, ...errorResponses },
      },
    },
    async (request) => {
      const sponsors = await publicEventSponsors(app.db, request.params.event_id)
      return {
        data: sponsors.map((s) => ({
          sponsor_id: s.sponsorId,
          company_name: s.companyName,
          website: s.website,
          description: s.description,
          logo_url: s.logoUrl,
          tier: { id: s.tierId, name: s.tierName, color: s.tierColor, display_order: s.tierDisplayOrder },
          is_featured: s.isFeatured,
          booth_location: s.boothLocation,
        })),
      }
    },
  )
}

export default routes
