// The seeds' service-level objectives (seed 001 §13 and §21), each measured by one metric and judged
// here for the Operations panel. Prometheus judges the same metrics with deploy/prometheus-rules.yml.
import type { Database } from '../db/database'
import type { ServerMetrics } from '../metrics/server-metrics'
import { readPayoutOutcomes, readQueueHealth } from '../metrics/database-gauges'
import { histogramQuantile } from './histogram-quantile'

export type SloState = 'met' | 'breached' | 'no-data'

export interface SloStatus {
  key: string
  label: string
  target: string
  /** The measured figure in the target's unit, or null when nothing was measured yet. */
  value: number | null
  unit: 'ms' | 'seconds' | 'jobs' | '%'
  state: SloState
  /** Where the figure comes from, in words an operator reads. */
  source: string
}

const judge = (value: number | null, isMet: (v: number) => boolean): SloState =>
  value === null ? 'no-data' : isMet(value) ? 'met' : 'breached'

export async function evaluateSlos(db: Database, metrics: ServerMetrics): Promise<SloStatus[]> {
  const api = await histogramQuantile(metrics.httpDuration, 0.95, (labels) => labels.route !== '/metrics')
  const dbTime = await histogramQuantile(metrics.dbDuration, 0.95, (labels) => labels.kind === 'statement')
  const [queues, payouts, webhooks] = await Promise.all([
    readQueueHealth(db),
    readPayoutOutcomes(db),
    readWebhookFirstAttempt(db),
  ])
  const worstLag = queues.length ? Math.max(...queues.map((q) => q.lagSeconds)) : 0
  const deepest = queues.length ? Math.max(...queues.map((q) => q.depth)) : 0
  const settled = payouts.paid + payouts.dead
  const payoutShare = settled ? (100 * payouts.paid) / settled : null
  const apiMs = api.quantile === null ? null : round(api.quantile * 1000)
  const dbMs = dbTime.quantile === null ? null : round(dbTime.quantile * 1000)
  return [
    {
      key: 'api_p95',
      label: 'API response time (p95)',
      target: '< 250 ms',
      value: apiMs,
      unit: 'ms',
      state: judge(apiMs, (v) => v < 250),
      source: `this instance, ${api.count} requests since it started`,
    },
    {
      key: 'db_p95',
      label: 'Database statement time (p95)',
      target: '< 100 ms',
      value: dbMs,
      unit: 'ms',
      state: judge(dbMs, (v) => v < 100),
      source: `this instance, ${dbTime.count} statements since it started`,
    },
    {
      key: 'queue_lag',
      label: 'Job queue lag (oldest ready job)',
      target: '< 5 minutes',
      value: round(worstLag),
      unit: 'seconds',
      state: judge(worstLag, (v) => v < 300),
      source: `all instances, ${queues.length} queues`,
    },
    {
      key: 'queue_depth',
      label: 'Job queue depth (deepest queue)',
      target: '< 1,000 jobs',
      value: deepest,
      unit: 'jobs',
      state: judge(deepest, (v) => v < 1000),
      source: 'all instances',
    },
    {
      key: 'payout_success',
      label: 'Payout success (last 24 h)',
      target: '> 95 %',
      value: payoutShare === null ? null : round(payoutShare),
      unit: '%',
      state: judge(payoutShare, (v) => v > 95),
      source: `${payouts.paid} paid, ${payouts.dead} failed for good, ${payouts.pending} in progress`,
    },
    {
      key: 'webhook_first_delivery',
      label: 'Webhook first-attempt delivery (last 24 h)',
      target: '> 98 %',
      value: webhooks,
      unit: '%',
      state: judge(webhooks, (v) => v > 98),
      source: webhooks === null ? 'no webhook deliveries yet' : 'all instances',
    },
  ]
}

/** The share of webhook deliveries whose first attempt succeeded, when webhook delivery exists and ran. */
async function readWebhookFirstAttempt(db: Database): Promise<number | null> {
  const { rows: exists } = await db.query<{ ok: boolean }>(`SELECT to_regclass('webhook_attempts') IS NOT NULL AS ok`)
  if (!exists[0]?.ok) return null
  const { rows } = await db.query<{ total: string; ok: string }>(`
    SELECT count(*) AS total, count(*) FILTER (WHERE a.succeeded) AS ok
      FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
     WHERE a.attempt_number = 1 AND NOT d.is_test AND a.started_at > now() - interval '24 hours'`)
  const total = Number(rows[0]!.total)
  return total ? round((100 * Number(rows[0]!.ok)) / total) : null
}

const round = (value: number) => Math.round(value * 100) / 100
