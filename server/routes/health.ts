// Liveness and readiness for load balancers and orchestrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { readMigrations } from '../db/migrate'

const Status = Type.Object({ status: Type.String() })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // The schema this code needs; an instance on a database another instance is still migrating waits.
  const latestMigration = Math.max(0, ...readMigrations().map((migration) => migration.id))

  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The database answers and has every migration this server needs',
        security: [],
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) => {
      let applied: number
      try {
        const { rows } = await app.db.query<{ latest: number | null }>(
          'SELECT max(id) AS latest FROM schema_migrations',
        )
        applied = rows[0]?.latest ?? 0
      } catch {
        return reply.status(503).send({ status: 'database-unavailable' })
      }
      if (applied < latestMigration) return reply.status(503).send({ status: 'migrations-pending' })
      return { status: 'ready' }
    },
  )
}

export default routes
