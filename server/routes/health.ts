// Liveness and readiness for load balancers and orchestrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const Status = Type.Object({ status: Type.String() })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: Status } },
  }, async () => ({ status: 'ok' }))

  app.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'The database answers', security: [], response: { 200: Status, 503: Status } },
  }, async (_request, reply) => {
    try {
      await app.db.query('SELECT 1')
      return { status: 'ready' }
    } catch {
      return reply.status(503).send({ status: 'database-unavailable' })
    }
  })
}

export default routes
