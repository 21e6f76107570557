// Databases for tests: in-memory PGlite always; a fresh Postgres database per test file when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export type Backend = 'pglite' | 'postgres'

export const testDatabaseUrl = process.env.TEST_DATABASE_URL

/** The backends server tests run against: PGlite always, Postgres when TEST_DATABASE_URL is set. */
export const backends: Backend[] = testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite']

export interface FreshDatabase {
  url: string
  drop(): Promise<void>
}

/** Creates an empty Postgres database beside TEST_DATABASE_URL's (or adminUrl's) and returns its URL. */
export async function createPostgresDatabase(adminUrl = testDatabaseUrl): Promise<FreshDatabase> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `yp_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}
