// The objects GraphQL types resolve from: domain records, flattened, with who is looking (an organizer sees
// lead counts and its own sponsorships; a sponsor's people see their company's sponsorships everywhere).
import type { CallerTenant } from '../sponsors/sponsor-access'
import type { EventSponsor, LeadCounts, Sponsor, SponsorEvent } from '../repositories/sponsors-repository'
import type { EventSummary } from '../repositories/events-repository'

export type Viewer = { kind: 'organizer'; tenant: CallerTenant } | { kind: 'sponsor' }

export interface SponsorView extends Sponsor {
  viewer: Viewer
  /** Sponsorships already read with the sponsor (a detail read); otherwise a loader reads them. */
  preloaded: SponsorshipView[] | null
}

export interface SponsorshipView {
  id: string
  eventId: string
  sponsorId: string
  tierId: string
  isFeatured: boolean
  isArchived: boolean
  boothLocation: string | null
  leadCounts: LeadCounts | null
  /** The company, when it was read with the sponsorship. */
  sponsorView: SponsorView | null
  eventSummary: EventSummary | null
}

export const sponsorView = (
  sponsor: Sponsor,
  viewer: Viewer,
  preloaded: SponsorshipView[] | null = null,
): SponsorView => ({ ...sponsor, viewer, preloaded })

/** A sponsorship read by the event's organizer (with counts when it has them). */
export function organizerSponsorship(
  item: EventSponsor & { leadCounts?: LeadCounts },
  viewer: Viewer,
): SponsorshipView {
  return {
    id: item.sponsorshipId,
    eventId: item.eventId,
    sponsorId: item.sponsor.id,
    tierId: item.tierId,
    isFeatured: item.isFeatured,
    isArchived: item.archivedAt !== null,
    boothLocation: item.boothLocation,
    leadCounts: viewer.kind === 'organizer' ? (item.leadCounts ?? null) : null,
    sponsorView: sponsorView(item.sponsor, viewer),
    eventSummary: null,
  }
}

/** A sponsorship as the sponsor's own people see it. */
export function sponsorSideSponsorship(item: SponsorEvent): SponsorshipView {
  return {
    id: item.sponsorshipId,
    eventId: item.eventId,
    sponsorId: item.sponsorId,
    tierId: item.tierId,
    isFeatured: item.isFeatured,
    isArchived: item.archivedAt !== null,
    boothLocation: item.boothLocation,
    leadCounts: null,
    sponsorView: null,
    eventSummary: { id: item.eventId, title: item.title, startAt: item.startAt, endAt: item.endAt },
  }
}
