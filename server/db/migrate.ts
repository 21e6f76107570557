// Forward-only SQL migrations: numbered files, one transaction each, recorded with a checksum.
// A database whose applied list is not a prefix of the files refuses to start.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './database'

export interface Migration {
  id: number
  name: string
  sql: string
  checksum: string
}

export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError'
}

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations')
const MIGRATION_LOCK = 727_001

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8')
      return {
        id: Number(file.slice(0, 4)),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      }
    })
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  const client = await db.pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`)
    const { rows: applied } = await client.query<{ id: number; name: string; checksum: string }>(
      'SELECT id, name, checksum FROM schema_migrations ORDER BY id',
    )
    applied.forEach((row, index) => {
      const file = migrations[index]
      if (!file || file.id !== row.id || file.name !== row.name || file.checksum !== row.checksum) {
        throw new MigrationHistoryError(
          `Migration history diverges at ${row.name}: the database has migrations this server does not ` +
            `(or they were edited). Refusing to start; restore the matching server version or the database.`,
        )
      }
    })
    const pending = migrations.slice(applied.length)
    for (const migration of pending) {
      await client.query('BEGIN')
      try {
        await client.query(migration.sql)
        await client.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [
          migration.id,
          migration.name,
          migration.checksum,
        ])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
    return pending.map((migration) => migration.name)
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}
