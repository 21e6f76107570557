// Sign-in throttle: every attempt counts against the account and the client address before the password is
// checked (so a burst of parallel guesses cannot slip past the limit); a correct password takes its attempt back.
import type { Queryable } from '../db/database'
import { AppError } from '../errors'
import {
  countAttempt,
  deleteEndedWindows,
  forgetAttempts,
  uncountAttempt,
} from '../repositories/login-attempts-repository'
import { hashToken } from './tokens'

export interface LoginThrottleLimits {
  maxPerAccount: number
  maxPerIp: number
  windowSeconds: number
}

export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'too-many-login-attempts',
      `Too many failed sign-ins for this account or from this address. Wait ${retryAfterSeconds} s before trying again, or reset the password.`,
      { retry_after_seconds: retryAfterSeconds },
    )
  }
}

// The email is hashed so the table holds no address book.
const accountSubject = (email: string) => `account:${hashToken(email.trim().toLowerCase())}`
const ipSubject = (ip: string) => `ip:${ip}`

/** Counts this sign-in attempt; throws LoginThrottledError when the account or the address is over its limit. */
export async function admitLoginAttempt(
  db: Queryable,
  limits: LoginThrottleLimits,
  email: string,
  ip: string,
): Promise<void> {
  const account = await countAttempt(db, accountSubject(email), limits.windowSeconds)
  const address = await countAttempt(db, ipSubject(ip), limits.windowSeconds)
  const blockedUntil = [
    account.attempts > limits.maxPerAccount ? account.windowEndsAt.getTime() : 0,
    address.attempts > limits.maxPerIp ? address.windowEndsAt.getTime() : 0,
  ]
  const until = Math.max(...blockedUntil)
  if (until > 0) throw new LoginThrottledError(Math.max(1, Math.ceil((until - Date.now()) / 1000)))
  // Ended windows are reset on their next use; this sweeps the ones never used again (e.g. sprayed emails).
  if (Math.random() < 0.01) await deleteEndedWindows(db, limits.windowSeconds)
}

/** A correct password: the account's failures are forgiven and this attempt no longer counts against the address. */
export async function recordLoginSuccess(db: Queryable, email: string, ip: string): Promise<void> {
  await forgetAttempts(db, accountSubject(email))
  await uncountAttempt(db, ipSubject(ip))
}
