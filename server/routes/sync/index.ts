// POST /v1/sync/pull and /v1/sync/push: the desktop replica's sync with the server. User-scoped: what a
// device may pull and do is decided from its token's user, organization by organization.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PullRequest, PullResponse, PushRequest, PushResponse } from '../../../shared/sync/sync-protocol'
import { callerOf } from '../../plugins/access'
import { readChanges, stampChanges } from '../../repositories/sync-repository'
import { deviceAccess, deviceScopes } from '../../sync/device-scopes'
import { applyPush } from '../../sync/apply-push'
import { faultPhase } from '../../sync/fault-phases'
import { errorResponses } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/sync/pull',
    {
      config: { access: 'user' },
      schema: {
        tags: ['sync'],
        summary:
          "Changes since a cursor in the device's scopes (its sponsors' leads and questions, their events' consented directories), paged, with the scopes it may hold now",
        body: PullRequest,
        response: { 200: PullResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = callerOf(request)
      const access = await deviceAccess(app.db, userId)
      const scopes = deviceScopes(access)
      const horizon = await stampChanges(app.db)
      app.metrics.syncRequests.inc({ kind: 'pull' })
      if (scopes.length === 0)
        return { changes: [], cursor: Math.max(request.body.cursor, horizon), remaining: 0, access }
      const page = await readChanges(app.db, scopes, request.body.cursor, request.body.limit, horizon)
      app.metrics.syncPullChanges.inc(page.changes.length)
      await faultPhase('pull-page')
      return { ...page, access }
    },
  )

  app.post(
    '/v1/sync/push',
    {
      config: { access: 'user', checksStringsPerItem: true },
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ['sync'],
        summary:
          'Apply a batch of mutations from one device, in order, each exactly once; answers the last id processed',
        body: PushRequest,
        response: { 200: PushResponse, 503: errorResponses[409], ...errorResponses },
      },
    },
    async (request) => {
      await faultPhase('push-received')
      const answer = await applyPush(app, callerOf(request).userId, request.body)
      app.metrics.syncRequests.inc({ kind: 'push' })
      for (const result of answer.results) app.metrics.syncPushMutations.inc({ outcome: result.status })
      await faultPhase('push-applied') // committed, not yet answered
      return answer
    },
  )
}

export default routes
