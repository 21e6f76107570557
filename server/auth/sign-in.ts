// Sign-in with email and password, throttled per account and per client address.
import type { FastifyInstance } from 'fastify'
import { AppError } from '../errors'
import { findUserByEmail } from '../repositories/users-repository'
import type { AuthSession } from '../routes/wire'
import { admitLoginAttempt, recordLoginSuccess } from './login-throttle'
import { dummyPasswordHash, verifyPassword } from './passwords'
import { issueSession } from './sessions'

const invalidCredentials = () => new AppError(401, 'invalid-credentials', 'The email or password is wrong.')

/** Checks the password and starts a session; throws LoginThrottledError (429) past the failed-attempt limits. */
export async function signIn(
  app: FastifyInstance,
  attempt: { email: string; password: string; deviceId: string; ip: string },
): Promise<AuthSession> {
  const { config } = app
  const limits = {
    maxPerAccount: config.loginMaxFailuresPerAccount,
    maxPerIp: config.loginMaxFailuresPerIp,
    windowSeconds: config.loginThrottleWindowSeconds,
  }
  await admitLoginAttempt(app.db, limits, attempt.email, attempt.ip)
  const user = await findUserByEmail(app.db, attempt.email)
  const isValid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), attempt.password)
  if (!user || !isValid) throw invalidCredentials()
  await recordLoginSuccess(app.db, attempt.email, attempt.ip)
  return app.db.transaction((tx) => issueSession(app, tx, user, attempt.deviceId))
}
