import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/open-database'
import { migrate, MigrationHistoryError, readMigrations } from '../../../server/db/migrate'
import type { Database } from '../../../server/db/database'
import { describeBackends, createPostgresDatabase, type FreshDatabase } from '../../support/databases'

describeBackends('migrations on %s', (backend) => {
  let db: Database
  let fresh: FreshDatabase | undefined
  afterEach(async () => {
    await db.close()
    await fresh?.drop()
  })

  async function open() {
    fresh = backend === 'postgres' ? await createPostgresDatabase() : undefined
    db = await openDatabase({ databaseUrl: fresh?.url, dataDir: 'memory://' })
  }

  it('applies every migration once, in order', async () => {
    await open()
    const applied = await migrate(db)
    expect(applied).toEqual(readMigrations().map((m) => m.name))
    expect(await migrate(db)).toEqual([])
  })

  it('refuses a database whose history diverges from the files', async () => {
    await open()
    await migrate(db)
    const dir = mkdtempSync(join(tmpdir(), 'yp-migrations-'))
    writeFileSync(join(dir, '0001_core.sql'), 'SELECT 1; -- edited')
    await expect(migrate(db, readMigrations(dir))).rejects.toBeInstanceOf(MigrationHistoryError)

    await db.query(`INSERT INTO schema_migrations (id, name, checksum) VALUES (9999, '9999_from_the_future.sql', 'x')`)
    await expect(migrate(db)).rejects.toThrow(/diverges at 9999_from_the_future.sql/)
  })
})
