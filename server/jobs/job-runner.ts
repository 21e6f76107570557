// pg-boss on the same database (PGlite or Postgres). SKIP LOCKED shares jobs among instances.
import { PgBoss } from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import { runCleanup } from './cleanup-job'
import { queues } from './queues'

export interface JobRunnerOptions {
  db: Database
  databaseUrl?: string | undefined
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
  /** Workers and schedules run here (role worker or all); senders only otherwise. */
  isWorker: boolean
  pollingIntervalSeconds?: number
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

  if (options.isWorker) {
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2
    await boss.schedule(queues.maintenanceCleanup, '*/15 * * * *')
    await boss.work(queues.maintenanceCleanup, { pollingIntervalSeconds }, async () => {
      const removed = await runCleanup(options.db)
      options.log.info({ removed }, 'expired idempotency keys and refresh tokens removed')
      return removed
    })
  }

  return {
    boss,
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  }
}
