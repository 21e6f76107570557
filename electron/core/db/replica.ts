// The local SQLite replica: WAL with synchronous commits, so a write that returned survives a crash.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { replicaMigrations, type ReplicaMigration } from './migrations'

export type Replica = BetterSqlite3.Database

export class ReplicaHistoryError extends Error {
  override name = 'ReplicaHistoryError'
}

export function openReplica(file: string, migrations: ReplicaMigration[] = replicaMigrations): Replica {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new BetterSqlite3(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  try {
    migrateReplica(db, migrations)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

function migrateReplica(db: Replica, migrations: ReplicaMigration[]) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL)')
  const applied = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as {
    id: number
    name: string
  }[]
  applied.forEach((row, index) => {
    const known = migrations[index]
    if (!known || known.id !== row.id || known.name !== row.name) {
      throw new ReplicaHistoryError(
        `The local data was written by another version of the app (migration ${row.name}); update the app or move the data folder aside.`,
      )
    }
  })
  const record = db.prepare('INSERT INTO schema_migrations (id, name) VALUES (?, ?)')
  for (const migration of migrations.slice(applied.length)) {
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.id, migration.name)
    })()
  }
}
