// What the Operations panel shows a platform administrator: SLOs, queues, the outbox, alerts.
// Organizers never reach it: every function here starts with the platform-admin rule.
import type { Database } from '../db/database'
import type { ServerMetrics } from '../metrics/server-metrics'
import { readOutboxBacklog, readQueueHealth, type QueueHealth } from '../metrics/database-gauges'
import { assertPlatformAdmin } from '../auth/platform-admin'
import { notFound } from '../errors'
import { evaluateSlos, type SloStatus } from './slos'

export interface AdminAlert {
  id: string
  kind: string
  subject_id: string
  message: string
  details: unknown
  created_at: string
  acknowledged_at: string | null
}

export interface OpsOverview {
  slos: SloStatus[]
  queues: QueueHealth[]
  outbox: { reader: string; backlog: number }[]
  dead_letters: number | null
  alerts: AdminAlert[]
  generated_at: string
}

export async function readOpsOverview(db: Database, metrics: ServerMetrics, userId: string): Promise<OpsOverview> {
  await assertPlatformAdmin(db, userId, 'see operations data')
  const [slos, queues, outbox, deadLetters, alerts] = await Promise.all([
    evaluateSlos(db, metrics),
    readQueueHealth(db),
    readOutboxBacklog(db),
    readDeadLetterCount(db),
    readAlerts(db),
  ])
  return { slos, queues, outbox, dead_letters: deadLetters, alerts, generated_at: new Date().toISOString() }
}

export async function acknowledgeAlert(db: Database, userId: string, alertId: string): Promise<AdminAlert> {
  await assertPlatformAdmin(db, userId, 'acknowledge alerts')
  const { rows } = await db.query<AdminAlert>(
    `
    UPDATE admin_alerts SET acknowledged_at = COALESCE(acknowledged_at, now()), acknowledged_by = COALESCE(acknowledged_by, $2)
     WHERE id = $1
     RETURNING id, kind, subject_id, message, details, created_at, acknowledged_at`,
    [alertId, userId],
  )
  if (!rows[0]) throw notFound('Alert')
  return serializeAlert(rows[0])
}

/** Open alerts first, newest first; the last 50 acknowledged ones after them. */
async function readAlerts(db: Database): Promise<AdminAlert[]> {
  const { rows } = await db.query<AdminAlert>(`
    (SELECT id, kind, subject_id, message, details, created_at, acknowledged_at FROM admin_alerts WHERE acknowledged_at IS NULL ORDER BY created_at DESC LIMIT 200)
    UNION ALL
    (SELECT id, kind, subject_id, message, details, created_at, acknowledged_at FROM admin_alerts WHERE acknowledged_at IS NOT NULL ORDER BY acknowledged_at DESC LIMIT 50)`)
  return rows.map(serializeAlert)
}

async function readDeadLetterCount(db: Database): Promise<number | null> {
  const { rows: exists } = await db.query<{ ok: boolean }>(
    `SELECT to_regclass('dead_letter_webhooks') IS NOT NULL AS ok`,
  )
  if (!exists[0]?.ok) return null
  const { rows } = await db.query<{ count: string }>(`SELECT count(*) AS count FROM dead_letter_webhooks`)
  return Number(rows[0]!.count)
}

function serializeAlert(row: AdminAlert): AdminAlert {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null ? null : String(value))
  return { ...row, created_at: iso(row.created_at)!, acknowledged_at: iso(row.acknowledged_at) }
}
