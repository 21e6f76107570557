// Intelligence schedules on pg-boss (seed 002's cron list): match recalculation every 5 minutes (and on
// demand), queue health every 30 minutes, cleanup daily, the stats rollup hourly, partition upkeep monthly
// (and at start), quality scores daily, package cards every 15 minutes.
import type { PgBoss } from 'pg-boss'
import type { Database } from '../db/database'
import { intelligenceQueues as q } from './intelligence-queues'
import { checkQueueHealth, cleanupIntelligence, drainRecalcQueue } from './recalc-queue'
import { runStatsRollup } from './stats-rollup'
import { maintainPartitions } from './partitions'
import { refreshPackageCards, refreshQualityScores } from './quality-scores'

export interface IntelligenceJobOptions {
  db: Database
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }
  pollingIntervalSeconds: number
  retentionMonths: number
}

export async function createIntelligenceQueues(boss: PgBoss) {
  for (const name of Object.values(q)) await boss.createQueue(name)
}

/** Drains until the queue is empty (each pass one set-based statement). */
async function drainAll(db: Database) {
  const total = { processed: 0, pairs: 0, duration_ms: 0 }
  for (;;) {
    const pass = await drainRecalcQueue(db)
    total.processed += pass.processed
    total.pairs += pass.pairs
    total.duration_ms += pass.duration_ms
    if (pass.processed === 0) return total
  }
}

export async function startIntelligenceWorkers(boss: PgBoss, o: IntelligenceJobOptions) {
  const work = { pollingIntervalSeconds: o.pollingIntervalSeconds }
  const jobs: [string, string, () => Promise<object>][] = [
    [q.matchesRecalc, '*/5 * * * *', () => drainAll(o.db)],
    [q.matchesQueueHealth, '*/30 * * * *', () => checkQueueHealth(o.db)],
    [q.matchesCleanup, '17 3 * * *', () => cleanupIntelligence(o.db)],
    [q.statsRollup, '0 * * * *', () => runStatsRollup(o.db)],
    [q.statsPartitions, '5 0 1 * *', () => maintainPartitions(o.db, o.retentionMonths)],
    [q.qualityRefresh, '30 2 * * *', () => refreshQualityScores(o.db)],
    [q.packageCardsRefresh, '*/15 * * * *', () => refreshPackageCards(o.db)],
  ]
  for (const [name, cron, run] of jobs) {
    await boss.schedule(name, cron)
    await boss.work(name, work, async () => {
      const result = await run()
      o.log.info({ job: name, result }, 'intelligence job done')
      return result
    })
  }
  // A server that was down at the start of a month still has its partitions.
  await boss.send(q.statsPartitions, {})
}
