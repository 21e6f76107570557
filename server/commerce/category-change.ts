// A sponsor's category decides allow-lists, sponsor conflicts and exclusivity when it buys; the category
// an order was judged on is kept on the order. A later change that would break one of those rules for a
// package the sponsor holds (or a rival's exclusivity at an event it is at) is refused, naming the package.
import type { Queryable } from '../db/database'
import { conflict, notFound } from '../errors'
import { findExclusiveRival, listHeldPackages, type HeldPackage } from '../repositories/orders-repository'
import { updateSponsorProfile, type SponsorProfile } from '../repositories/sponsors-repository'
import { findBuyer } from './package-sale'

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

const locked = (pkg: { packageId: string; title: string }, message: string) =>
  conflict('category-locked', message, { package_id: pkg.packageId, package_title: pkg.title })

/** Why this held package forbids the new category, or null if it does not. */
function brokenRule(pkg: HeldPackage, next: string | null): string | null {
  const sold = pkg.soldToCategory
  if (pkg.exclusivity && !(sold === null ? next === null : next !== null && same(sold, next)))
    return `it is exclusive to ${sold ?? 'no category'}, the category it was sold in`
  if (pkg.categoryAllow.length > 0 && !(next && pkg.categoryAllow.some((c) => same(c, next))))
    return `it is open only to ${pkg.categoryAllow.join(', ')}`
  if (next && pkg.sponsorConflicts.some((c) => same(c, next))) return `it excludes "${next}"`
  return null
}

/** Throws 409 category-locked if moving the sponsor from `current` to `next` would break a rule of a package held. Call with the sponsor row locked. */
export async function assertCategoryChangeAllowed(
  tx: Queryable,
  sponsorId: string,
  current: string | null,
  next: string | null,
) {
  if (current === next || (current !== null && next !== null && same(current, next))) return
  const held = await listHeldPackages(tx, sponsorId)
  for (const pkg of held) {
    const why = brokenRule(pkg, next)
    if (why)
      throw locked(
        pkg,
        `The category cannot change: this sponsor holds "${pkg.title}", and ${why}. Keep the category, or cancel that order first.`,
      )
  }
  if (next === null || held.length === 0) return
  const rival = await findExclusiveRival(tx, {
    sponsorId,
    eventIds: [...new Set(held.map((p) => p.eventId))],
    category: next,
  })
  if (rival)
    throw locked(
      rival,
      `The category cannot become ${next}: another sponsor holds "${rival.title}" exclusively for that category at an event where this sponsor has a package.`,
    )
}

/** Updates a sponsor's own profile whose patch sets its category: locked, checked against what it holds, then saved. */
export async function updateProfileWithCategory(
  tx: Queryable,
  orgId: string,
  sponsorId: string,
  patch: Partial<SponsorProfile>,
) {
  const sponsor = await findBuyer(tx, sponsorId, 'update')
  if (!sponsor || sponsor.orgId !== orgId) throw notFound('Sponsor')
  await assertCategoryChangeAllowed(tx, sponsorId, sponsor.category, patch.category ?? null)
  return updateSponsorProfile(tx, sponsorId, patch)
}
