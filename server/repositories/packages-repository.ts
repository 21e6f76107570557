// Sponsorship packages and their versions (seed 001 §4.1, §8). Inventory is reserved with one
// conditional UPDATE, so concurrent buyers of the last unit cannot both get it.
import type { Queryable } from '../db/database'
import type { ReleaseCondition } from '../../shared/commerce/commerce-records'

export interface SponsorshipPackage {
  id: string
  orgId: string
  eventId: string
  templateId: string | null
  title: string
  tier: string
  priceCents: number
  currency: string
  inventory: number
  sold: number
  benefits: Record<string, unknown>
  availableFrom: Date | null
  availableUntil: Date | null
  maxPerSponsor: number | null
  exclusivity: boolean
  audienceSnapshot: Record<string, unknown>
  categoryAllow: string[]
  sponsorConflicts: string[]
  visibility: 'public' | 'private'
  cancellationWindowDays: number
  cancellationPenaltyPct: number
  /** When an order's escrow may be released; null: decided per order (deliverables_approved when it has deliverables). */
  releaseCondition: ReleaseCondition | null
  isActive: boolean
  version: number
  publishedAt: Date | null
  qualityScore: number | null
  createdAt: Date
  updatedAt: Date
}

/** The terms an offer is made on; kept per version. */
export type PackageTerms = Pick<
  SponsorshipPackage,
  | 'title'
  | 'tier'
  | 'priceCents'
  | 'currency'
  | 'benefits'
  | 'maxPerSponsor'
  | 'exclusivity'
  | 'categoryAllow'
  | 'sponsorConflicts'
  | 'cancellationWindowDays'
  | 'cancellationPenaltyPct'
> & { releaseCondition?: ReleaseCondition | null }

/** The cancellation policy of packages made before it was part of their terms (migration 0008's column defaults). */
export const defaultCancellationPolicy = { cancellationWindowDays: 14, cancellationPenaltyPct: 0.1 } as const

/** A new package's fields; without a cancellation policy it gets the default one. */
export type PackageInput = Omit<
  SponsorshipPackage,
  | 'id'
  | 'sold'
  | 'isActive'
  | 'version'
  | 'publishedAt'
  | 'qualityScore'
  | 'createdAt'
  | 'updatedAt'
  | 'cancellationWindowDays'
  | 'cancellationPenaltyPct'
> &
  Partial<Pick<SponsorshipPackage, 'cancellationWindowDays' | 'cancellationPenaltyPct'>>

const columns = `id, org_id, event_id, template_id, title, tier, price_cents, currency, inventory, sold, benefits, available_from,
  available_until, max_per_sponsor, exclusivity, audience_snapshot, category_allow, sponsor_conflicts, visibility, is_active,
  cancellation_window_days, cancellation_penalty_pct, release_condition, version, published_at, quality_score, created_at, updated_at`

interface PackageRow {
  id: string
  org_id: string
  event_id: string
  template_id: string | null
  title: string
  tier: string
  price_cents: string
  currency: string
  inventory: number
  sold: number
  benefits: Record<string, unknown>
  available_from: Date | null
  available_until: Date | null
  max_per_sponsor: number | null
  exclusivity: boolean
  audience_snapshot: Record<string, unknown>
  category_allow: string[]
  sponsor_conflicts: string[]
  visibility: 'public' | 'private'
  is_active: boolean
  version: number
  cancellation_window_days: number
  cancellation_penalty_pct: string
  release_condition: ReleaseCondition | null
  published_at: Date | null
  quality_score: string | null
  created_at: Date
  updated_at: Date
}

const fromRow = (r: PackageRow): SponsorshipPackage => ({
  id: r.id,
  orgId: r.org_id,
  eventId: r.event_id,
  templateId: r.template_id,
  title: r.title,
  tier: r.tier,
  priceCents: Number(r.price_cents),
  currency: r.currency,
  inventory: r.inventory,
  sold: r.sold,
  benefits: r.benefits,
  availableFrom: r.available_from,
  availableUntil: r.available_until,
  maxPerSponsor: r.max_per_sponsor,
  exclusivity: r.exclusivity,
  audienceSnapshot: r.audience_snapshot,
  categoryAllow: r.category_allow,
  sponsorConflicts: r.sponsor_conflicts,
  visibility: r.visibility,
  cancellationWindowDays: r.cancellation_window_days,
  cancellationPenaltyPct: Number(r.cancellation_penalty_pct),
  releaseCondition: r.release_condition,
  isActive: r.is_active,
  version: r.version,
  publishedAt: r.published_at,
  qualityScore: r.quality_score === null ? null : Number(r.quality_score),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const termsOf = (p: SponsorshipPackage): PackageTerms => ({
  title: p.title,
  tier: p.tier,
  priceCents: p.priceCents,
  currency: p.currency,
  benefits: p.benefits,
  maxPerSponsor: p.maxPerSponsor,
  exclusivity: p.exclusivity,
  categoryAllow: p.categoryAllow,
  sponsorConflicts: p.sponsorConflicts,
  cancellationWindowDays: p.cancellationWindowDays,
  cancellationPenaltyPct: p.cancellationPenaltyPct,
  releaseCondition: p.releaseCondition,
})

/** A value as canonical JSON: object keys sorted, so {a, b} and {b, a} (jsonb reorders keys) compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * Whether two states of a package offer the same terms. The name and tier are how the package is shown, not
 * what is sold: renaming it keeps its version (its visible version number changes only with what a sponsor buys).
 */
function sameTerms(a: SponsorshipPackage, b: SponsorshipPackage): boolean {
  const sold = ({ title: _title, tier: _tier, ...terms }: PackageTerms) => terms
  return canonical(sold(termsOf(a))) === canonical(sold(termsOf(b)))
}

/** The titles of the packages' events the caller may see: its own events, and events with a package on public sale. */
export async function packageEventTitles(db: Queryable, eventIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(eventIds)]
  if (unique.length === 0) return new Map()
  const { rows } = await db.query<{ event_id: string; title: string }>(
    'SELECT event_id, title FROM package_event_titles($1::uuid[])',
    [unique],
  )
  return new Map(rows.map((row) => [row.event_id, row.title]))
}

export async function insertPackage(
  db: Queryable,
  input: PackageInput,
  createdBy: string,
): Promise<SponsorshipPackage> {
  const { rows } = await db.query<PackageRow>(
    `INSERT INTO sponsorship_packages (org_id, event_id, template_id, title, tier, price_cents, currency, inventory, benefits,
       available_from, available_until, max_per_sponsor, exclusivity, audience_snapshot, category_allow, sponsor_conflicts, visibility, created_by,
       cancellation_window_days, cancellation_penalty_pct, release_condition)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING ${columns}`,
    [
      input.orgId,
      input.eventId,
      input.templateId,
      input.title,
      input.tier,
      input.priceCents,
      input.currency,
      input.inventory,
      JSON.stringify(input.benefits),
      input.availableFrom,
      input.availableUntil,
      input.maxPerSponsor,
      input.exclusivity,
      JSON.stringify(input.audienceSnapshot),
      input.categoryAllow,
      input.sponsorConflicts,
      input.visibility,
      createdBy,
      input.cancellationWindowDays ?? defaultCancellationPolicy.cancellationWindowDays,
      input.cancellationPenaltyPct ?? defaultCancellationPolicy.cancellationPenaltyPct,
      input.releaseCondition,
    ],
  )
  const created = fromRow(rows[0]!)
  await saveVersion(db, created)
  return created
}

async function saveVersion(db: Queryable, p: SponsorshipPackage) {
  await db.query(
    `INSERT INTO package_versions (package_id, version, org_id, terms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [p.id, p.version, p.orgId, JSON.stringify(termsOf(p))],
  )
}

/** Applies changed fields; a change to the terms makes a new version (offers keep theirs). */
export async function updatePackage(
  db: Queryable,
  id: string,
  orgId: string,
  changes: Partial<PackageInput>,
): Promise<SponsorshipPackage | null> {
  const current = await findPackage(db, id, { forUpdate: true })
  if (!current || current.orgId !== orgId) return null
  const next = { ...current, ...changes }
  const termsChanged = !sameTerms(next, current)
  const { rows } = await db.query<PackageRow>(
    `UPDATE sponsorship_packages SET title = $3, tier = $4, price_cents = $5, currency = $6, inventory = $7, benefits = $8,
       available_from = $9, available_until = $10, max_per_sponsor = $11, exclusivity = $12, audience_snapshot = $13,
       category_allow = $14, sponsor_conflicts = $15, visibility = $16, version = version + $17,
       cancellation_window_days = $18, cancellation_penalty_pct = $19, release_condition = $20, updated_at = now()
     WHERE id = $1 AND org_id = $2 RETURNING ${columns}`,
    [
      id,
      orgId,
      next.title,
      next.tier,
      next.priceCents,
      next.currency,
      next.inventory,
      JSON.stringify(next.benefits),
      next.availableFrom,
      next.availableUntil,
      next.maxPerSponsor,
      next.exclusivity,
      JSON.stringify(next.audienceSnapshot),
      next.categoryAllow,
      next.sponsorConflicts,
      next.visibility,
      termsChanged ? 1 : 0,
      next.cancellationWindowDays,
      next.cancellationPenaltyPct,
      next.releaseCondition,
    ],
  )
  const updated = fromRow(rows[0]!)
  if (termsChanged) await saveVersion(db, updated)
  return updated
}

export async function publishPackage(
  db: Queryable,
  id: string,
  orgId: string,
  audienceSnapshot: Record<string, unknown>,
) {
  const { rows } = await db.query<PackageRow>(
    `UPDATE sponsorship_packages SET is_active = true, published_at = coalesce(published_at, now()),
       audience_snapshot = audience_snapshot || $3::jsonb, updated_at = now()
     WHERE id = $1 AND org_id = $2 RETURNING ${columns}`,
    [id, orgId, JSON.stringify(audienceSnapshot)],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

export async function findPackage(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SponsorshipPackage | null> {
  const { rows } = await db.query<PackageRow>(
    `SELECT ${columns} FROM sponsorship_packages WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

export async function findPackageTerms(
  db: Queryable,
  packageId: string,
  version: number,
): Promise<PackageTerms | null> {
  const { rows } = await db.query<{ terms: PackageTerms }>(
    `SELECT terms FROM package_versions WHERE package_id = $1 AND version = $2`,
    [packageId, version],
  )
  return rows[0] ? { ...defaultCancellationPolicy, ...rows[0].terms } : null
}

/** The organizer's gallery (every package of the event) or the marketplace (published public ones), priciest first. */
export async function listPackages(
  db: Queryable,
  filter: { eventId?: string; orgId?: string; marketplace: boolean; visibility?: string },
) {
  const where: string[] = []
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replace('?', `$${params.length}`))
  }
  if (filter.eventId) add('event_id = ?', filter.eventId)
  if (filter.marketplace) where.push(`is_active AND visibility = 'public'`)
  else if (filter.orgId) add('org_id = ?', filter.orgId)
  if (filter.visibility) add('visibility = ?', filter.visibility)
  const { rows } = await db.query<PackageRow>(
    `SELECT ${columns} FROM sponsorship_packages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY price_cents DESC, created_at LIMIT 200`,
    params,
  )
  return rows.map(fromRow)
}

/** Takes one unit if one is left; false when sold out. */
export async function reserveUnit(db: Queryable, packageId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sponsorship_packages SET sold = sold + 1, updated_at = now() WHERE id = $1 AND sold < inventory`,
    [packageId],
  )
  return rowCount === 1
}

export async function returnUnit(db: Queryable, packageId: string) {
  await db.query(`UPDATE sponsorship_packages SET sold = sold - 1, updated_at = now() WHERE id = $1 AND sold > 0`, [
    packageId,
  ])
}

/**
 * Orders a sponsor holds for a package, and active orders (exclusive ones, and all) of other sponsors in a category at
 * the event, by the category each order was judged on, not the sponsor's category today.
 */
export async function activeOrderCounts(
  db: Queryable,
  p: { packageId: string; sponsorId: string; eventId: string; category: string | null },
) {
  const { rows } = await db.query<{ mine: number; exclusive_rivals: number; rivals_in_category: number }>(
    `SELECT
       (SELECT count(*)::int FROM sponsorship_orders o WHERE o.package_id = $1 AND o.sponsor_id = $2 AND o.status NOT IN ('cancelled', 'refunded')) AS mine,
       (SELECT count(*)::int FROM sponsorship_orders o JOIN sponsorship_packages p ON p.id = o.package_id
         WHERE o.event_id = $3 AND o.sponsor_id <> $2 AND p.exclusivity AND o.status NOT IN ('cancelled', 'refunded')
           AND lower(coalesce(o.sponsor_category, '')) = lower(coalesce($4, ''))) AS exclusive_rivals,
       (SELECT count(*)::int FROM sponsorship_orders o
         WHERE o.event_id = $3 AND o.sponsor_id <> $2 AND o.status NOT IN ('cancelled', 'refunded')
           AND lower(coalesce(o.sponsor_category, '')) = lower(coalesce($4, ''))) AS rivals_in_category`,
    [p.packageId, p.sponsorId, p.eventId, p.category],
  )
  return {
    mine: rows[0]!.mine,
    exclusiveRivals: rows[0]!.exclusive_rivals,
    rivalsInCategory: rows[0]!.rivals_in_category,
  }
}
