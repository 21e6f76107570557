// Databases for tests: in-memory PGlite always; a fresh Postgres database per test file when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe } from 'vitest'

export type Backend = 'pglite' | 'postgres'

export const testDatabaseUrl = process.env.TEST_DATABASE_URL

/** The backends available in this run: PGlite always, Postgres when TEST_DATABASE_URL is set. */
export const backends: Backend[] = testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite']

/** Every backend a suite is written for, available or not. */
export const allBackends: Backend[] = ['pglite', 'postgres']

/** The reason a Postgres suite is skipped, in its name, so a run without Postgres says what it did not test. */
export const needsPostgres = 'skipped: needs TEST_DATABASE_URL'

/**
 * A suite per backend, like describe.each(allBackends): `%s` in the title is the backend. Without
 * TEST_DATABASE_URL the Postgres suite is still collected and shows every test as skipped, with the reason.
 */
export function describeBackends(title: string, body: (backend: Backend) => void): void {
  for (const backend of allBackends) {
    const name = title.replaceAll('%s', backend)
    if (backend === 'postgres' && !testDatabaseUrl) describe.skip(`${name} (${needsPostgres})`, () => body(backend))
    else describe(name, () => body(backend))
  }
}

/** Says in a title that the test needs two instances on one Postgres, for the PGlite run where it is skipped. */
export const postgresOnly = (title: string) => `${title} (Postgres only: needs a second instance on one database)`

/**
 * A race test's title: on PGlite (one connection, a pool of one) the "simultaneous" requests are queued
 * one after another, so there the test shows the outcome of a serial run, and its name says so.
 */
export const raceTitle = (backend: Backend, title: string) =>
  backend === 'pglite' ? `${title} (serialised on PGlite: one connection, no real concurrency)` : title

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
