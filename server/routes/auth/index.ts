// Sign-up, sign-in, token refresh and sign-out. Their answers carry tokens, so none of them takes part in
// Idempotency-Key: the header is ignored and nothing is stored (a stored pair would be a plain-text secret, and
// a replayed refresh answer would dodge reuse detection).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AuthSession, OrgKind } from '../../../shared/domain'
import { LoginThrottledError } from '../../auth/login-throttle'
import { hashPassword } from '../../auth/passwords'
import { assertStrongPassword } from '../../auth/password-strength'
import { endSession, issueSession, rotateSession } from '../../auth/sessions'
import { signIn } from '../../auth/sign-in'
import { conflict } from '../../errors'
import { insertMembership, insertOrganization, insertUser } from '../../repositories/users-repository'
import { insertSponsor } from '../../repositories/sponsors-repository'
import { errorResponses } from '../schemas'

const Email = Type.String({ format: 'email', maxLength: 320 })
const DeviceId = Type.Optional(
  Type.String({ minLength: 1, maxLength: 200, description: 'Names the device; one session family per device' }),
)

const SignupBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 8, maxLength: 1024 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    org_name: Type.String({ minLength: 1, maxLength: 200 }),
    org_kind: OrgKind,
    device_id: DeviceId,
  },
  { additionalProperties: false },
)

const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }), device_id: DeviceId },
  { additionalProperties: false },
)

const RefreshBody = Type.Object(
  { refresh_token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)

const noIdempotency = 'Idempotency-Key is ignored here: responses carrying tokens are never stored or replayed.'
const authRoute = { access: 'public', idempotency: false } as const

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/signup',
    {
      config: authRoute,
      schema: {
        tags: ['auth'],
        summary: 'Create a user with a new organization they own',
        description: `Refuses common and easily guessed passwords (400 weak-password). ${noIdempotency}`,
        security: [],
        body: SignupBody,
        response: { 201: AuthSession, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body
      assertStrongPassword(body.password, app.config.passwordMinScore, [body.email, body.name, body.org_name])
      const passwordHash = await hashPassword(body.password)
      const session = await app.db.transaction(async (tx) => {
        const user = await insertUser(tx, { email: body.email, name: body.name, passwordHash })
        if (!user) throw conflict('email-taken', 'An account with this email already exists; sign in instead.')
        const orgId = await insertOrganization(tx, { name: body.org_name, kind: body.org_kind })
        await insertMembership(tx, { orgId, userId: user.id, role: 'owner' })
        // A sponsor organization is a sponsor company: it has its one sponsor record from the start.
        if (body.org_kind === 'sponsor') {
          await insertSponsor(tx, {
            orgId,
            managedByOrgId: null,
            companyName: body.org_name,
            contactEmail: body.email,
            website: null,
            description: null,
            category: null,
          })
        }
        return issueSession(app, tx, user, body.device_id ?? 'unnamed-device')
      })
      return reply.status(201).send(session)
    },
  )

  app.post(
    '/login',
    {
      config: authRoute,
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        description: `Failed sign-ins are limited per account and per client address; past the limit the answer is 429 with Retry-After. ${noIdempotency}`,
        security: [],
        body: LoginBody,
        response: { 200: AuthSession, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { email, password, device_id: deviceId } = request.body
      try {
        return await signIn(app, { email, password, deviceId: deviceId ?? 'unnamed-device', ip: request.ip })
      } catch (error) {
        if (error instanceof LoginThrottledError) reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      }
    },
  )

  app.post(
    '/refresh',
    {
      config: authRoute,
      schema: {
        tags: ['auth'],
        summary: 'Rotate a refresh token for a new token pair',
        description: `A refresh token works once; presenting a used one revokes the whole sign-in. ${noIdempotency}`,
        security: [],
        body: RefreshBody,
        response: { 200: AuthSession, ...errorResponses },
      },
    },
    async (request) => rotateSession(app, request.body.refresh_token),
  )

  app.post(
    '/logout',
    {
      config: authRoute,
      schema: {
        tags: ['auth'],
        summary: 'Revoke the sign-in (every token of this device session)',
        description: `Its access tokens stop working too. ${noIdempotency}`,
        security: [],
        body: RefreshBody,
        response: { 200: Type.Object({ revoked: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      await endSession(app, request.body.refresh_token)
      return { revoked: true }
    },
  )
}

export default routes
