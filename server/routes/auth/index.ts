// Sign-up, sign-in, token refresh and sign-out.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AuthSession, OrgKind } from '../../../shared/domain'
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../auth/passwords'
import { endSession, issueSession, rotateSession } from '../../auth/sessions'
import { AppError, conflict } from '../../errors'
import { findUserByEmail, insertMembership, insertOrganization, insertUser } from '../../repositories/users-repository'
import { insertSponsor } from '../../repositories/sponsors-repository'
import { errorResponses } from '../schemas'

const Email = Type.String({ format: 'email', maxLength: 320 })
const DeviceId = Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Names the device; one session family per device' }))

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

const RefreshBody = Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })

const invalidCredentials = () => new AppError(401, 'invalid-credentials', 'The email or password is wrong.')

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/signup', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Create a user with a new organization they own', security: [], body: SignupBody, response: { 201: AuthSession, ...errorResponses } },
  }, async (request, reply) => {
    const body = request.body
    const passwordHash = await hashPassword(body.password)
    const session = await app.db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: body.email, name: body.name, passwordHash })
      if (!user) throw conflict('email-taken', 'An account with this email already exists; sign in instead.')
      const orgId = await insertOrganization(tx, { name: body.org_name, kind: body.org_kind })
      await insertMembership(tx, { orgId, userId: user.id, role: 'owner' })
      // A sponsor organization is a sponsor company: it has its one sponsor record from the start.
      if (body.org_kind === 'sponsor') {
        await insertSponsor(tx, { orgId, managedByOrgId: null, companyName: body.org_name, contactEmail: body.email, website: null, description: null, category: null })
      }
      return issueSession(app, tx, user, body.device_id ?? 'unnamed-device')
    })
    return reply.status(201).send(session)
  })

  app.post('/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in', security: [], body: LoginBody, response: { 200: AuthSession, ...errorResponses } },
  }, async (request) => {
    const { email, password, device_id: deviceId } = request.body
    const user = await findUserByEmail(app.db, email)
    const isValid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
    if (!user || !isValid) throw invalidCredentials()
    return app.db.transaction((tx) => issueSession(app, tx, user, deviceId ?? 'unnamed-device'))
  })

  app.post('/refresh', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Rotate a refresh token for a new token pair', security: [], body: RefreshBody, response: { 200: AuthSession, ...errorResponses } },
  }, async (request) => rotateSession(app, request.body.refresh_token))

  app.post('/logout', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Revoke the sign-in (every token of this device session)',
      security: [],
      body: RefreshBody,
      response: { 200: Type.Object({ revoked: Type.Boolean() }), ...errorResponses },
    },
  }, async (request) => {
    await endSession(app, request.body.refresh_token)
    return { revoked: true }
  })
}

export default routes
