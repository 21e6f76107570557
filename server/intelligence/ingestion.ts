// Batched ingestion of impressions, post views and ticket analytics (up to 10,000 rows a batch), each
// batch written once: its id is recorded in the same transaction as its rows, so a retry of the same
// batch answers the first outcome and a different batch under a used id is refused. Rows go in with one
// INSERT … SELECT FROM unnest(arrays) per batch.
import { createHash } from 'node:crypto'
import type { Database } from '../db/database'
import { AppError, notFound } from '../errors'
import type { VerifiedKey } from './api-keys'

export type IngestKind = 'impressions' | 'post_views' | 'ticket_analytics'
export const maxBatchRows = 10_000

export interface ImpressionRow {
  created_at?: string
  session_id?: string
  country?: string
  age_bucket?: string
  source?: string
}
export interface PostViewRow {
  created_at?: string
  post_id?: string
  session_id?: string
  dwell_ms: number
  watch_percentage?: number
}
export interface TicketRow {
  created_at?: string
  interaction_type: string
  session_id?: string
  quantity?: number
}
type AnyRow = ImpressionRow | PostViewRow | TicketRow

const inserts: Record<IngestKind, { sql: string; columns: (rows: never[]) => unknown[][] }> = {
  impressions: {
    sql: `INSERT INTO event_impressions_p (event_id, created_at, session_id, country, age_bucket, source)
          SELECT $1, * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    columns: (rows: ImpressionRow[]) => [
      rows.map((r) => r.session_id ?? null),
      rows.map((r) => r.country?.toUpperCase() ?? null),
      rows.map((r) => r.age_bucket ?? null),
      rows.map((r) => r.source ?? null),
    ],
  },
  post_views: {
    sql: `INSERT INTO post_views (event_id, created_at, post_id, session_id, dwell_ms, watch_percentage)
          SELECT $1, * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::numeric[])`,
    columns: (rows: PostViewRow[]) => [
      rows.map((r) => r.post_id ?? null),
      rows.map((r) => r.session_id ?? null),
      rows.map((r) => r.dwell_ms),
      rows.map((r) => r.watch_percentage ?? null),
    ],
  },
  ticket_analytics: {
    sql: `INSERT INTO ticket_analytics_p (event_id, created_at, interaction_type, session_id, quantity)
          SELECT $1, * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::int[])`,
    columns: (rows: TicketRow[]) => [
      rows.map((r) => r.interaction_type),
      rows.map((r) => r.session_id ?? null),
      rows.map((r) => r.quantity ?? 1),
    ],
  },
}

export interface IngestResult {
  batch_id: string
  kind: IngestKind
  accepted: number
  duplicate: boolean
}

/** Times must fall inside retention and at most 5 minutes ahead of the server's clock. */
function timesOf(rows: AnyRow[], retentionMonths: number, now: Date) {
  const earliest = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retentionMonths, 1)).getTime()
  const latest = now.getTime() + 5 * 60_000
  const nowIso = now.toISOString()
  return rows.map((r, index) => {
    if (r.created_at === undefined) return nowIso
    const t = Date.parse(r.created_at)
    if (t < earliest || t > latest) {
      throw new AppError(
        422,
        'created-at-out-of-range',
        `rows[${index}].created_at must be between ${new Date(earliest).toISOString()} and 5 minutes from now; nothing was written.`,
        { index },
      )
    }
    return r.created_at
  })
}

export async function ingestBatch(
  db: Database,
  key: VerifiedKey,
  eventId: string,
  kind: IngestKind,
  batchId: string,
  rows: AnyRow[],
  retentionMonths: number,
): Promise<IngestResult> {
  const times = timesOf(rows, retentionMonths, new Date())
  const fingerprint = createHash('sha256').update(JSON.stringify(rows)).digest('hex')
  return db.transaction(async (tx) => {
    const event = await tx.query('SELECT 1 FROM events WHERE id = $1 AND org_id = $2', [eventId, key.orgId])
    if (event.rowCount === 0) throw notFound('Event')
    const fresh = await tx.query(
      `INSERT INTO ingestion_batches (event_id, kind, batch_id, org_id, api_key_id, fingerprint, row_count) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING`,
      [eventId, kind, batchId, key.orgId, key.keyId, fingerprint, rows.length],
    )
    if (fresh.rowCount === 0) {
      const { rows: seen } = await tx.query<{ fingerprint: string; row_count: number }>(
        'SELECT fingerprint, row_count FROM ingestion_batches WHERE event_id = $1 AND kind = $2 AND batch_id = $3',
        [eventId, kind, batchId],
      )
      if (seen[0]!.fingerprint !== fingerprint) {
        throw new AppError(
          422,
          'batch-id-reused',
          `Batch ${batchId} was already received with other rows; send new rows under a new batch_id.`,
        )
      }
      return { batch_id: batchId, kind, accepted: seen[0]!.row_count, duplicate: true }
    }
    const insert = inserts[kind]
    await tx.query(insert.sql, [eventId, times, ...insert.columns(rows as never[])])
    return { batch_id: batchId, kind, accepted: rows.length, duplicate: false }
  })
}
