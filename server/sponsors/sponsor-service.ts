// Sponsors of an organizer's events (seed 004), for the REST routes and GraphQL alike: add an existing
// sponsor organization or a new company, list with lead counts (counts only), read, update, archive and
// restore; the sponsors a user represents; and what attendees see of an event's sponsors.
import type { FastifyInstance } from 'fastify'
import type { Database, Queryable } from '../db/database'
import type { CallerTenant } from './sponsor-access'
import { effectivePermissions } from './sponsor-access'
import { organizerReaders, organizerWriters } from '../auth/access-checks'
import { findEvent } from '../repositories/events-repository'
import { insertOrganization } from '../repositories/users-repository'
import { listSponsorGrants, type SponsorGrant } from '../repositories/sponsor-people-repository'
import {
  eventLeadCounts,
  eventLeadCountsMany,
  findEventSponsor,
  findSponsor,
  findSponsorByOrg,
  insertSponsor,
  insertSponsorship,
  listEventSponsors,
  listPublicEventSponsors,
  listSponsorEvents,
  listSponsorshipsOf,
  tierBelongsToEvent,
  updateSponsorProfile,
  updateSponsorship,
  type EventSponsor,
  type LeadCounts,
  type PublicSponsor,
  type Sponsor,
  type SponsorEvent,
  type SponsorProfile,
  type SponsorshipFields,
} from '../repositories/sponsors-repository'
import { badRequest, conflict, forbidden, notFound } from '../errors'
import { sponsorAccessChanged } from '../realtime/room-access'
import type { SponsorPermission } from '../../shared/sponsors/permissions'

/** Organizers manage the sponsors of their events: any member reads, owners and admins write. */
export const sponsorAccess = { read: organizerReaders, write: organizerWriters } as const

export const noLeads: LeadCounts = { total: 0, hot: 0, warm: 0, cold: 0 }

export interface CountedSponsorship extends EventSponsor {
  leadCounts: LeadCounts
}

/** A sponsor as one organizer sees it: the company and its sponsorships at that organizer's events. */
export interface SponsorDetail {
  sponsor: Sponsor
  sponsorships: CountedSponsorship[]
}

export type NewSponsor = {
  tierId: string
  /** An existing sponsor organization; otherwise name and contactEmail make a new company. */
  sponsorOrgId?: string | undefined
  name?: string | undefined
  contactEmail?: string | undefined
  isFeatured?: boolean | undefined
  boothLocation?: string | null | undefined
} & Partial<Pick<SponsorProfile, 'website' | 'description' | 'category' | 'logoUrl'>>

export type SponsorChange = {
  /** Which sponsorship a per-event change applies to, when the sponsor is at several of the organizer's events. */
  eventId?: string | undefined
  tierId?: string | undefined
  isFeatured?: boolean | undefined
  isArchived?: boolean | undefined
  boothLocation?: string | null | undefined
} & Partial<SponsorProfile>

async function requireTierOfEvent(tx: Queryable, tierId: string, eventId: string) {
  if (!(await tierBelongsToEvent(tx, tierId, eventId))) {
    throw badRequest(
      'tier-not-in-event',
      'tier_id must be a sponsor tier of this event; list them at …/events/{event_id}/sponsor-tiers.',
    )
  }
}

/** The sponsorship a sponsor-level change applies to: the one named, or the only one. */
export function pickSponsorship<S extends { eventId: string }>(
  sponsorships: readonly S[],
  eventId: string | undefined,
): S {
  if (sponsorships.length === 0) throw notFound('Sponsor')
  if (eventId) {
    const match = sponsorships.find((s) => s.eventId === eventId)
    if (!match) throw notFound('The sponsor at that event')
    return match
  }
  if (sponsorships.length === 1) return sponsorships[0]!
  throw badRequest('event-required', 'This sponsor is at several of your events: say which with event_id.')
}

async function withCounts(tx: Queryable, sponsorships: EventSponsor[]): Promise<CountedSponsorship[]> {
  const counts = await eventLeadCountsMany(tx, [...new Set(sponsorships.map((s) => s.eventId))])
  return sponsorships.map((s) => ({ ...s, leadCounts: counts.get(s.eventId)?.get(s.sponsor.id) ?? noLeads }))
}

async function detailIn(tx: Queryable, organizerOrgId: string, sponsorId: string): Promise<SponsorDetail | null> {
  const sponsorships = await listSponsorshipsOf(tx, organizerOrgId, sponsorId)
  const sponsor = sponsorships[0]?.sponsor ?? (await findSponsor(tx, sponsorId))
  if (!sponsor || (sponsorships.length === 0 && sponsor.managedByOrgId !== organizerOrgId)) return null
  return { sponsor, sponsorships: await withCounts(tx, sponsorships) }
}

export async function addSponsor(
  db: Database,
  tenant: CallerTenant,
  eventId: string,
  input: NewSponsor,
): Promise<EventSponsor> {
  const isExisting = input.sponsorOrgId !== undefined
  if (isExisting && (input.name !== undefined || input.contactEmail !== undefined)) {
    throw badRequest(
      'sponsor-ambiguous',
      'Send either sponsor_org_id (an existing sponsor) or name and contact_email (a new company), not both.',
    )
  }
  if (!isExisting && (input.name === undefined || input.contactEmail === undefined)) {
    throw badRequest(
      'sponsor-required',
      'Send sponsor_org_id for an existing sponsor organization, or name and contact_email for a new company.',
    )
  }
  // An existing sponsor organization is found by its id, outside the tenant: it belongs to someone else.
  const existing = isExisting ? await findSponsorByOrg(db, input.sponsorOrgId!) : null
  if (isExisting && !existing) throw notFound('Sponsor organization')
  return db.tenantTransaction(tenant, async (tx) => {
    if (!(await findEvent(tx, tenant.orgId, eventId))) throw notFound('Event')
    await requireTierOfEvent(tx, input.tierId, eventId)
    const sponsor =
      existing ??
      (await insertSponsor(tx, {
        orgId: await insertOrganization(tx, { name: input.name!, kind: 'sponsor' }),
        managedByOrgId: tenant.orgId,
        companyName: input.name!,
        contactEmail: input.contactEmail!,
        website: input.website ?? null,
        description: input.description ?? null,
        category: input.category ?? null,
        logoUrl: input.logoUrl ?? null,
      }))
    const linked = await insertSponsorship(tx, {
      organizerOrgId: tenant.orgId,
      eventId,
      sponsor,
      tierId: input.tierId,
      isFeatured: input.isFeatured ?? false,
      boothLocation: input.boothLocation ?? null,
    })
    if (!linked) throw conflict('sponsor-already-added', 'This sponsor is already at the event; update it instead.')
    return linked
  })
}

export interface EventSponsorFilter {
  includeArchived: boolean
  tierId?: string | undefined
  isFeatured?: boolean | undefined
}

/** An event's sponsors with their lead counts (counts only: the organizer never sees lead contact details). */
export function listEventSponsorsCounted(
  db: Database,
  tenant: CallerTenant,
  eventId: string,
  filter: EventSponsorFilter,
): Promise<CountedSponsorship[]> {
  return db.tenantTransaction(tenant, async (tx) => {
    if (!(await findEvent(tx, tenant.orgId, eventId))) throw notFound('Event')
    const list = await listEventSponsors(tx, eventId, {
      includeArchived: filter.includeArchived,
      ...(filter.tierId ? { tierId: filter.tierId } : {}),
      ...(filter.isFeatured !== undefined ? { isFeatured: filter.isFeatured } : {}),
    })
    const counts = await eventLeadCounts(tx, eventId)
    return list.map((s) => ({ ...s, leadCounts: counts.get(s.sponsor.id) ?? noLeads }))
  })
}

export async function getSponsorDetail(db: Database, tenant: CallerTenant, sponsorId: string): Promise<SponsorDetail> {
  const detail = await db.tenantTransaction(tenant, (tx) => detailIn(tx, tenant.orgId, sponsorId))
  if (!detail) throw notFound('Sponsor')
  return detail
}

/** Tier, featured, archived, booth (per event), and the profile of a company the organizer manages. */
export async function updateSponsor(
  app: FastifyInstance,
  tenant: CallerTenant,
  sponsorId: string,
  change: SponsorChange,
): Promise<SponsorDetail> {
  const sponsorshipPatch: Partial<SponsorshipFields> = {
    tierId: change.tierId,
    isFeatured: change.isFeatured,
    boothLocation: change.boothLocation,
    archivedAt: change.isArchived === undefined ? undefined : change.isArchived ? new Date() : null,
  }
  const profilePatch: Partial<SponsorProfile> = {
    companyName: change.companyName,
    contactEmail: change.contactEmail,
    website: change.website,
    description: change.description,
    category: change.category,
    logoUrl: change.logoUrl,
  }
  const hasSponsorshipChange = Object.values(sponsorshipPatch).some((v) => v !== undefined)
  const hasProfileChange = Object.values(profilePatch).some((v) => v !== undefined)
  const detail = await app.db.tenantTransaction(tenant, async (tx) => {
    const sponsorships = await listSponsorshipsOf(tx, tenant.orgId, sponsorId)
    const sponsor = sponsorships[0]?.sponsor ?? (await findSponsor(tx, sponsorId))
    if (!sponsor || (sponsorships.length === 0 && sponsor.managedByOrgId !== tenant.orgId)) throw notFound('Sponsor')
    if (hasProfileChange) {
      if (sponsor.managedByOrgId !== tenant.orgId)
        throw forbidden(
          'This sponsor keeps its own profile; only the organizer that created the company may change it.',
        )
      await updateSponsorProfile(tx, sponsorId, profilePatch)
    }
    if (hasSponsorshipChange || change.eventId) {
      const target = pickSponsorship(sponsorships, change.eventId)
      if (change.tierId) await requireTierOfEvent(tx, change.tierId, target.eventId)
      await updateSponsorship(tx, target.sponsorshipId, sponsorshipPatch)
    }
    return (await detailIn(tx, tenant.orgId, sponsorId))!
  })
  if (change.isArchived !== undefined) await sponsorAccessChanged(app, sponsorId)
  return detail
}

/** Archives the sponsor at one event (the only one, or eventId); leads are kept. Archiving twice changes nothing. */
export async function archiveSponsor(
  app: FastifyInstance,
  tenant: CallerTenant,
  sponsorId: string,
  eventId?: string,
): Promise<SponsorDetail> {
  const detail = await app.db.tenantTransaction(tenant, async (tx) => {
    const target = pickSponsorship(await listSponsorshipsOf(tx, tenant.orgId, sponsorId), eventId)
    const current = await findEventSponsor(tx, target.eventId, sponsorId)
    if (current && !current.archivedAt) await updateSponsorship(tx, target.sponsorshipId, { archivedAt: new Date() })
    return (await detailIn(tx, tenant.orgId, sponsorId))!
  })
  await sponsorAccessChanged(app, sponsorId)
  return detail
}

export function restoreSponsor(
  app: FastifyInstance,
  tenant: CallerTenant,
  sponsorId: string,
  eventId?: string,
): Promise<SponsorDetail> {
  return updateSponsor(app, tenant, sponsorId, { isArchived: false, eventId })
}

export interface MySponsor {
  grant: SponsorGrant
  role: string
  permissions: SponsorPermission[]
  events: SponsorEvent[]
}

/** The sponsors the user represents, with their role, permissions and events (the user's own data, no tenant). */
export async function mySponsors(db: Database, userId: string): Promise<MySponsor[]> {
  const grants = await listSponsorGrants(db, userId)
  const events = await listSponsorEvents(
    db,
    grants.map((g) => g.sponsorId),
  )
  return grants.map((grant) => ({
    grant,
    role: grant.orgRole === 'member' ? (grant.sponsorRole ?? 'member') : grant.orgRole,
    permissions: effectivePermissions(grant),
    events: events.filter((e) => e.sponsorId === grant.sponsorId),
  }))
}

/** What an attendee may see of an event's active sponsors: names, tiers, logos, booths. 404 for an unknown event. */
export async function publicEventSponsors(db: Database, eventId: string): Promise<PublicSponsor[]> {
  const sponsors = await listPublicEventSponsors(db, eventId)
  if (!sponsors) throw notFound('Event')
  return sponsors
}

/** The sponsor company as its own people read it (acting for its organization). */
export async function getOwnSponsor(db: Database, tenant: CallerTenant, sponsorId: string): Promise<Sponsor> {
  const sponsor = await db.tenantTransaction(tenant, (tx) => findSponsor(tx, sponsorId))
  if (!sponsor) throw notFound('Sponsor')
  return sponsor
}
