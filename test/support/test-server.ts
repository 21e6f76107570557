// A real server for tests: PGlite or a fresh Postgres database, migrated, listening on loopback.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, type App } from '../../server/app'
import { loadConfig, type ServerConfig } from '../../server/config'
import { openDatabase } from '../../server/db/open-database'
import { migrate } from '../../server/db/migrate'
import type { Database } from '../../server/db/database'
import { createPostgresDatabase, type Backend, type FreshDatabase } from './databases'
import { startJobs, type JobRunner } from '../../server/jobs/job-runner'

export interface TestServer {
  app: App
  db: Database
  url: string
  config: ServerConfig
  close(): Promise<void>
  /** Drops the fresh Postgres database this server made, for a test that replaced the server itself. */
  dropDatabase?: () => Promise<void>
}

export interface TestServerOptions {
  backend: Backend
  /** Reuse a database (a second instance on the same Postgres). */
  databaseUrl?: string
  env?: Record<string, string>
  /** Run the job workers too (payouts, reconciliation), as `npm run server` does. */
  jobs?: boolean
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer & { databaseUrl?: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yp-server-'))
  let fresh: FreshDatabase | undefined
  let databaseUrl = options.databaseUrl
  if (options.backend === 'postgres' && !databaseUrl) {
    fresh = await createPostgresDatabase()
    databaseUrl = fresh.url
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  })
  const db = await openDatabase({ databaseUrl, dataDir: databaseUrl ? dataDir : 'memory://' })
  await migrate(db)
  const app = await buildApp({ config, db })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  // Test mode: the embedded local Stripe server delivers signed events to this server's webhook.
  if (app.stripe.local && app.stripe.webhookSecret)
    app.stripe.local.webhooks.addEndpoint(`${url}/v1/stripe/webhook`, app.stripe.webhookSecret)
  let jobs: JobRunner | undefined
  if (options.jobs) {
    jobs = await startJobs({
      db,
      databaseUrl,
      isWorker: true,
      pollingIntervalSeconds: 0.5,
      stripe: app.stripe.client,
      payoutMaxAttempts: config.payoutMaxAttempts,
      metrics: app.metrics,
      log: { info() {}, warn() {}, error() {} },
    })
    app.jobQueue.boss = jobs.boss
  }
  return {
    app,
    db,
    url,
    config,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(fresh ? { dropDatabase: () => fresh.drop() } : {}),
    close: async () => {
      await jobs?.stop()
      await app.close()
      await db.close()
      if (fresh) await fresh.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
