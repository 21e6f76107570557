// Issues and rotates sign-in sessions: an access token plus a refresh token per device.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Queryable } from '../db/database'
import { AppError } from '../errors'
import {
  findRefreshTokenForUpdate,
  insertRefreshToken,
  markRotated,
  revokeFamily,
} from '../repositories/refresh-tokens-repository'
import { findUserById, listMemberships, type User } from '../repositories/users-repository'
import { membershipWire, userWire, type AuthSession } from '../routes/wire'
import { hashToken, newRefreshToken } from './tokens'

const invalidRefresh = () =>
  new AppError(401, 'invalid-refresh-token', 'The refresh token is invalid, expired or revoked; sign in again.')

/** Starts a new session family for the user on one device. */
export async function issueSession(
  app: FastifyInstance,
  tx: Queryable,
  user: User,
  deviceId: string,
  familyId: string = randomUUID(),
): Promise<AuthSession> {
  const refreshToken = newRefreshToken()
  await insertRefreshToken(tx, {
    userId: user.id,
    familyId,
    deviceId,
    tokenHash: hashToken(refreshToken),
    ttlDays: app.config.refreshTokenTtlDays,
  })
  const accessToken = await app.tokens.signAccess({ userId: user.id, sessionId: familyId })
  const orgs = await listMemberships(tx, user.id)
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: app.config.accessTokenTtlSeconds,
    user: userWire(user),
    orgs: orgs.map(membershipWire),
  }
}

/** Swaps a refresh token for a new pair. Reusing a rotated token revokes its whole family (theft signal). */
export function rotateSession(app: FastifyInstance, refreshToken: string): Promise<AuthSession> {
  return app.db
    .transaction(async (tx) => {
      const record = await findRefreshTokenForUpdate(tx, hashToken(refreshToken))
      if (!record || record.revokedAt || record.expiresAt < new Date()) throw invalidRefresh()
      if (record.rotatedAt) {
        await revokeFamily(tx, record.familyId)
        return { reused: true as const, userId: record.userId, familyId: record.familyId }
      }
      await markRotated(tx, record.id)
      const user = await findUserById(tx, record.userId)
      if (!user) throw invalidRefresh()
      return { reused: false as const, session: await issueSession(app, tx, user, record.deviceId, record.familyId) }
    })
    .then((result) => {
      // Thrown after commit so the revocation sticks.
      if (result.reused) {
        app.signIns.revoked(result.userId, result.familyId)
        throw new AppError(
          401,
          'refresh-token-reused',
          'This refresh token was already used; every session of this sign-in is revoked. Sign in again.',
        )
      }
      return result.session
    })
}

/** Revokes the sign-in the refresh token belongs to, access tokens included; unknown tokens are ignored (logout is idempotent). */
export async function endSession(app: FastifyInstance, refreshToken: string): Promise<void> {
  const record = await app.db.transaction(async (tx) => {
    const found = await findRefreshTokenForUpdate(tx, hashToken(refreshToken))
    if (found) await revokeFamily(tx, found.familyId)
    return found
  })
  // Its access tokens stop working here at once, on other instances within the sign-in check's cache time.
  if (record) app.signIns.revoked(record.userId, record.familyId)
}
