// Versions follow the order changes were made: a device applies pulled changes in version order, so two
// changes of one row stamped in the same batch must keep their order or the device keeps the older state.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { stampChanges } from '../../../server/repositories/sync-repository'

describeBackends('stamping the change log on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(() => server.close())

  it('hands out versions in the order the changes were written, however many wait', async () => {
    const rows = Array.from({ length: 40 }, () => randomUUID())
    // Concurrent writers take ids in one order and land on the heap in another: written here in shuffled
    // order, 200 interleaved changes of 40 rows wait for the stamper in one batch.
    await server.db.query(
      `INSERT INTO change_log (id, scope, table_name, row_id, op, row_data)
       SELECT 1000000 + g, 'sponsor:x', 'leads', (($1::uuid[])[1 + (g % 40)]), 'upsert', jsonb_build_object('n', g)
       FROM generate_series(1, 200) g ORDER BY random()`,
      [rows],
    )
    const horizon = await stampChanges(server.db)
    const { rows: stamped } = await server.db.query<{ id: string; version: string }>(
      'SELECT id, version FROM change_log ORDER BY id',
    )
    const versions = stamped.map((r) => Number(r.version))
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    expect(horizon).toBe(Math.max(...versions))
    // A second batch continues above the first.
    await server.db.query(
      `INSERT INTO change_log (id, scope, table_name, row_id, op) VALUES (2000000, 'sponsor:x', 'leads', $1, 'delete')`,
      [rows[0]],
    )
    expect(await stampChanges(server.db)).toBe(horizon + 1)
  })
})
