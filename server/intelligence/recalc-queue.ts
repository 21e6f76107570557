// fit_recalc_queue (seed 002/003): triggers and the API add targets; the worker drains a batch of them
// set-based (one scoring statement for the union of their pairs); health every 30 minutes, cleanup daily.
import type { Database, Queryable } from '../db/database'
import { computeMatches, type MatchScope } from './match-sql'

export interface RecalcTarget {
  eventId: string | null
  sponsorId: string | null
}

/** Attempts after which a target stays in the queue for an operator (health reports it). */
export const maxRecalcAttempts = 5

/** Adds targets (an unprocessed duplicate is kept once); returns how many were new. */
export async function enqueueRecalc(db: Queryable, targets: RecalcTarget[], reason: string): Promise<number> {
  if (targets.length === 0) return 0
  const { rowCount } = await db.query(
    `INSERT INTO fit_recalc_queue (event_id, sponsor_id, reason)
     SELECT * FROM unnest($1::uuid[], $2::uuid[]) t, (SELECT $3::text) r
     ON CONFLICT (coalesce(event_id, '00000000-0000-0000-0000-000000000000'), coalesce(sponsor_id, '00000000-0000-0000-0000-000000000000'))
       WHERE processed_at IS NULL DO NOTHING`,
    [targets.map((t) => t.eventId), targets.map((t) => t.sponsorId), reason],
  )
  return rowCount ?? 0
}

export interface DrainResult {
  processed: number
  pairs: number
  duration_ms: number
}

/** Claims up to `limit` targets (SKIP LOCKED, so instances share the queue) and scores them in one statement. */
export async function drainRecalcQueue(db: Database, limit = 5000): Promise<DrainResult> {
  const started = performance.now()
  let claimedIds: string[] = []
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; event_id: string | null; sponsor_id: string | null }>(
        `SELECT id, event_id, sponsor_id FROM fit_recalc_queue WHERE processed_at IS NULL AND attempts < $2
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, maxRecalcAttempts],
      )
      claimedIds = rows.map((r) => r.id)
      if (rows.length === 0) return { processed: 0, pairs: 0, duration_ms: Math.round(performance.now() - started) }
      const pairs = await computeMatches(tx, scopeOf(rows))
      await tx.query(
        'UPDATE fit_recalc_queue SET processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
        [claimedIds],
      )
      return { processed: rows.length, pairs, duration_ms: Math.round(performance.now() - started) }
    })
  } catch (error) {
    if (claimedIds.length) {
      await db.query(
        'UPDATE fit_recalc_queue SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])',
        [claimedIds, String((error as Error).message).slice(0, 500)],
      )
    }
    throw error
  }
}

function scopeOf(rows: { event_id: string | null; sponsor_id: string | null }[]): MatchScope {
  const scope: Required<MatchScope> = { all: false, eventIds: [], sponsorIds: [], pairs: [] }
  for (const r of rows) {
    if (r.event_id && r.sponsor_id) scope.pairs.push({ eventId: r.event_id, sponsorId: r.sponsor_id })
    else if (r.event_id) scope.eventIds.push(r.event_id)
    else if (r.sponsor_id) scope.sponsorIds.push(r.sponsor_id)
    else scope.all = true
  }
  return scope
}

export interface QueueHealth {
  pending: number
  oldest_queued_at: string | null
  oldest_age_seconds: number
  stuck: number
  processed_24h: number
  healthy: boolean
}

/** Seed 002's check_recalc_queue_health(): a backlog older than 15 minutes or stuck targets raise an admin alert. */
export async function checkQueueHealth(db: Queryable): Promise<QueueHealth> {
  const { rows } = await db.query<{
    pending: number
    oldest: Date | null
    age: number | null
    stuck: number
    processed: number
  }>(
    `SELECT count(*) FILTER (WHERE processed_at IS NULL)::int AS pending,
       min(queued_at) FILTER (WHERE processed_at IS NULL) AS oldest,
       extract(epoch FROM now() - min(queued_at) FILTER (WHERE processed_at IS NULL))::float8 AS age,
       count(*) FILTER (WHERE processed_at IS NULL AND attempts >= $1)::int AS stuck,
       count(*) FILTER (WHERE processed_at > now() - interval '24 hours')::int AS processed
     FROM fit_recalc_queue`,
    [maxRecalcAttempts],
  )
  const r = rows[0]!
  const health: QueueHealth = {
    pending: r.pending,
    oldest_queued_at: r.oldest ? r.oldest.toISOString() : null,
    oldest_age_seconds: Math.round(r.age ?? 0),
    stuck: r.stuck,
    processed_24h: r.processed,
    healthy: r.stuck === 0 && (r.age ?? 0) < 15 * 60,
  }
  if (!health.healthy) {
    await db.query(
      `INSERT INTO admin_alerts (kind, subject_id, message, details) VALUES ('fit-recalc-queue', 'backlog', $1, $2)
       ON CONFLICT (kind, subject_id) DO UPDATE SET message = EXCLUDED.message, details = EXCLUDED.details, created_at = now()`,
      [
        `Match recalculation is behind: ${health.pending} pending, oldest ${health.oldest_age_seconds} s, ${health.stuck} stuck.`,
        JSON.stringify(health),
      ],
    )
  }
  await db.query(`INSERT INTO mv_refresh_log (note, duration_ms, details) VALUES ('recalc_queue_health', 0, $1)`, [
    JSON.stringify(health),
  ])
  return health
}

/** Seed 002's cleanup_recalc_queue(): processed targets older than 7 days, batch ids past 30 days, old snapshots and logs. */
export async function cleanupIntelligence(db: Queryable) {
  const queue = await db.query(`DELETE FROM fit_recalc_queue WHERE processed_at < now() - interval '7 days'`)
  const batches = await db.query(`DELETE FROM ingestion_batches WHERE received_at < now() - interval '30 days'`)
  const snapshots = await db.query(`DELETE FROM event_stat_snapshots WHERE captured_at < now() - interval '90 days'`)
  const log = await db.query(`DELETE FROM mv_refresh_log WHERE ran_at < now() - interval '30 days'`)
  return {
    queue: queue.rowCount ?? 0,
    batches: batches.rowCount ?? 0,
    snapshots: snapshots.rowCount ?? 0,
    log: log.rowCount ?? 0,
  }
}
