// Short-lived JWT access tokens (HS256) and opaque refresh tokens stored only as hashes.
import { createHash, randomBytes } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'

const ISSUER = 'yardpass'
const AUDIENCE = 'yardpass-api'

export interface AccessClaims {
  userId: string
  sessionId: string
}

export class TokenService {
  // Imported once: every request verifies a token, and importing the raw secret each time costs more than the HMAC.
  private readonly key: Promise<CryptoKey>

  constructor(
    secret: string,
    readonly accessTtlSeconds: number,
  ) {
    this.key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )
  }

  async signAccess(claims: AccessClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.accessTtlSeconds}s`)
      .sign(await this.key)
  }

  /** Returns the claims, or null for any invalid, expired or foreign token. */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      })
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null
      return { userId: payload.sub, sessionId: payload.sid }
    } catch {
      return null
    }
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
