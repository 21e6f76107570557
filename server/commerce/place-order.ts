// Opening an order, on terms neither party wrote alone: a sponsor buys a published public package on its
// current version's price, benefits and cancellation policy, or one party accepts the other's offer on
// the package version it was made on. Either way the unit is reserved for a limited hold until funded.
import type { Offer } from '../../shared/commerce/commerce-records'
import type { Queryable } from '../db/database'
import { AppError } from '../errors'
import { insertOrder } from '../repositories/orders-repository'
import { findPackageTerms, type SponsorshipPackage } from '../repositories/packages-repository'
import type { ProposalThread } from '../repositories/proposals-repository'
import { findBuyer, reservePackageFor, type Buyer } from './package-sale'
import { openFulfillment } from '../fulfillment/order-fulfillment'
import { assertBrandSafe } from './brand-safety'

export interface HoldPolicy {
  /** ORDER_HOLD_MINUTES: how long an unfunded order keeps its unit. */
  holdMinutes: number
  now?: Date
}

const holdUntil = (policy: HoldPolicy) => new Date((policy.now ?? new Date()).getTime() + policy.holdMinutes * 60_000)

/**
 * A sponsor's direct purchase at list price. The price and currency it sends only confirm what it saw:
 * a package repriced since is refused (422), never sold at the old or the sent price.
 */
export async function buyAtListPrice(
  tx: Queryable,
  input: {
    packageId: string
    buyer: Buyer & { orgId: string }
    amountCents: number
    currency: string
    userId: string
  },
  policy: HoldPolicy,
): Promise<string> {
  // The package as locked by the reservation: the terms checked are the ones sold.
  const pkg: SponsorshipPackage = await reservePackageFor(tx, input.packageId, input.buyer, policy.now)
  if (input.amountCents !== pkg.priceCents) {
    throw new AppError(
      422,
      'price-mismatch',
      `This package costs ${pkg.priceCents} cents (version ${pkg.version}); to pay another price, negotiate through a proposal.`,
      { price_cents: pkg.priceCents, version: pkg.version },
    )
  }
  if (input.currency !== pkg.currency)
    throw new AppError(422, 'currency-mismatch', `This package is sold in ${pkg.currency}.`, { currency: pkg.currency })
  const orderId = await insertOrder(tx, {
    orgId: pkg.orgId,
    sponsorOrgId: input.buyer.orgId,
    sponsorId: input.buyer.sponsorId,
    eventId: pkg.eventId,
    packageId: pkg.id,
    packageVersion: pkg.version,
    threadId: null,
    amountCents: pkg.priceCents,
    currency: pkg.currency,
    benefits: pkg.benefits,
    cancellationWindowDays: pkg.cancellationWindowDays,
    cancellationPenaltyPct: pkg.cancellationPenaltyPct,
    createdBy: input.userId,
    holdExpiresAt: holdUntil(policy),
    sponsorCategory: input.buyer.category,
    releaseCondition: pkg.releaseCondition ?? 'manual',
  })
  await openFulfillment(tx, orderId, pkg.releaseCondition, input.userId)
  return orderId
}

/** The order of an accepted offer: its price and benefits on the terms of the package version it was made on. */
export async function orderFromOffer(
  tx: Queryable,
  thread: ProposalThread,
  userId: string,
  policy: HoldPolicy,
): Promise<string> {
  const offer = thread.latestOffer as Offer
  const terms = await findPackageTerms(tx, thread.packageId, thread.latestOfferVersion!)
  if (!terms) throw new AppError(422, 'package-version-missing', 'The package version this offer was made on is gone.')
  const buyer = (await findBuyer(tx, thread.sponsorId))!
  // The sponsor's brand-safety preferences may have changed since the thread began.
  await assertBrandSafe(tx, thread.eventId, thread.sponsorId)
  await reservePackageFor(tx, thread.packageId, buyer, policy.now)
  const requested = offer.requested_benefits
  const base = requested
    ? Object.fromEntries(requested.map((key) => [key, terms.benefits[key] ?? true]))
    : terms.benefits
  const orderId = await insertOrder(tx, {
    orgId: thread.orgId,
    sponsorOrgId: thread.sponsorOrgId,
    sponsorId: thread.sponsorId,
    eventId: thread.eventId,
    packageId: thread.packageId,
    packageVersion: thread.latestOfferVersion!,
    threadId: thread.id,
    amountCents: offer.price_cents,
    currency: terms.currency,
    benefits: { ...base, ...offer.benefits_delta },
    cancellationWindowDays: terms.cancellationWindowDays,
    cancellationPenaltyPct: terms.cancellationPenaltyPct,
    createdBy: userId,
    holdExpiresAt: holdUntil(policy),
    sponsorCategory: buyer.category,
    releaseCondition: terms.releaseCondition ?? 'manual',
  })
  await openFulfillment(tx, orderId, terms.releaseCondition, userId)
  return orderId
}
