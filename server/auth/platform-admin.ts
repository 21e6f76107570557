// Platform administrators (users.is_platform_admin, set by ops in the database): the one rule for what
// only the platform may do — per-organization fees, operations data, acknowledging alerts.
import type { Queryable } from '../db/database'
import { AppError } from '../errors'
import { isPlatformAdmin } from '../repositories/payouts-repository'

export async function assertPlatformAdmin(db: Queryable, userId: string, action: string) {
  if (!(await isPlatformAdmin(db, userId)))
    throw new AppError(403, 'platform-admin-only', `Only a platform administrator may ${action}.`)
}
