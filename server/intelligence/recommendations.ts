// Seed 003's v_sponsor_recommendations and v_event_recommendations as queries over sponsorship_matches.
// Each runs as the server, scoped explicitly to the caller: an organizer sees matches of its own event,
// a sponsor its own matches. Unsafe pairs (brand safety), rejected matches and matches the caller's
// side marked not useful are left out.
import type { Queryable } from '../db/database'
import { notFound } from '../errors'

export const sponsorRecommendationRule = { minScore: 0.6, limit: 10 } as const
export const eventRecommendationRule = { minScore: 0.5, limit: 20 } as const

export interface MatchRow {
  id: string
  event_id: string
  sponsor_id: string
  score: number
  overlap_metrics: Record<string, unknown>
  status: string
  viewed_at: Date | null
  contacted_at: Date | null
  updated_at: Date
}

const matchColumns =
  'm.id, m.event_id, m.sponsor_id, m.score, m.overlap_metrics, m.status, m.viewed_at, m.contacted_at, m.updated_at'
const notHidden = (side: 'organizer' | 'sponsor') => `m.brand_safe AND m.status <> 'rejected'
  AND NOT EXISTS (SELECT 1 FROM match_feedback f WHERE f.match_id = m.id AND f.side = '${side}' AND NOT f.useful)`

export async function sponsorRecommendations(db: Queryable, organizerOrgId: string, eventId: string) {
  const event = await db.query('SELECT 1 FROM events WHERE id = $1 AND org_id = $2', [eventId, organizerOrgId])
  if (event.rowCount === 0) throw notFound('Event')
  const { rows } = await db.query<
    MatchRow & { company_name: string; category: string | null; industry: string | null; company_size: string | null }
  >(
    `SELECT ${matchColumns}, s.company_name, s.category, p.industry, p.company_size
     FROM sponsorship_matches m JOIN sponsors s ON s.id = m.sponsor_id LEFT JOIN sponsor_profiles p ON p.sponsor_id = m.sponsor_id
     WHERE m.event_id = $1 AND m.event_org_id = $2 AND m.score >= $3 AND ${notHidden('organizer')}
     ORDER BY m.score DESC, m.sponsor_id LIMIT $4`,
    [eventId, organizerOrgId, sponsorRecommendationRule.minScore, sponsorRecommendationRule.limit],
  )
  return rows
}

export async function eventRecommendations(db: Queryable, sponsorOrgId: string, sponsorId: string) {
  const { rows } = await db.query<
    MatchRow & {
      title: string
      start_at: Date
      city: string | null
      country: string | null
      categories: string[]
      available_packages: number
      from_price_cents: string
      currency: string
    }
  >(
    `SELECT ${matchColumns}, e.title, e.start_at, e.city, e.country, e.categories, pk.available_packages, cheapest.price_cents AS from_price_cents, cheapest.currency
     FROM sponsorship_matches m JOIN events e ON e.id = m.event_id
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS available_packages FROM sponsorship_packages p
       WHERE p.event_id = m.event_id AND p.is_active AND p.visibility = 'public' AND p.inventory > p.sold AND (p.available_until IS NULL OR p.available_until > now())
     ) pk
     CROSS JOIN LATERAL (
       SELECT p.price_cents, p.currency FROM sponsorship_packages p
       WHERE p.event_id = m.event_id AND p.is_active AND p.visibility = 'public' AND p.inventory > p.sold AND (p.available_until IS NULL OR p.available_until > now())
       ORDER BY p.price_cents LIMIT 1
     ) cheapest
     WHERE m.sponsor_id = $1 AND m.sponsor_org_id = $2 AND m.score >= $3 AND e.end_at >= now() AND ${notHidden('sponsor')}
     ORDER BY m.score DESC, m.event_id LIMIT $4`,
    [sponsorId, sponsorOrgId, eventRecommendationRule.minScore, eventRecommendationRule.limit],
  )
  return rows
}
