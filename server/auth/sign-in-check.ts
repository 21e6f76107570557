// Whether the sign-in an access token belongs to is still live, so signing out (or a refresh-token reuse
// that revoked the sign-in) ends its access tokens too, not only its refresh token.
import type { Queryable } from '../db/database'
import { isFamilyLive } from '../repositories/refresh-tokens-repository'
import type { AccessClaims } from './tokens'

interface Entry {
  isLive: boolean
  checkedAt: number
}

/**
 * Answers from a small LRU for `ttlMs`: a revocation made on another instance is seen within that time,
 * one made on this instance at once (forget). A revoked sign-in never comes back, so "not live" is kept.
 */
export class SignInCheck {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 1000,
    private readonly maxEntries = 10_000,
  ) {}

  async isLive(claims: AccessClaims): Promise<boolean> {
    const key = `${claims.userId}:${claims.sessionId}`
    const cached = this.entries.get(key)
    const now = Date.now()
    if (cached && (!cached.isLive || now - cached.checkedAt < this.ttlMs)) {
      this.remember(key, cached)
      return cached.isLive
    }
    const isLive = await isFamilyLive(this.db, claims.sessionId, claims.userId)
    this.remember(key, { isLive, checkedAt: now })
    return isLive
  }

  /** Marks the sign-in ended on this instance right away (called after revoking it). */
  revoked(userId: string, sessionId: string): void {
    this.remember(`${userId}:${sessionId}`, { isLive: false, checkedAt: Date.now() })
  }

  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  private remember(key: string, entry: Entry) {
    this.entries.delete(key)
    this.entries.set(key, entry)
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
  }
}
