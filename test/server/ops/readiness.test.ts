// /readyz keeps a load balancer away from an instance whose database is gone or not yet migrated.
import { expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer } from '../../support/test-server'

describeBackends('readiness on %s', (backend) => {
  it('is ready on a migrated database, and not while a migration this server needs is missing', async () => {
    const server = await startTestServer({ backend })
    try {
      expect(await api(server.url, 'GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } })
      // As if another instance were still applying the newest migration.
      const { rows } = await server.db.query<{ id: number; name: string; checksum: string }>(
        'DELETE FROM schema_migrations WHERE id = (SELECT max(id) FROM schema_migrations) RETURNING id, name, checksum',
      )
      expect(await api(server.url, 'GET', '/readyz')).toMatchObject({
        status: 503,
        body: { status: 'migrations-pending' },
      })
      await server.db.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [
        rows[0]!.id,
        rows[0]!.name,
        rows[0]!.checksum,
      ])
      expect((await api(server.url, 'GET', '/readyz')).status).toBe(200)
      expect((await api(server.url, 'GET', '/healthz')).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  // Ending the pool is how this test takes the database away; on Postgres the realtime adapter's LISTEN
  // connection keeps the pool from ending, so the check runs on PGlite (the route's code is the same).
  it.skipIf(backend === 'postgres')(
    'is not ready when the database stops answering, while the process stays live (PGlite only: a LISTEN connection keeps a Postgres pool from ending)',
    async () => {
      const server = await startTestServer({ backend })
      try {
        await server.db.pool.end()
        expect(await api(server.url, 'GET', '/readyz')).toMatchObject({
          status: 503,
          body: { status: 'database-unavailable' },
        })
        expect((await api(server.url, 'GET', '/healthz')).status).toBe(200)
      } finally {
        await server.app.close()
      }
    },
  )
})
