// Text search over events and sponsors with typo tolerance (pg_trgm): a word similar enough to the query
// matches ("festivl" finds "Festival"); results rank by trigram word similarity, an exact substring first.
// Events are found when they have a package on sale in the marketplace, or belong to the caller; sponsors
// when they keep a targeting profile (they take part in matching), or are the caller.
import type { Queryable } from '../db/database'

export const searchThreshold = 0.3

export interface SearchHit {
  type: 'event' | 'sponsor'
  id: string
  title: string
  subtitle: string | null
  rank: number
}

const rankOf = (doc: string) =>
  `(greatest(word_similarity($1, ${doc}), similarity($1, ${doc})) + CASE WHEN strpos(${doc}, $1) > 0 THEN 0.5 ELSE 0 END)`

export async function search(
  db: Queryable,
  callerOrgId: string,
  q: string,
  type: 'events' | 'sponsors',
  limit: number,
): Promise<SearchHit[]> {
  const query = q.trim().toLowerCase()
  const sql =
    type === 'events'
      ? `SELECT 'event' AS type, e.id, e.title, concat_ws(', ', e.city, e.country) AS subtitle, r.rank::float8 AS rank
       FROM events e
       CROSS JOIN LATERAL (SELECT lower(concat_ws(' ', e.title, array_to_string(e.categories, ' '), e.city)) AS doc) d
       CROSS JOIN LATERAL (SELECT ${rankOf('d.doc')} AS rank) r
       WHERE r.rank >= $2 AND e.end_at >= now() - interval '1 day'
         AND (e.org_id = $3 OR EXISTS (SELECT 1 FROM sponsorship_packages p WHERE p.event_id = e.id AND p.is_active AND p.visibility = 'public'))
       ORDER BY r.rank DESC, e.start_at, e.id LIMIT $4`
      : `SELECT 'sponsor' AS type, s.id, s.company_name AS title, coalesce(sp.industry, s.category) AS subtitle, r.rank::float8 AS rank
       FROM sponsors s LEFT JOIN sponsor_profiles sp ON sp.sponsor_id = s.id
       CROSS JOIN LATERAL (SELECT lower(concat_ws(' ', s.company_name, sp.industry, s.category, array_to_string(sp.preferred_categories, ' '))) AS doc) d
       CROSS JOIN LATERAL (SELECT ${rankOf('d.doc')} AS rank) r
       WHERE r.rank >= $2 AND (s.org_id = $3 OR sp.sponsor_id IS NOT NULL)
       ORDER BY r.rank DESC, s.company_name, s.id LIMIT $4`
  const { rows } = await db.query<SearchHit>(sql, [query, searchThreshold, callerOrgId, limit])
  return rows
}

export interface PackageCard {
  package_id: string
  event_id: string
  title: string
  tier: string
  price_cents: string
  currency: string
  available_inventory: number
  quality_score: string
  quality_tier: string
  event_title: string
  event_start_at: Date
  event_city: string | null
  event_country: string | null
  stats: Record<string, unknown>
  refreshed_at: Date
}

export const packageCardRule = { minQuality: 70, pageSize: 20 } as const

/** Seed 003's marketplace query over v_sponsorship_package_cards (refreshed every 15 minutes). */
export async function packageCards(db: Queryable, page: number) {
  const { rows } = await db.query<PackageCard>(
    `SELECT package_id, event_id, title, tier, price_cents, currency, available_inventory, quality_score, quality_tier, event_title,
       event_start_at, event_city, event_country, stats, refreshed_at
     FROM v_sponsorship_package_cards
     WHERE is_active AND visibility = 'public' AND available_inventory >= 1 AND quality_score >= $1
     ORDER BY quality_score DESC, package_id LIMIT $2 OFFSET $3`,
    [packageCardRule.minQuality, packageCardRule.pageSize, (page - 1) * packageCardRule.pageSize],
  )
  return rows
}
