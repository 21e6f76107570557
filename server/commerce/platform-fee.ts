// The platform's fee is the platform's: PLATFORM_FEE_PERCENTAGE, or for one organizer what a platform
// administrator set. The payee never sets it; an order keeps the fee in force when it was funded.
import type { Queryable } from '../db/database'
import { AppError, notFound } from '../errors'
import { deleteFeeOverride, findFeeOverride, saveFeeOverride } from '../repositories/payouts-repository'
import { assertPlatformAdmin } from '../auth/platform-admin'

export type FeeSource = 'platform-default' | 'organization-override'

export interface PlatformFee {
  percentage: number
  source: FeeSource
}

/** The fee in force for an organizer: its override, else the platform default. */
export async function platformFeeFor(db: Queryable, orgId: string, defaultPercentage: number): Promise<PlatformFee> {
  const override = await findFeeOverride(db, orgId)
  return override === null
    ? { percentage: defaultPercentage, source: 'platform-default' }
    : { percentage: override, source: 'organization-override' }
}

/** Refuses a fee an organizer sends that differs from the one in force: it may only repeat it. */
export function assertFeeUnchanged(requested: number | undefined, inForce: PlatformFee) {
  if (requested === undefined || requested === inForce.percentage) return
  throw new AppError(
    403,
    'platform-fee-not-editable',
    `The platform fee is set by the platform (${Math.round(inForce.percentage * 10_000) / 100} % for this organization); leave platform_fee_percentage out.`,
    {
      platform_fee_percentage: inForce.percentage,
    },
  )
}

/** Sets (a number) or clears (null) an organizer's fee, as a platform administrator. */
export async function setFeeOverride(
  db: Queryable,
  input: { userId: string; orgId: string; percentage: number | null },
) {
  await assertPlatformAdmin(db, input.userId, "set an organization's platform fee")
  if (input.percentage === null) await deleteFeeOverride(db, input.orgId)
  else if (!(await saveFeeOverride(db, input.orgId, input.percentage, input.userId)))
    throw notFound('Organizer organization')
}
