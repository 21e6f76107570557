// The signed-in user and their organizations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { OrgMembership, User } from '../../shared/domain'
import { callerOf } from '../plugins/access'
import { findUserById, listMemberships } from '../repositories/users-repository'
import { unauthorized } from '../errors'
import { errorResponses } from './schemas'
import { membershipWire, userWire } from './wire'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their organizations',
        response: { 200: Type.Object({ user: User, orgs: Type.Array(OrgMembership) }), ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = callerOf(request)
      const user = await findUserById(app.db, userId)
      if (!user) throw unauthorized('This account no longer exists.')
      const orgs = await listMemberships(app.db, userId)
      return { user: userWire(user), orgs: orgs.map(membershipWire) }
    },
  )
}

export default routes
