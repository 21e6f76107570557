// The sponsor–event fit score of match-formula.ts as ONE set-based statement: every pair in scope is
// scored and upserted into sponsorship_matches together (no loop per pair), on Postgres and PGlite alike.
// Sponsors in scope have a sponsor_profiles row; events in scope have not ended.
import type { Queryable } from '../db/database'

/** Which pairs to score: everything, whole events, whole sponsors, and single pairs (any mix). */
export interface MatchScope {
  all?: boolean
  eventIds?: string[]
  sponsorIds?: string[]
  pairs?: { eventId: string; sponsorId: string }[]
}

const scoringSql = `
WITH sp AS MATERIALIZED (
  SELECT p.sponsor_id, s.org_id AS sponsor_org_id,
    greatest(coalesce(p.annual_budget_cents, 0), 0)::float8 AS budget,
    ARRAY(SELECT DISTINCT lower(c) FROM unnest(p.preferred_categories) c) AS cats,
    ARRAY(SELECT DISTINCT upper(r) FROM unnest(p.regions) r) AS regions,
    lower(concat_ws(' ', json_words(p.brand_objectives -> 'keywords'), json_words(p.brand_objectives -> 'goals'), json_words(p.target_audience -> 'interests'))) AS words,
    ARRAY(SELECT lower(t) FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p.activation_preferences -> 'avoid_tags') = 'array' THEN p.activation_preferences -> 'avoid_tags' ELSE '[]' END) t) AS avoid
  FROM sponsor_profiles p JOIN sponsors s ON s.id = p.sponsor_id
), ev AS MATERIALIZED (
  SELECT e.id AS event_id, e.org_id AS event_org_id, upper(e.country) AS country, upper(e.region) AS region,
    ARRAY(SELECT DISTINCT lower(c) FROM unnest(e.categories) c) AS cats,
    ARRAY(SELECT DISTINCT upper(x) FROM (SELECT e.country UNION ALL SELECT e.region UNION ALL SELECT jsonb_object_keys(coalesce(i.geo_distribution, '{}'))) g (x) WHERE x IS NOT NULL) AS regions,
    coalesce((SELECT jsonb_object_agg(upper(k), v) FROM jsonb_each(i.geo_distribution) kv (k, v) WHERE jsonb_typeof(v) = 'number'), '{}') AS geo,
    coalesce((SELECT sum(v::text::float8) FROM jsonb_each(i.geo_distribution) kv (k, v) WHERE jsonb_typeof(v) = 'number'), 0) AS geo_total,
    i.event_id IS NOT NULL AS has_insights, coalesce(i.engagement_score, 0) AS engagement, coalesce(i.ticket_conversion_rate, 0) AS conversion,
    lower(concat_ws(' ', e.title, array_to_string(e.categories, ' '), json_words(e.target_audience -> 'interests'))) AS words,
    ARRAY(SELECT lower(t) FROM unnest(e.brand_safety_tags) t) AS tags
  FROM events e LEFT JOIN event_audience_insights i ON i.event_id = e.id
  WHERE e.end_at >= now()
), pair AS (
  SELECT ev.*, sp.sponsor_id, sp.sponsor_org_id, sp.budget, sp.cats AS s_cats, sp.regions AS s_regions, sp.words AS s_words, sp.avoid
  FROM ev CROSS JOIN sp
  WHERE $1::boolean OR ev.event_id = ANY($2::uuid[]) OR sp.sponsor_id = ANY($3::uuid[])
    OR (ev.event_id, sp.sponsor_id) IN (SELECT * FROM unnest($4::uuid[], $5::uuid[]))
), part AS MATERIALIZED (
  SELECT pair.event_id, pair.sponsor_id, pair.event_org_id, pair.sponsor_org_id,
    pair.budget / (pair.budget + 100000) AS budget_fit,
    CASE WHEN cardinality(pair.s_cats) = 0 OR NOT (pair.s_cats && pair.cats) THEN 0::float8
      ELSE (SELECT count(*) FROM unnest(pair.s_cats) c WHERE c = ANY(pair.cats))::float8 / cardinality(pair.s_cats) END AS categories,
    CASE WHEN cardinality(pair.s_regions) = 0 OR NOT (pair.s_regions && pair.regions) THEN 0::float8
      ELSE (SELECT count(*) FROM unnest(pair.s_regions) r WHERE r = ANY(pair.regions))::float8 / cardinality(pair.s_regions) END AS geo_overlap,
    CASE WHEN cardinality(pair.s_regions) = 0 OR NOT (pair.s_regions && pair.regions) THEN 0::float8
      WHEN pair.geo_total > 0 THEN least(1, (SELECT coalesce(sum((pair.geo ->> r)::float8), 0) FROM unnest(pair.s_regions) r) / pair.geo_total)
      WHEN pair.country = ANY(pair.s_regions) OR pair.region = ANY(pair.s_regions) THEN 1::float8 ELSE 0::float8 END AS geo_fit,
    CASE WHEN pair.has_insights THEN 0.7 * pair.engagement + 0.3 * pair.conversion ELSE 0::float8 END AS engagement_quality,
    similarity(pair.s_words, pair.words)::float8 AS text_similarity,
    NOT (pair.avoid && pair.tags) AS brand_safe
  FROM pair
), scored AS (
  SELECT part.*, 0.6 * categories + 0.4 * geo_overlap AS audience_overlap, 0.5 + 0.5 * text_similarity AS objectives_similarity FROM part
), final AS (
  SELECT scored.*, least(1, greatest(0, 0.25 * budget_fit + 0.35 * audience_overlap + 0.15 * geo_fit + 0.15 * engagement_quality + 0.10 * objectives_similarity)) AS score
  FROM scored
)
INSERT INTO sponsorship_matches AS m (event_id, sponsor_id, event_org_id, sponsor_org_id, score, overlap_metrics, brand_safe, status, updated_at)
SELECT event_id, sponsor_id, event_org_id, sponsor_org_id, score,
  jsonb_build_object(
    'budget_fit', budget_fit,
    'audience_overlap', jsonb_build_object('categories', categories, 'geo', geo_overlap, 'score', audience_overlap),
    'geo_fit', geo_fit, 'engagement_quality', engagement_quality, 'objectives_similarity', objectives_similarity,
    'text_similarity', text_similarity, 'brand_safe', brand_safe),
  brand_safe, CASE WHEN score >= 0.5 THEN 'suggested' ELSE 'pending' END, now()
FROM final
ON CONFLICT (event_id, sponsor_id) DO UPDATE SET
  score = EXCLUDED.score, overlap_metrics = EXCLUDED.overlap_metrics, brand_safe = EXCLUDED.brand_safe, updated_at = now(),
  status = CASE WHEN m.status IN ('accepted', 'rejected') THEN m.status ELSE EXCLUDED.status END`

/** Scores every pair in scope and upserts it; returns how many pairs were written. */
export async function computeMatches(db: Queryable, scope: MatchScope): Promise<number> {
  const pairs = scope.pairs ?? []
  const result = await db.query(scoringSql, [
    scope.all === true,
    scope.eventIds ?? [],
    scope.sponsorIds ?? [],
    pairs.map((p) => p.eventId),
    pairs.map((p) => p.sponsorId),
  ])
  return result.rowCount ?? 0
}
