// Whether a package may be sold to a sponsor now, and the reservation of its unit, in the caller's
// transaction: availability window, category allow-list, sponsor conflicts, max per sponsor,
// exclusivity and inventory (seed 001 §4.1 constraints), each refused with its own reason.
import type { Queryable } from '../db/database'
import { AppError, conflict } from '../errors'
import {
  activeOrderCounts,
  findPackage,
  reserveUnit,
  type SponsorshipPackage,
} from '../repositories/packages-repository'

export interface Buyer {
  sponsorId: string
  companyName: string
  category: string | null
}

const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details)
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** Locks the package row, checks every rule and takes one unit; throws a 409/422 that says which rule failed. */
export async function reservePackageFor(
  tx: Queryable,
  packageId: string,
  buyer: Buyer,
  now = new Date(),
): Promise<SponsorshipPackage> {
  const pkg = await findPackage(tx, packageId, { forUpdate: true })
  if (!pkg) throw unprocessable('package-missing', 'The package of this proposal no longer exists.')
  if (!pkg.isActive)
    throw conflict(
      'package-not-published',
      'This package is not published; the organizer must publish it before it can be sold.',
    )
  if (pkg.availableFrom && now < pkg.availableFrom) {
    throw conflict('package-not-yet-available', `This package is on sale from ${pkg.availableFrom.toISOString()}.`)
  }
  if (pkg.availableUntil && now >= pkg.availableUntil) {
    throw conflict('package-no-longer-available', `This package was on sale until ${pkg.availableUntil.toISOString()}.`)
  }
  if (pkg.categoryAllow.length > 0 && !(buyer.category && pkg.categoryAllow.some((c) => same(c, buyer.category!)))) {
    throw unprocessable(
      'sponsor-category-not-allowed',
      `This package is open to sponsors in ${pkg.categoryAllow.join(', ')}; the sponsor's category is ${buyer.category ?? 'not set'}.`,
      { category_allow: pkg.categoryAllow },
    )
  }
  const conflictHit = pkg.sponsorConflicts.find(
    (name) => same(name, buyer.companyName) || (buyer.category !== null && same(name, buyer.category)),
  )
  if (conflictHit) {
    throw unprocessable('sponsor-conflict', `This package excludes "${conflictHit}", which matches the sponsor.`, {
      sponsor_conflicts: pkg.sponsorConflicts,
    })
  }
  const counts = await activeOrderCounts(tx, {
    packageId: pkg.id,
    sponsorId: buyer.sponsorId,
    eventId: pkg.eventId,
    category: buyer.category,
  })
  if (pkg.maxPerSponsor !== null && counts.mine >= pkg.maxPerSponsor) {
    throw conflict(
      'max-per-sponsor-reached',
      `A sponsor may hold ${pkg.maxPerSponsor} of this package; this sponsor already holds ${counts.mine}.`,
    )
  }
  if (counts.exclusiveRivals > 0 || (pkg.exclusivity && counts.rivalsInCategory > 0)) {
    throw conflict(
      'exclusivity-conflict',
      'Another sponsor in the same category holds an exclusive sponsorship at this event (or this exclusive package would share the category).',
    )
  }
  if (!(await reserveUnit(tx, pkg.id))) {
    throw conflict('sold-out', `All ${pkg.inventory} units of "${pkg.title}" are sold.`, {
      inventory: pkg.inventory,
      sold: pkg.sold,
    })
  }
  return { ...pkg, sold: pkg.sold + 1 }
}

/**
 * The sponsor company as a buyer: its organization, name and category, locked until commit: shared for a sale
 * (a category change waits for it, then sees its order), exclusive for a category change.
 */
export async function findBuyer(
  tx: Queryable,
  sponsorId: string,
  lock: 'share' | 'update' = 'share',
): Promise<(Buyer & { orgId: string }) | null> {
  const { rows } = await tx.query<{ id: string; org_id: string; company_name: string; category: string | null }>(
    `SELECT id, org_id, company_name, category FROM sponsors WHERE id = $1 ${lock === 'update' ? 'FOR UPDATE' : 'FOR SHARE'}`,
    [sponsorId],
  )
  const r = rows[0]
  return r ? { sponsorId: r.id, orgId: r.org_id, companyName: r.company_name, category: r.category } : null
}
