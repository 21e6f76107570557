// pg-boss on the same database (PGlite or Postgres). SKIP LOCKED shares jobs among instances.
import { PgBoss } from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import { runCleanup } from './cleanup-job'
import { queues } from './queues'
import type Stripe from 'stripe'
import { processPayout, type PayoutDeps } from '../commerce/process-payout'
import { reconcile } from '../commerce/reconcile'
import { checkSlaCompliance } from '../fulfillment/sla-compliance'
import type { ServerMetrics } from '../metrics/server-metrics'
import { createIntelligenceQueues, startIntelligenceWorkers } from '../intelligence/intelligence-jobs'
import { runCommandCenterRollup } from '../workspaces/command-center-rollup'
import { deliverNotification, type NotifyJob } from '../workspaces/workspace-notifications'

export interface JobRunnerOptions {
  db: Database
  databaseUrl?: string | undefined
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
  /** Workers and schedules run here (role worker or all); senders only otherwise. */
  isWorker: boolean
  pollingIntervalSeconds?: number
  stripe: Stripe
  payoutMaxAttempts: number
  /** Job durations and failures are observed here when given. */
  metrics?: ServerMetrics
  /** Months of raw stats kept (STATS_RETENTION_MONTHS). */
  statsRetentionMonths?: number
}

export interface JobRunner {
  boss: PgBoss
  stop(): Promise<void>
}

function bossFor(db: Database, databaseUrl: string | undefined, isWorker: boolean) {
  const common = { schedule: isWorker, supervise: isWorker }
  if (db.kind === 'postgres' && databaseUrl) return new PgBoss({ connectionString: databaseUrl, max: 4, ...common })
  // Embedded PGlite is one connection: pg-boss shares our pool so its statements queue behind ours.
  return new PgBoss({
    ...common,
    backend: 'pglite',
    db: {
      executeSql: async (text: string, values?: unknown[]) => {
        const result: unknown = await db.pool.query(text, values as unknown[] | undefined)
        const results = (Array.isArray(result) ? result : [result]) as { rows?: unknown[] }[]
        return { rows: results.flatMap((r) => r.rows ?? []) }
      },
    },
  })
}

export async function startJobs(options: JobRunnerOptions): Promise<JobRunner> {
  const boss = bossFor(options.db, options.databaseUrl, options.isWorker)
  boss.on('error', (error) => options.log.error({ err: error }, 'job queue error'))
  await boss.start()
  for (const name of Object.values(queues)) await boss.createQueue(name)
  await createIntelligenceQueues(boss)

  const observed = <A extends unknown[], R>(queue: string, handler: (...args: A) => Promise<R>) =>
    observeJob(options.metrics, queue, handler)

  if (options.isWorker) {
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2
    await boss.schedule(queues.maintenanceCleanup, '*/15 * * * *')
    await boss.work(
      queues.maintenanceCleanup,
      { pollingIntervalSeconds },
      observed(queues.maintenanceCleanup, async () => {
        const removed = await runCleanup(options.db)
        options.log.info({ removed }, 'expired idempotency keys and refresh tokens removed')
        return removed
      }),
    )

    const payoutDeps: PayoutDeps = {
      db: options.db,
      stripe: options.stripe,
      maxAttempts: options.payoutMaxAttempts,
      log: options.log,
    }
    // Released escrows are paid within a second; a backlog is fetched back to back in batches paid in parallel.
    const payoutWork = { pollingIntervalSeconds: 0.5, batchSize: 10, burstWhenBatchFull: true, localConcurrency: 2 }
    await boss.work<{ orderId: string }>(
      queues.payoutsProcess,
      payoutWork,
      observed(queues.payoutsProcess, async (jobs: { data: { orderId: string } }[]) => {
        await Promise.all(
          jobs.map(async (job) => {
            const result = await processPayout(payoutDeps, job.data.orderId)
            // A failed attempt comes back when its retry is due; the sweep catches anything this misses.
            if (result.outcome === 'failed')
              await boss.send(queues.payoutsProcess, job.data, { startAfter: result.retryInSeconds })
          }),
        )
      }),
    )
    await boss.schedule(queues.commerceReconcile, '*/5 * * * *')
    await boss.work(
      queues.commerceReconcile,
      { pollingIntervalSeconds },
      observed(queues.commerceReconcile, async () => {
        const summary = await reconcile(payoutDeps)
        options.log.info({ summary }, 'commerce reconciliation')
        return summary
      }),
    )
    await boss.schedule(queues.slaCheck, '15 2 * * *')
    await boss.work(
      queues.slaCheck,
      { pollingIntervalSeconds },
      observed(queues.slaCheck, async () => {
        const summary = await checkSlaCompliance(payoutDeps)
        options.log.info({ summary }, 'SLA compliance checked')
        return summary
      }),
    )
    await boss.schedule(queues.commandCenterRollup, '*/5 * * * *')
    await boss.work(
      queues.commandCenterRollup,
      { pollingIntervalSeconds },
      observed(queues.commandCenterRollup, async () => {
        const summary = await runCommandCenterRollup(options.db)
        options.log.info({ summary }, 'command center rollup')
        return summary
      }),
    )
    await boss.work<NotifyJob>(
      queues.commandCenterNotify,
      { pollingIntervalSeconds: 0.5 },
      observed(queues.commandCenterNotify, async (jobs: { data: NotifyJob }[]) => {
        for (const job of jobs) await deliverNotification(options.db, job.data)
      }),
    )
    await startIntelligenceWorkers(boss, {
      db: options.db,
      log: options.log,
      pollingIntervalSeconds,
      retentionMonths: options.statsRetentionMonths ?? 13,
    })
  }

  return {
    boss,
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  }
}

/** Times a job handler into yardpass_job_duration_seconds{queue, outcome}; failures are rethrown for pg-boss. */
export function observeJob<A extends unknown[], R>(
  metrics: ServerMetrics | undefined,
  queue: string,
  handler: (...args: A) => Promise<R>,
) {
  if (!metrics) return handler
  return async (...args: A): Promise<R> => {
    const end = metrics.jobDuration.startTimer({ queue })
    try {
      const result = await handler(...args)
      end({ outcome: 'ok' })
      return result
    } catch (error) {
      end({ outcome: 'failed' })
      throw error
    }
  }
}
