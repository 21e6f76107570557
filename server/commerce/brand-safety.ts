// Seed 001 §12 brand safety at the point of sale: an event whose brand_safety_tags meet the sponsor profile's
// activation_preferences.avoid_tags refuses a proposal or an order, naming the tags. Matching (server/intelligence)
// already leaves such pairs out of recommendations with the same rule.
import type { Queryable } from '../db/database'
import { conflict } from '../errors'
import { brandSafetyConflicts } from '../intelligence/match-formula'

export async function assertBrandSafe(tx: Queryable, eventId: string, sponsorId: string) {
  const { rows } = await tx.query<{ tags: string[]; avoid: string[] | null }>(
    `SELECT e.brand_safety_tags AS tags,
       (SELECT array(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(p.activation_preferences->'avoid_tags') = 'array'
          THEN p.activation_preferences->'avoid_tags' ELSE '[]' END)) FROM sponsor_profiles p WHERE p.sponsor_id = $2) AS avoid
     FROM events e WHERE e.id = $1`,
    [eventId, sponsorId],
  )
  const row = rows[0]
  if (!row) return
  const tags = brandSafetyConflicts(row.tags, row.avoid ?? [])
  if (tags.length === 0) return
  throw conflict(
    'brand-safety-conflict',
    `The event is tagged ${tags.map((t) => `"${t}"`).join(', ')}, which the sponsor's profile avoids (activation_preferences.avoid_tags); no proposal or order can be made for this pair.`,
    { tags },
  )
}
