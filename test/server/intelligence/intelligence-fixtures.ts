// Hand-made sponsors, events and insights written straight to the database, for matching tests and the bench.
import { randomUUID } from 'node:crypto'
import type { Queryable } from '../../../server/db/database'
import type { AudienceInsights, EventFacts, SponsorTargeting } from '../../../server/intelligence/match-formula'

export const noTargeting: SponsorTargeting = {
  annualBudgetCents: null,
  preferredCategories: [],
  regions: [],
  keywords: [],
  goals: [],
  interests: [],
  avoidTags: [],
}
export const plainEvent: EventFacts = {
  title: 'Event',
  categories: [],
  country: null,
  region: null,
  interests: [],
  brandSafetyTags: [],
}

/** An organizer organization; returns its id. */
export async function makeOrganizer(db: Queryable, name = 'Organizer') {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organizations (name, kind) VALUES ($1, 'organizer') RETURNING id`,
    [name],
  )
  return rows[0]!.id
}

/** A sponsor organization with its sponsor record and targeting profile. */
export async function makeSponsor(db: Queryable, t: SponsorTargeting, name = 'Sponsor') {
  const { rows: org } = await db.query<{ id: string }>(
    `INSERT INTO organizations (name, kind) VALUES ($1, 'sponsor') RETURNING id`,
    [name],
  )
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sponsors (org_id, company_name) VALUES ($1, $2) RETURNING id`,
    [org[0]!.id, name],
  )
  const sponsorId = rows[0]!.id
  await db.query(
    `INSERT INTO sponsor_profiles (sponsor_id, org_id, annual_budget_cents, preferred_categories, regions, brand_objectives, target_audience, activation_preferences)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      sponsorId,
      org[0]!.id,
      t.annualBudgetCents,
      t.preferredCategories,
      t.regions,
      JSON.stringify({ keywords: t.keywords, goals: t.goals }),
      JSON.stringify({ age_buckets: [], interests: t.interests }),
      JSON.stringify({ avoid_tags: t.avoidTags }),
    ],
  )
  return { sponsorId, orgId: org[0]!.id }
}

/** An event that has not ended, with its audience insights when given. */
export async function makeEvent(db: Queryable, orgId: string, e: EventFacts, insights: AudienceInsights | null) {
  const id = randomUUID()
  await db.query(
    `INSERT INTO events (id, org_id, title, start_at, end_at, country, region, categories, target_audience, brand_safety_tags)
     VALUES ($1, $2, $3, now() + interval '30 days', now() + interval '31 days', $4, $5, $6, $7, $8)`,
    [
      id,
      orgId,
      e.title,
      e.country,
      e.region,
      e.categories,
      JSON.stringify({ interests: e.interests }),
      e.brandSafetyTags,
    ],
  )
  if (insights) {
    await db.query(
      `INSERT INTO event_audience_insights (event_id, org_id, geo_distribution, engagement_score, ticket_conversion_rate) VALUES ($1, $2, $3, $4, $5)`,
      [id, orgId, JSON.stringify(insights.geoDistribution), insights.engagementScore, insights.ticketConversionRate],
    )
  }
  return id
}
