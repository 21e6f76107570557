// Fulfillment set up with the sale: at publish a package gets its SLAs (seed 001 §11); when an order is
// created its benefits become deliverables, the package's SLAs are copied to it, and its escrow release
// condition is fixed — the package's, or deliverables_approved when there is anything to deliver.
import type { Queryable } from '../db/database'
import type { ReleaseCondition } from '../../shared/commerce/commerce-records'
import { findOrder, updateOrder } from '../repositories/orders-repository'
import { insertDeliverable } from '../repositories/deliverables-repository'
import { copySlasToOrder, upsertPackageSla, type BreachPolicy } from '../repositories/slas-repository'
import type { SponsorshipPackage } from '../repositories/packages-repository'
import { deliverablesForBenefits } from './benefit-deliverables'

/** Seed 001 §11's defaults. */
export const impressionsPolicy: BreachPolicy = { penalty_pct: 0.1, remedy: 'makegood', grace_days: 7 }
export const boothHoursPolicy: BreachPolicy = { penalty_cents: 5000, remedy: 'partial_refund' }
export const boothHoursTarget = 48

/** The package's expected reach: its published audience snapshot's estimated reach. */
export const expectedReach = (pkg: Pick<SponsorshipPackage, 'audienceSnapshot'>) => {
  const reach = Number(pkg.audienceSnapshot.estimated_reach)
  return Number.isFinite(reach) && reach > 0 ? Math.round(reach) : null
}

/** Makes (or updates) a published package's SLAs: impressions to its expected reach; booth hours when it has a booth. */
export async function generatePackageSlas(tx: Queryable, pkg: SponsorshipPackage) {
  const reach = expectedReach(pkg)
  if (reach)
    await upsertPackageSla(tx, {
      orgId: pkg.orgId,
      packageId: pkg.id,
      eventId: pkg.eventId,
      metric: 'impressions_total',
      target: reach,
      breachPolicy: impressionsPolicy,
    })
  if (pkg.benefits.booth) {
    await upsertPackageSla(tx, {
      orgId: pkg.orgId,
      packageId: pkg.id,
      eventId: pkg.eventId,
      metric: 'booth_hours',
      target: boothHoursTarget,
      breachPolicy: boothHoursPolicy,
    })
  }
}

/** In the order's creating transaction: its deliverables, SLAs and release condition. */
export async function openFulfillment(
  tx: Queryable,
  orderId: string,
  packageCondition: ReleaseCondition | null | undefined,
  createdBy: string,
) {
  const order = (await findOrder(tx, orderId))!
  const planned = deliverablesForBenefits(order.benefits, { startAt: order.eventStartAt, endAt: order.eventEndAt })
  for (const d of planned) {
    await insertDeliverable(tx, {
      orgId: order.orgId,
      sponsorOrgId: order.sponsorOrgId,
      eventId: order.eventId,
      sponsorId: order.sponsorId,
      orderId: order.id,
      packageId: order.packageId,
      type: d.type,
      spec: d.spec,
      dueAt: d.dueAt,
      evidenceRequired: true,
      responsibleSide: d.responsibleSide,
      source: 'package',
      benefitKey: d.benefitKey,
      createdBy,
    })
  }
  await copySlasToOrder(tx, {
    orderId: order.id,
    packageId: order.packageId,
    sponsorId: order.sponsorId,
    sponsorOrgId: order.sponsorOrgId,
    hasBooth: Boolean(order.benefits.booth),
  })
  const condition: ReleaseCondition = packageCondition ?? (planned.length > 0 ? 'deliverables_approved' : 'manual')
  if (condition !== order.releaseCondition) await updateOrder(tx, order.id, { release_condition: condition })
}
