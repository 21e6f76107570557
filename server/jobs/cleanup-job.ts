// Deletes expired idempotency keys and dead refresh tokens.
import type { Database } from '../db/database'
import { deleteExpiredKeys } from '../repositories/idempotency-repository'
import { deleteExpiredRefreshTokens } from '../repositories/refresh-tokens-repository'

export async function runCleanup(db: Database) {
  const idempotencyKeys = await deleteExpiredKeys(db)
  const refreshTokens = await deleteExpiredRefreshTokens(db)
  return { idempotencyKeys, refreshTokens }
}
