// Monthly upkeep of event_impressions_p and ticket_analytics_p (seed 002): partitions for this month and
// three ahead (rows the default partition caught for them move in), and months past retention dropped.
import type { Queryable } from '../db/database'

export const partitionedTables = ['event_impressions_p', 'ticket_analytics_p'] as const

export interface PartitionUpkeep {
  created: number
  dropped: number
}

export async function maintainPartitions(
  db: Queryable,
  retentionMonths: number,
  now = new Date(),
): Promise<PartitionUpkeep> {
  let created = 0
  let dropped = 0
  for (const table of partitionedTables) {
    const made = await db.query<{ n: number }>('SELECT ensure_month_partitions($1, $2::date, 4) AS n', [table, now])
    created += made.rows[0]!.n
    const gone = await db.query<{ n: number }>(
      `SELECT drop_month_partitions_before($1, (date_trunc('month', $2::timestamptz) - make_interval(months => $3))::date) AS n`,
      [table, now, retentionMonths],
    )
    dropped += gone.rows[0]!.n
  }
  return { created, dropped }
}
