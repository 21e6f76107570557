// Gauges read from the database at scrape time: the same figures on every instance.
import type { Database } from '../db/database'
import type { ServerMetrics } from './server-metrics'

export interface QueueHealth {
  queue: string
  depth: number
  lagSeconds: number
  failedLastHour: number
}

/** pg-boss jobs ready to run (created or waiting a retry, start time passed) and the oldest one's wait. */
export async function readQueueHealth(db: Database): Promise<QueueHealth[]> {
  // The API role of a split deployment may scrape before any worker made the job schema.
  const { rows: exists } = await db.query<{ ok: boolean }>(`SELECT to_regclass('pgboss.job') IS NOT NULL AS ok`)
  if (!exists[0]?.ok) return []
  const { rows } = await db.query<{ queue: string; depth: string; lag: number | null; failed: string }>(`
    SELECT name AS queue,
           count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS depth,
           extract(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()))::float8 AS lag,
           count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '1 hour') AS failed
      FROM pgboss.job
     GROUP BY name
     ORDER BY name`)
  return rows.map((row) => ({
    queue: row.queue,
    depth: Number(row.depth),
    lagSeconds: Math.max(0, row.lag ?? 0),
    failedLastHour: Number(row.failed),
  }))
}

export interface PayoutOutcomes {
  paid: number
  failed: number
  dead: number
  pending: number
}

/** Orders whose payout was queued in the last 24 hours, by where the payout stands now. */
export async function readPayoutOutcomes(db: Database): Promise<PayoutOutcomes> {
  const { rows } = await db.query<{ paid: string; failed: string; dead: string; pending: string }>(`
    SELECT count(*) FILTER (WHERE payout_status = 'paid') AS paid,
           count(*) FILTER (WHERE payout_status = 'failed') AS failed,
           count(*) FILTER (WHERE payout_status = 'dead') AS dead,
           count(*) FILTER (WHERE payout_status IN ('queued', 'processing')) AS pending
      FROM sponsorship_orders
     WHERE payout_status IS NOT NULL AND released_at > now() - interval '24 hours'`)
  const row = rows[0]!
  return { paid: Number(row.paid), failed: Number(row.failed), dead: Number(row.dead), pending: Number(row.pending) }
}

export async function readOutboxBacklog(db: Database): Promise<{ reader: string; backlog: number }[]> {
  const { rows } = await db.query<{ reader: string; backlog: string }>(`
    SELECT c.reader, (SELECT count(*) FROM domain_events e WHERE e.seq IS NULL OR e.seq > c.last_seq) AS backlog
      FROM domain_event_cursors c ORDER BY c.reader`)
  return rows.map((row) => ({ reader: row.reader, backlog: Number(row.backlog) }))
}

export async function readOpenAlertCount(db: Database): Promise<number> {
  const { rows } = await db.query<{ open: string }>(
    `SELECT count(*) AS open FROM admin_alerts WHERE acknowledged_at IS NULL`,
  )
  return Number(rows[0]!.open)
}

export function databaseGauges(db: Database) {
  return async (metrics: ServerMetrics) => {
    const [queues, payouts, backlog, alerts] = await Promise.all([
      readQueueHealth(db),
      readPayoutOutcomes(db),
      readOutboxBacklog(db),
      readOpenAlertCount(db),
    ])
    metrics.queueDepth.reset()
    metrics.queueLag.reset()
    metrics.jobsFailedLastHour.reset()
    for (const queue of queues) {
      metrics.queueDepth.set({ queue: queue.queue }, queue.depth)
      metrics.queueLag.set({ queue: queue.queue }, queue.lagSeconds)
      metrics.jobsFailedLastHour.set({ queue: queue.queue }, queue.failedLastHour)
    }
    for (const [outcome, count] of Object.entries(payouts)) metrics.payoutOutcomes.set({ outcome }, count)
    metrics.outboxBacklog.reset()
    for (const row of backlog) metrics.outboxBacklog.set({ reader: row.reader }, row.backlog)
    metrics.adminAlertsOpen.set(alerts)
  }
}
