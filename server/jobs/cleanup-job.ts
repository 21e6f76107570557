// Deletes expired idempotency keys and dead refresh tokens, and compacts the sync change log.
import type { Database } from '../db/database'
import { deleteExpiredKeys } from '../repositories/idempotency-repository'
import { deleteExpiredRefreshTokens } from '../repositories/refresh-tokens-repository'
import { compactChangeLog } from '../repositories/sync-repository'
import { deleteExpiredAudit, deleteExpiredWidgetEvents } from '../workspaces/workspace-audit'

export async function runCleanup(db: Database) {
  const idempotencyKeys = await deleteExpiredKeys(db)
  const refreshTokens = await deleteExpiredRefreshTokens(db)
  const supersededChanges = await compactChangeLog(db)
  const workspaceAudit = await deleteExpiredAudit(db)
  const widgetEvents = await deleteExpiredWidgetEvents(db)
  return { idempotencyKeys, refreshTokens, supersededChanges, workspaceAudit, widgetEvents }
}
