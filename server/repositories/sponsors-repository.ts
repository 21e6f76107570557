// Sponsor companies and their event sponsorships. Columns are aliased to camelCase once, here.
import type { Queryable } from '../db/database'
import { setClauses } from '../db/patch'

export interface Sponsor {
  id: string
  orgId: string
  managedByOrgId: string | null
  companyName: string
  contactEmail: string | null
  website: string | null
  description: string | null
  /** The sponsor's industry (e.g. "Beverage"): packages' category allow-lists and exclusivity test it. */
  category: string | null
  /** The company's logo (an http(s) URL), shown to attendees beside its name and tier. */
  logoUrl: string | null
  createdAt: Date
  updatedAt: Date
}

export type SponsorProfile = Pick<
  Sponsor,
  'companyName' | 'contactEmail' | 'website' | 'description' | 'category' | 'logoUrl'
>

/** A sponsor at one event: the company and its sponsorship there. */
export interface EventSponsor {
  sponsor: Sponsor
  sponsorshipId: string
  organizerOrgId: string
  eventId: string
  tierId: string
  tierName: string
  isFeatured: boolean
  boothLocation: string | null
  archivedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export type SponsorshipFields = Pick<EventSponsor, 'tierId' | 'isFeatured' | 'boothLocation' | 'archivedAt'>

const sponsorColumns = (alias: string) => `
  ${alias}.id, ${alias}.org_id AS "orgId", ${alias}.managed_by_org_id AS "managedByOrgId",
  ${alias}.company_name AS "companyName", ${alias}.contact_email AS "contactEmail", ${alias}.website,
  ${alias}.description, ${alias}.category, ${alias}.logo_url AS "logoUrl", ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt"`

const eventSponsorSelect = `
  SELECT row_to_json(s_row) AS sponsor, es.id AS "sponsorshipId", es.org_id AS "organizerOrgId",
    es.event_id AS "eventId", es.tier_id AS "tierId", t.name AS "tierName", es.is_featured AS "isFeatured",
    es.booth_location AS "boothLocation", es.archived_at AS "archivedAt", es.created_at AS "createdAt",
    es.updated_at AS "updatedAt"
  FROM event_sponsorships es
  JOIN sponsor_tiers t ON t.id = es.tier_id
  JOIN LATERAL (SELECT ${sponsorColumns('s')} FROM sponsors s WHERE s.id = es.sponsor_id) s_row ON true`

interface EventSponsorRow extends Omit<EventSponsor, 'sponsor'> {
  sponsor: Omit<Sponsor, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string }
}

const toEventSponsor = (row: EventSponsorRow): EventSponsor => ({
  ...row,
  sponsor: { ...row.sponsor, createdAt: new Date(row.sponsor.createdAt), updatedAt: new Date(row.sponsor.updatedAt) },
})

const profileColumns = {
  companyName: 'company_name',
  contactEmail: 'contact_email',
  website: 'website',
  description: 'description',
  category: 'category',
  logoUrl: 'logo_url',
} as const satisfies Record<keyof SponsorProfile, string>

const sponsorshipColumns = {
  tierId: 'tier_id',
  isFeatured: 'is_featured',
  boothLocation: 'booth_location',
  archivedAt: 'archived_at',
} as const satisfies Record<keyof SponsorshipFields, string>

/** Makes the one sponsor record of a sponsor organization. */
export async function insertSponsor(
  db: Queryable,
  sponsor: { orgId: string; managedByOrgId: string | null } & Omit<SponsorProfile, 'logoUrl'> & {
      logoUrl?: string | null
    },
) {
  const { rows } = await db.query<Sponsor>(
    `INSERT INTO sponsors AS s (org_id, managed_by_org_id, company_name, contact_email, website, description, category, logo_url)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${sponsorColumns('s')}`,
    [
      sponsor.orgId,
      sponsor.managedByOrgId,
      sponsor.companyName,
      sponsor.contactEmail,
      sponsor.website,
      sponsor.description,
      sponsor.category,
      sponsor.logoUrl ?? null,
    ],
  )
  return rows[0]!
}

export async function findSponsor(db: Queryable, id: string) {
  const { rows } = await db.query<Sponsor>(`SELECT ${sponsorColumns('s')} FROM sponsors s WHERE s.id = $1`, [id])
  return rows[0] ?? null
}

export async function findSponsorByOrg(db: Queryable, orgId: string) {
  const { rows } = await db.query<Sponsor>(`SELECT ${sponsorColumns('s')} FROM sponsors s WHERE s.org_id = $1`, [orgId])
  return rows[0] ?? null
}

export async function updateSponsorProfile(db: Queryable, id: string, patch: Partial<SponsorProfile>) {
  const { sets, values } = setClauses(patch, profileColumns, 2)
  const { rows } = await db.query<Sponsor>(
    `UPDATE sponsors s SET ${sets} WHERE s.id = $1 RETURNING ${sponsorColumns('s')}`,
    [id, ...values],
  )
  if (rows[0] && patch.companyName) {
    await db.query('UPDATE organizations SET name = $2 WHERE id = $1', [rows[0].orgId, patch.companyName])
  }
  return rows[0] ?? null
}

/** Links a sponsor to an event; null when it is already linked. */
export async function insertSponsorship(
  db: Queryable,
  link: {
    organizerOrgId: string
    eventId: string
    sponsor: Sponsor
    tierId: string
    isFeatured: boolean
    boothLocation: string | null
  },
) {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO event_sponsorships (org_id, event_id, sponsor_id, sponsor_org_id, tier_id, is_featured, booth_location)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, sponsor_id) DO NOTHING RETURNING id`,
    [
      link.organizerOrgId,
      link.eventId,
      link.sponsor.id,
      link.sponsor.orgId,
      link.tierId,
      link.isFeatured,
      link.boothLocation,
    ],
  )
  return rows[0] ? findEventSponsor(db, link.eventId, link.sponsor.id) : null
}

export async function findEventSponsor(db: Queryable, eventId: string, sponsorId: string) {
  const { rows } = await db.query<EventSponsorRow>(
    `${eventSponsorSelect} WHERE es.event_id = $1 AND es.sponsor_id = $2`,
    [eventId, sponsorId],
  )
  return rows[0] ? toEventSponsor(rows[0]) : null
}

/** The sponsorships of one sponsor at the organizer's events (RLS limits what a tenant sees). */
export async function listSponsorshipsOf(db: Queryable, organizerOrgId: string, sponsorId: string) {
  const { rows } = await db.query<EventSponsorRow>(
    `${eventSponsorSelect} WHERE es.org_id = $1 AND es.sponsor_id = $2 ORDER BY es.created_at`,
    [organizerOrgId, sponsorId],
  )
  return rows.map(toEventSponsor)
}

export async function listEventSponsors(
  db: Queryable,
  eventId: string,
  filter: { includeArchived: boolean; tierId?: string; isFeatured?: boolean },
) {
  const { rows } = await db.query<EventSponsorRow>(
    `${eventSponsorSelect}
     WHERE es.event_id = $1 AND ($2 OR es.archived_at IS NULL)
       AND ($3::uuid IS NULL OR es.tier_id = $3) AND ($4::boolean IS NULL OR es.is_featured = $4)
     ORDER BY t.display_order, es.is_featured DESC, (s_row."companyName")`,
    [eventId, filter.includeArchived, filter.tierId ?? null, filter.isFeatured ?? null],
  )
  return rows.map(toEventSponsor)
}

export async function updateSponsorship(db: Queryable, sponsorshipId: string, patch: Partial<SponsorshipFields>) {
  const { sets, values } = setClauses(patch, sponsorshipColumns, 2)
  const { rowCount } = await db.query(`UPDATE event_sponsorships SET ${sets} WHERE id = $1`, [sponsorshipId, ...values])
  return rowCount === 1
}

/** Lead counts and intent distribution per sponsor of an event: counts only (a database function). */
export async function eventLeadCounts(db: Queryable, eventId: string) {
  const { rows } = await db.query<{ sponsor_id: string; lead_count: number; hot: number; warm: number; cold: number }>(
    'SELECT * FROM event_lead_counts($1)',
    [eventId],
  )
  return new Map(
    rows.map((row) => [row.sponsor_id, { total: row.lead_count, hot: row.hot, warm: row.warm, cold: row.cold }]),
  )
}

export interface SponsorEvent {
  sponsorId: string
  sponsorshipId: string
  tierId: string
  isFeatured: boolean
  boothLocation: string | null
  eventId: string
  title: string
  startAt: Date
  endAt: Date
  tierName: string
  archivedAt: Date | null
}

/** The events the given sponsors are linked to (read for the sponsor's own people, outside any tenant). */
export async function listSponsorEvents(db: Queryable, sponsorIds: string[]) {
  const { rows } = await db.query<SponsorEvent>(
    `SELECT es.sponsor_id AS "sponsorId", es.id AS "sponsorshipId", es.tier_id AS "tierId", es.is_featured AS "isFeatured",
       es.booth_location AS "boothLocation", e.id AS "eventId", e.title, e.start_at AS "startAt", e.end_at AS "endAt",
       t.name AS "tierName", es.archived_at AS "archivedAt"
     FROM event_sponsorships es JOIN events e ON e.id = es.event_id JOIN sponsor_tiers t ON t.id = es.tier_id
     WHERE es.sponsor_id = ANY($1) ORDER BY e.start_at`,
    [sponsorIds],
  )
  return rows
}

export async function tierBelongsToEvent(db: Queryable, tierId: string, eventId: string) {
  const { rowCount } = await db.query('SELECT 1 FROM sponsor_tiers WHERE id = $1 AND event_id = $2', [tierId, eventId])
  return rowCount === 1
}

export type LeadCounts = { total: number; hot: number; warm: number; cold: number }

/** eventLeadCounts for several events in one statement: event id → sponsor id → counts. */
export async function eventLeadCountsMany(db: Queryable, eventIds: readonly string[]) {
  const { rows } = await db.query<{
    event_id: string
    sponsor_id: string
    lead_count: number
    hot: number
    warm: number
    cold: number
  }>('SELECT e.id AS event_id, c.* FROM unnest($1::uuid[]) AS e(id) CROSS JOIN LATERAL event_lead_counts(e.id) c', [
    eventIds,
  ])
  const byEvent = new Map<string, Map<string, LeadCounts>>(eventIds.map((id) => [id, new Map()]))
  for (const row of rows)
    byEvent
      .get(row.event_id)!
      .set(row.sponsor_id, { total: row.lead_count, hot: row.hot, warm: row.warm, cold: row.cold })
  return byEvent
}

/** The sponsorships of several sponsors at the organizer's events, in one statement. */
export async function listSponsorshipsOfMany(db: Queryable, organizerOrgId: string, sponsorIds: readonly string[]) {
  const { rows } = await db.query<EventSponsorRow>(
    `${eventSponsorSelect} WHERE es.org_id = $1 AND es.sponsor_id = ANY($2::uuid[]) ORDER BY es.created_at`,
    [organizerOrgId, sponsorIds],
  )
  return rows.map(toEventSponsor)
}

/** What an attendee sees of a sponsor at an event: no contact details, no organization ids, no counts. */
export interface PublicSponsor {
  sponsorId: string
  companyName: string
  website: string | null
  description: string | null
  logoUrl: string | null
  tierId: string
  tierName: string
  tierColor: string | null
  tierDisplayOrder: number
  isFeatured: boolean
  boothLocation: string | null
}

/** An event's active sponsors as attendees see them (read as the server: the event is public); null for an unknown event. */
export async function listPublicEventSponsors(db: Queryable, eventId: string): Promise<PublicSponsor[] | null> {
  const { rows } = await db.query<PublicSponsor & { eventExists: boolean }>(
    `SELECT true AS "eventExists", s.id AS "sponsorId", s.company_name AS "companyName", s.website, s.description, s.logo_url AS "logoUrl",
       t.id AS "tierId", t.name AS "tierName", t.color AS "tierColor", t.display_order AS "tierDisplayOrder",
       es.is_featured AS "isFeatured", es.booth_location AS "boothLocation"
     FROM events e
     LEFT JOIN event_sponsorships es ON es.event_id = e.id AND es.archived_at IS NULL
     LEFT JOIN sponsors s ON s.id = es.sponsor_id
     LEFT JOIN sponsor_tiers t ON t.id = es.tier_id
     WHERE e.id = $1
     ORDER BY t.display_order, es.is_featured DESC, s.company_name`,
    [eventId],
  )
  if (rows.length === 0) return null
  return rows.filter((row) => row.sponsorId !== null).map(({ eventExists: _exists, ...sponsor }) => sponsor)
}

/** Sponsors by id, read as the server: for sponsorships the caller was already allowed to see. */
export async function sponsorsByIds(db: Queryable, ids: readonly string[]) {
  const { rows } = await db.query<Sponsor>(
    `SELECT ${sponsorColumns('s')} FROM sponsors s WHERE s.id = ANY($1::uuid[])`,
    [ids],
  )
  return rows
}
