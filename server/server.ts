// Starts a configured server: database, migrations, HTTP + realtime (api), jobs (worker), graceful stop.
import type { FastifyBaseLogger } from 'fastify'
import { buildApp, type App } from './app'
import { describeConfig, type ServerConfig } from './config'
import { openDatabase } from './db/open-database'
import { migrate } from './db/migrate'
import { startJobs, type JobRunner } from './jobs/job-runner'
import { ensureDemoData, type DemoLogin } from './demo/demo-seed'
import type { Database } from './db/database'

export interface RunningServer {
  app: App
  db: Database
  jobs: JobRunner
  url: string
  demoLogin: DemoLogin | null
  stop(): Promise<void>
}

export async function startServer(config: ServerConfig, logger?: FastifyBaseLogger): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let app: App | undefined
  let jobs: JobRunner | undefined
  try {
    app = await buildApp({ config, db, ...(logger ? { logger } : {}) })
    app.log.info({ config: describeConfig(config) }, 'starting')
    const applied = await migrate(db)
    if (applied.length) app.log.info({ applied }, 'migrations applied')
    const demoLogin = config.demoSeed ? await ensureDemoData(db, config.dataDir) : null
    jobs = await startJobs({
      db,
      databaseUrl: config.databaseUrl,
      log: app.log,
      isWorker: config.role !== 'api',
      stripe: app.stripe.client,
      payoutMaxAttempts: config.payoutMaxAttempts,
      metrics: app.metrics,
      statsRetentionMonths: config.statsRetentionMonths,
    })
    app.jobQueue.boss = jobs.boss
    const url = await app.listen({ port: config.port, host: config.host })
    // Test mode: the local Stripe server delivers its signed events to this server's webhook.
    if (app.stripe.local && app.stripe.webhookSecret)
      app.stripe.local.webhooks.addEndpoint(`${url}/v1/stripe/webhook`, app.stripe.webhookSecret)
    const running = { app, db, jobs, url, demoLogin }
    let stopping: Promise<void> | undefined
    return {
      ...running,
      stop: () => (stopping ??= shutdown(running)),
    }
  } catch (error) {
    await jobs?.stop().catch(() => {})
    await app?.close().catch(() => {})
    await db.close().catch(() => {})
    throw error
  }
}

async function shutdown({ app, db, jobs }: { app: App; db: Database; jobs: JobRunner }) {
  await app.close() // stops accepting, lets in-flight requests finish
  await jobs.stop()
  await db.close()
}
