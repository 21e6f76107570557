// Refresh tokens: stored as SHA-256 hashes, rotated on every use, revocable per device family.
import { named, type Queryable } from '../db/database'

export interface RefreshTokenRecord {
  id: string
  userId: string
  familyId: string
  deviceId: string
  expiresAt: Date
  rotatedAt: Date | null
  revokedAt: Date | null
}

interface RefreshTokenRow {
  id: string
  user_id: string
  family_id: string
  device_id: string
  expires_at: Date
  rotated_at: Date | null
  revoked_at: Date | null
}

const toRecord = (row: RefreshTokenRow): RefreshTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  familyId: row.family_id,
  deviceId: row.device_id,
  expiresAt: row.expires_at,
  rotatedAt: row.rotated_at,
  revokedAt: row.revoked_at,
})

export async function insertRefreshToken(
  db: Queryable,
  token: { userId: string; familyId: string; deviceId: string; tokenHash: string; ttlDays: number },
) {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO refresh_tokens (user_id, family_id, device_id, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id`,
    [token.userId, token.familyId, token.deviceId, token.tokenHash, token.ttlDays],
  )
  return rows[0]!.id
}

/** Locks the token's row so two concurrent refreshes cannot both rotate it. */
export async function findRefreshTokenForUpdate(db: Queryable, tokenHash: string) {
  const { rows } = await db.query<RefreshTokenRow>(
    `SELECT id, user_id, family_id, device_id, expires_at, rotated_at, revoked_at
     FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  )
  return rows[0] ? toRecord(rows[0]) : null
}

export async function markRotated(db: Queryable, id: string) {
  await db.query('UPDATE refresh_tokens SET rotated_at = now() WHERE id = $1', [id])
}

export async function revokeFamily(db: Queryable, familyId: string) {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId])
}

/** Whether the sign-in (family) still has an unrevoked, unexpired token: an access token of it may be used. */
export async function isFamilyLive(db: Queryable, familyId: string, userId: string) {
  const { rows } = await db.query<{ is_live: boolean }>(
    named(
      'refresh-family-live',
      `SELECT EXISTS (SELECT 1 FROM refresh_tokens
         WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()) AS is_live`,
    ),
    [familyId, userId],
  )
  return rows[0]?.is_live === true
}

export async function deleteExpiredRefreshTokens(db: Queryable) {
  const { rowCount } = await db.query(
    `DELETE FROM refresh_tokens WHERE expires_at < now() OR revoked_at < now() - interval '1 day'`,
  )
  return rowCount ?? 0
}
