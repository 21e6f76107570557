// Seed 003's sponsor–event fit score, in plain TypeScript: the reference the set-based SQL in
// match-sql.ts must agree with (unit tests and bench:intelligence check it pair by pair).
//
//   score = 0.25·budget_fit + 0.35·audience_overlap + 0.15·geo_fit + 0.15·engagement_quality + 0.10·objectives_similarity
//
// budget_fit            clamp(b / (b + 100000)), b = annual_budget_cents (none = 0)
// category_overlap      |preferred_categories ∩ event categories| / |preferred_categories|   (case-insensitive, 0 when none preferred)
// geo_overlap           |regions ∩ event regions| / |regions|  — event regions: its country, its region and every key of
//                       its audience's geo_distribution (case-insensitive, 0 when the sponsor names no region)
// audience_overlap      0.6·category_overlap + 0.4·geo_overlap
// geo_fit               the share of the event's audience (geo_distribution counts) that is in the sponsor's regions;
//                       without a geo distribution, 1 when the event's country or region is one of them, else 0
// engagement_quality    0.7·engagement_score + 0.3·ticket_conversion_rate (0 without insights)
// objectives_similarity 0.5 + 0.5·trigram similarity (pg_trgm's similarity()) between the sponsor's objective words
//                       (brand_objectives keywords and goals, target_audience interests) and the event's words (title,
//                       categories, target_audience interests); seed 003's baseline 0.5 when either side has no words

export const matchWeights = {
  budgetFit: 0.25,
  audienceOverlap: 0.35,
  geoFit: 0.15,
  engagementQuality: 0.15,
  objectivesSimilarity: 0.1,
} as const

export interface SponsorTargeting {
  annualBudgetCents: number | null
  preferredCategories: string[]
  regions: string[]
  keywords: string[]
  goals: string[]
  interests: string[]
  avoidTags: string[]
}

export interface EventFacts {
  title: string
  categories: string[]
  country: string | null
  region: string | null
  interests: string[]
  brandSafetyTags: string[]
}

export interface AudienceInsights {
  geoDistribution: Record<string, number>
  engagementScore: number
  ticketConversionRate: number
}

export interface OverlapMetrics {
  budget_fit: number
  audience_overlap: { categories: number; geo: number; score: number }
  geo_fit: number
  engagement_quality: number
  objectives_similarity: number
  text_similarity: number
  brand_safe: boolean
}

export interface MatchResult {
  score: number
  overlapMetrics: OverlapMetrics
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x))
const lowerSet = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()))
const upperSet = (xs: string[]) => new Set(xs.map((x) => x.toUpperCase()))

/** |a ∩ b| / |a| over distinct values; 0 when a is empty. */
function shareOf(a: Set<string>, b: Set<string>) {
  if (a.size === 0) return 0
  let common = 0
  for (const x of a) if (b.has(x)) common += 1
  return common / a.size
}

/** pg_trgm's trigrams of a text: each lower-cased word padded with two spaces before and one after. */
export function trigrams(text: string): Set<string> {
  const set = new Set<string>()
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue
    const padded = [' ', ' ', ...word, ' ']
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3).join(''))
  }
  return set
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams of both; 0 when either has none. */
export function trigramSimilarity(a: string, b: string) {
  const ta = trigrams(a)
  const tb = trigrams(b)
  if (ta.size === 0 || tb.size === 0) return 0
  let common = 0
  for (const t of ta) if (tb.has(t)) common += 1
  return common / (ta.size + tb.size - common)
}

export const sponsorText = (s: SponsorTargeting) => [...s.keywords, ...s.goals, ...s.interests].join(' ').toLowerCase()
export const eventText = (e: EventFacts) => [e.title, ...e.categories, ...e.interests].join(' ').toLowerCase()

/** The fit of one sponsor with one event, with every component of the explanation. */
export function computeMatch(
  sponsor: SponsorTargeting,
  event: EventFacts,
  insights: AudienceInsights | null,
): MatchResult {
  const budget = Math.max(0, sponsor.annualBudgetCents ?? 0)
  const budgetFit = clamp01(budget / (budget + 100000))

  const regions = upperSet(sponsor.regions)
  const geo = Object.fromEntries(Object.entries(insights?.geoDistribution ?? {}).map(([k, v]) => [k.toUpperCase(), v]))
  const eventRegions = upperSet([event.country, event.region, ...Object.keys(geo)].filter((x): x is string => !!x))
  const categories = shareOf(lowerSet(sponsor.preferredCategories), lowerSet(event.categories))
  const geoOverlap = shareOf(regions, eventRegions)
  const audienceOverlap = 0.6 * categories + 0.4 * geoOverlap

  const geoTotal = Object.values(geo).reduce((sum, n) => sum + n, 0)
  let geoFit: number
  if (regions.size === 0) geoFit = 0
  else if (geoTotal > 0) geoFit = clamp01([...regions].reduce((sum, r) => sum + (geo[r] ?? 0), 0) / geoTotal)
  else geoFit = [event.country, event.region].some((x) => x && regions.has(x.toUpperCase())) ? 1 : 0

  const engagementQuality = insights ? 0.7 * insights.engagementScore + 0.3 * insights.ticketConversionRate : 0
  const textSimilarity = trigramSimilarity(sponsorText(sponsor), eventText(event))
  const objectivesSimilarity = 0.5 + 0.5 * textSimilarity

  const brandSafe = brandSafetyConflicts(event.brandSafetyTags, sponsor.avoidTags).length === 0

  const w = matchWeights
  const score = clamp01(
    w.budgetFit * budgetFit +
      w.audienceOverlap * audienceOverlap +
      w.geoFit * geoFit +
      w.engagementQuality * engagementQuality +
      w.objectivesSimilarity * objectivesSimilarity,
  )
  return {
    score,
    overlapMetrics: {
      budget_fit: budgetFit,
      audience_overlap: { categories, geo: geoOverlap, score: audienceOverlap },
      geo_fit: geoFit,
      engagement_quality: engagementQuality,
      objectives_similarity: objectivesSimilarity,
      text_similarity: textSimilarity,
      brand_safe: brandSafe,
    },
  }
}

/** Seed 001 §12: the event's brand-safety tags the sponsor avoids (case-insensitive); none means brand safe. */
export function brandSafetyConflicts(eventTags: readonly string[], avoidTags: readonly string[]): string[] {
  const avoid = new Set(avoidTags.map((t) => t.toLowerCase()))
  return eventTags.filter((t) => avoid.has(t.toLowerCase()))
}
