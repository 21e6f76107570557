// Opens embedded PGlite (a data folder) or real Postgres (DATABASE_URL) behind one pool.
import { mkdirSync } from 'node:fs'
import pg from 'pg'
import { Database } from './database'

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  /** PGlite's data folder; 'memory://' keeps it in memory (tests). */
  dataDir: string
  poolSize?: number
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 })
    pool.on('error', () => {}) // idle-client errors surface on the next query instead
    await pool.query('SELECT 1')
    return new Database(pool, 'postgres')
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres')
  // pg_trgm: typo-tolerant search and objectives similarity (migration 0015), as on Postgres.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true })
  const pglite = await PGlite.create(options.dataDir, { extensions: { pg_trgm } })
  // PGlite is one connection: a pool of one serializes transactions instead of interleaving them.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 })
  return new Database(pool, 'pglite', () => pglite.close())
}
