// Seed 002's quality scores: mv_event_quality_scores (daily) gives each event a 0–100 score that becomes its
// packages' quality_score; v_sponsorship_package_cards (every 15 minutes) is the marketplace's card list.
import type { Queryable } from '../db/database'

async function timed(db: Queryable, note: string, sql: string[]) {
  const started = performance.now()
  let rows = 0
  for (const statement of sql) rows += (await db.query(statement)).rowCount ?? 0
  const duration = Math.round(performance.now() - started)
  await db.query('INSERT INTO mv_refresh_log (note, duration_ms, details) VALUES ($1, $2, $3)', [
    note,
    duration,
    JSON.stringify({ rows }),
  ])
  return { duration_ms: duration, rows }
}

/** Refreshes event quality and writes it to every package of the event. */
export const refreshQualityScores = (db: Queryable) =>
  timed(db, 'mv_event_quality_scores', [
    'REFRESH MATERIALIZED VIEW CONCURRENTLY mv_event_quality_scores',
    `UPDATE sponsorship_packages p SET quality_score = q.quality_score FROM mv_event_quality_scores q
   WHERE q.event_id = p.event_id AND p.quality_score IS DISTINCT FROM q.quality_score`,
  ])

export const refreshPackageCards = (db: Queryable) =>
  timed(db, 'v_sponsorship_package_cards', ['REFRESH MATERIALIZED VIEW CONCURRENTLY v_sponsorship_package_cards'])

/** The event's current quality score (for a package being published), computed live. */
export async function eventQualityScore(db: Queryable, eventId: string): Promise<number | null> {
  const { rows } = await db.query<{ q: string }>(
    'SELECT quality_score AS q FROM mv_event_quality_scores WHERE event_id = $1',
    [eventId],
  )
  return rows[0] ? Number(rows[0].q) : null
}
