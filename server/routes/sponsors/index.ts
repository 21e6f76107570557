// Sponsors of an organizer's events (seed 004): add an existing sponsor organization or a new company,
// list with lead counts (counts only), read, update, feature, archive and restore; and GET /v1/my-sponsors.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import type { Queryable } from '../../db/database'
import { assertPathOrg, callerOf, tenantOf, organizerReaders, organizerWriters } from '../../plugins/access'
import { findEvent } from '../../repositories/events-repository'
import { insertOrganization } from '../../repositories/users-repository'
import { listSponsorGrants } from '../../repositories/sponsor-people-repository'
import {
  eventLeadCounts, findEventSponsor, findSponsor, findSponsorByOrg, insertSponsor, insertSponsorship, listEventSponsors,
  listSponsorEvents, listSponsorshipsOf, tierBelongsToEvent, updateSponsorProfile, updateSponsorship,
  type EventSponsor, type SponsorProfile, type SponsorshipFields,
} from '../../repositories/sponsors-repository'
import { effectivePermissions } from '../../sponsors/sponsor-access'
import { badRequest, conflict, forbidden, notFound } from '../../errors'
import { sponsorAccessChanged } from '../../realtime/room-access'
import { errorResponses, orgHeader } from '../schemas'
import { OrgEventParams } from '../sponsor-tiers/schemas'
import {
  AddSponsorBody, EventChoiceQuery, EventSponsorList, EventSponsorRecord, ListSponsorsQuery, MySponsorList,
  OrgSponsorParams, PatchSponsorBody, SponsorDetail,
} from './schemas'

type LeadCounts = Static<typeof EventSponsorRecord>['lead_counts']
const noLeads: LeadCounts = { total: 0, hot: 0, warm: 0, cold: 0 }

const eventSponsorWire = (item: EventSponsor, counts: LeadCounts = noLeads): Static<typeof EventSponsorRecord> => ({
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
  managed_by_org_id: item.sponsor.managedByOrgId,
  is_featured: item.isFeatured,
  is_archived: item.archivedAt !== null,
  booth_location: item.boothLocation,
  lead_counts: counts,
  created_at: item.createdAt.toISOString(),
  updated_at: item.updatedAt.toISOString(),
})


async function requireTierOfEvent(tx: Queryable, tierId: string, eventId: string) {
  if (!(await tierBelongsToEvent(tx, tierId, eventId))) {
    throw badRequest('tier-not-in-event', 'tier_id must be a sponsor tier of this event; list them at …/events/{event_id}/sponsor-tiers.')
  }
}

/** The sponsor's detail as this organizer sees it: profile and its sponsorships at the organizer's events. */
async function sponsorDetail(tx: Queryable, organizerOrgId: string, sponsorId: string): Promise<Static<typeof SponsorDetail> | null> {
  const sponsorships = await listSponsorshipsOf(tx, organizerOrgId, sponsorId)
  const sponsor = sponsorships[0]?.sponsor ?? (await findSponsor(tx, sponsorId))
  if (!sponsor || (sponsorships.length === 0 && sponsor.managedByOrgId !== organizerOrgId)) return null
  const counts: (LeadCounts | undefined)[] = []
  for (const s of sponsorships) counts.push((await eventLeadCounts(tx, s.eventId)).get(sponsorId))
  return {
    id: sponsor.id,
    org_id: sponsor.orgId,
    company_name: sponsor.companyName,
    contact_email: sponsor.contactEmail,
    website: sponsor.website,
    description: sponsor.description,
    category: sponsor.category,
    managed_by_org_id: sponsor.managedByOrgId,
    sponsorships: sponsorships.map((s, index) => eventSponsorWire(s, counts[index])),
  }
}

/** The sponsorship a sponsor-level change applies to: the one named, or the only one. */
function pickSponsorship(sponsorships: readonly { eventId: string; sponsorshipId: string }[], eventId: string | undefined) {
  if (sponsorships.length === 0) throw notFound('Sponsor')
  if (eventId) {
    const match = sponsorships.find((s) => s.eventId === eventId)
    if (!match) throw notFound('The sponsor at that event')
    return match
  }
  if (sponsorships.length === 1) return sponsorships[0]!
  throw badRequest('event-required', 'This sponsor is at several of your events: say which with event_id.')
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const eventBase = '/v1/organizations/:org_id/events/:event_id/sponsors'
  const sponsorPath = '/v1/organizations/:org_id/sponsors/:sponsor_id'

  app.post(eventBase, {
    config: { access: organizerWriters },
    schema: {
      tags: ['sponsors'],
      summary: 'Add a sponsor to an event: an existing sponsor organization or a new company',
      headers: orgHeader, params: OrgEventParams, body: AddSponsorBody, response: { 201: EventSponsorRecord, ...errorResponses },
    },
  }, async (request, reply) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, event_id: eventId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const body = request.body
    const isExisting = body.sponsor_org_id !== undefined
    if (isExisting && (body.name !== undefined || body.contact_email !== undefined)) {
      throw badRequest('sponsor-ambiguous', 'Send either sponsor_org_id (an existing sponsor) or name and contact_email (a new company), not both.')
    }
    if (!isExisting && (body.name === undefined || body.contact_email === undefined)) {
      throw badRequest('sponsor-required', 'Send sponsor_org_id for an existing sponsor organization, or name and contact_email for a new company.')
    }
    // An existing sponsor organization is found by its id, outside the tenant: it belongs to someone else.
    const existing = isExisting ? await findSponsorByOrg(app.db, body.sponsor_org_id!) : null
    if (isExisting && !existing) throw notFound('Sponsor organization')

    const created = await app.db.tenantTransaction(tenant, async (tx) => {
      if (!(await findEvent(tx, orgId, eventId))) throw notFound('Event')
      await requireTierOfEvent(tx, body.tier_id, eventId)
      const sponsor = existing ?? (await insertSponsor(tx, {
        orgId: await insertOrganization(tx, { name: body.name!, kind: 'sponsor' }),
        managedByOrgId: orgId,
        companyName: body.name!,
        contactEmail: body.contact_email!,
        website: body.website ?? null,
        description: body.description ?? null,
        category: body.category ?? null,
      }))
      const linked = await insertSponsorship(tx, {
        organizerOrgId: orgId, eventId, sponsor, tierId: body.tier_id, isFeatured: body.is_featured ?? false, boothLocation: body.booth_location ?? null,
      })
      if (!linked) throw conflict('sponsor-already-added', 'This sponsor is already at the event; update it instead.')
      return linked
    })
    return reply.status(201).send(eventSponsorWire(created))
  })

  app.get(eventBase, {
    config: { access: organizerReaders },
    schema: {
      tags: ['sponsors'], summary: "List an event's sponsors with lead counts (counts only)",
      headers: orgHeader, params: OrgEventParams, querystring: ListSponsorsQuery, response: { 200: EventSponsorList, ...errorResponses },
    },
  }, async (request) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, event_id: eventId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const { include_archived: includeArchived, tier_id: tierId, featured } = request.query
    const [sponsors, counts] = await app.db.tenantTransaction(tenant, async (tx) => {
      if (!(await findEvent(tx, orgId, eventId))) throw notFound('Event')
      const list = await listEventSponsors(tx, eventId, { includeArchived, ...(tierId ? { tierId } : {}), ...(featured !== undefined ? { isFeatured: featured } : {}) })
      return [list, await eventLeadCounts(tx, eventId)] as const
    })
    return { data: sponsors.map((s) => eventSponsorWire(s, counts.get(s.sponsor.id))) }
  })

  app.get(sponsorPath, {
    config: { access: organizerReaders },
    schema: { tags: ['sponsors'], summary: 'A sponsor and its sponsorships at your events', headers: orgHeader, params: OrgSponsorParams, response: { 200: SponsorDetail, ...errorResponses } },
  }, async (request) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, sponsor_id: sponsorId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const detail = await app.db.tenantTransaction(tenant, (tx) => sponsorDetail(tx, orgId, sponsorId))
    if (!detail) throw notFound('Sponsor')
    return detail
  })

  app.patch(sponsorPath, {
    config: { access: organizerWriters },
    schema: {
      tags: ['sponsors'],
      summary: 'Update a sponsor: tier, featured, archived/restored, booth (per event), and the profile of a company you manage',
      headers: orgHeader, params: OrgSponsorParams, body: PatchSponsorBody, response: { 200: SponsorDetail, ...errorResponses },
    },
  }, async (request) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, sponsor_id: sponsorId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const body = request.body
    const sponsorshipPatch: Partial<SponsorshipFields> = {
      tierId: body.tier_id,
      isFeatured: body.is_featured,
      boothLocation: body.booth_location,
      archivedAt: body.is_archived === undefined ? undefined : body.is_archived ? new Date() : null,
    }
    const profilePatch: Partial<SponsorProfile> = {
      companyName: body.company_name, contactEmail: body.contact_email, website: body.website, description: body.description,
      category: body.category,
    }
    const hasSponsorshipChange = Object.values(sponsorshipPatch).some((v) => v !== undefined)
    const hasProfileChange = Object.values(profilePatch).some((v) => v !== undefined)
    const detail = await app.db.tenantTransaction(tenant, async (tx) => {
      const sponsorships = await listSponsorshipsOf(tx, orgId, sponsorId)
      const sponsor = sponsorships[0]?.sponsor ?? (await findSponsor(tx, sponsorId))
      if (!sponsor || (sponsorships.length === 0 && sponsor.managedByOrgId !== orgId)) throw notFound('Sponsor')
      if (hasProfileChange) {
        if (sponsor.managedByOrgId !== orgId) throw forbidden('This sponsor keeps its own profile; only the organizer that created the company may change it.')
        await updateSponsorProfile(tx, sponsorId, profilePatch)
      }
      if (hasSponsorshipChange || body.event_id) {
        const target = pickSponsorship(sponsorships, body.event_id)
        if (body.tier_id) await requireTierOfEvent(tx, body.tier_id, target.eventId)
        await updateSponsorship(tx, target.sponsorshipId, sponsorshipPatch)
      }
      return (await sponsorDetail(tx, orgId, sponsorId))!
    })
    if (body.is_archived !== undefined) await sponsorAccessChanged(app, sponsorId)
    return detail
  })

  app.delete(sponsorPath, {
    config: { access: organizerWriters },
    schema: {
      tags: ['sponsors'], summary: 'Archive a sponsor at an event (restore with PATCH is_archived: false); leads are kept',
      headers: orgHeader, params: OrgSponsorParams, querystring: EventChoiceQuery, response: { 200: SponsorDetail, ...errorResponses },
    },
  }, async (request) => {
    const tenant = tenantOf(request)
    const { org_id: orgId, sponsor_id: sponsorId } = request.params
    assertPathOrg(tenant.orgId, orgId)
    const detail = await app.db.tenantTransaction(tenant, async (tx) => {
      const target = pickSponsorship(await listSponsorshipsOf(tx, orgId, sponsorId), request.query.event_id)
      const current = await findEventSponsor(tx, target.eventId, sponsorId)
      if (current && !current.archivedAt) await updateSponsorship(tx, target.sponsorshipId, { archivedAt: new Date() })
      return (await sponsorDetail(tx, orgId, sponsorId))!
    })
    await sponsorAccessChanged(app, sponsorId)
    return detail
  })

  app.get('/v1/my-sponsors', {
    config: { access: 'user' },
    schema: { tags: ['sponsors'], summary: 'The sponsors you represent, with your role, permissions and events', response: { 200: MySponsorList, ...errorResponses } },
  }, async (request) => {
    const { userId } = callerOf(request)
    const grants = await listSponsorGrants(app.db, userId)
    const events = await listSponsorEvents(app.db, grants.map((g) => g.sponsorId))
    return {
      data: grants.map((grant) => ({
        id: grant.sponsorId,
        org_id: grant.sponsorOrgId,
        company_name: grant.companyName,
        role: grant.orgRole === 'member' ? (grant.sponsorRole ?? 'member') : grant.orgRole,
        permissions: effectivePermissions(grant),
        events: events.filter((e) => e.sponsorId === grant.sponsorId).map((e) => ({
          event_id: e.eventId, title: e.title, start_at: e.startAt.toISOString(), end_at: e.endAt.toISOString(),
          tier_name: e.tierName, is_archived: e.archivedAt !== null,
        })),
      })),
    }
  })
}

export default routes
