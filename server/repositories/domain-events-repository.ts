// The domain-event outbox: recording, stamping and reading after a reader's cursor.
import type { Queryable } from '../db/database'
import type { DomainEvent, NewDomainEvent } from '../outbox/domain-event-types'

/** Records an event in the caller's transaction: it commits, or vanishes, with the change it describes. */
export async function recordDomainEvent(tx: Queryable, event: NewDomainEvent): Promise<string> {
  const { rows } = await tx.query<{ id: string }>('SELECT record_domain_event($1, $2::uuid[], $3, $4) AS id', [
    event.type,
    event.orgIds,
    event.eventId ?? null,
    JSON.stringify(event.data),
  ])
  return rows[0]!.id
}

/** Stamps committed events with their sequence numbers; returns the highest handed out so far. */
export async function stampDomainEvents(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ horizon: string }>('SELECT stamp_domain_events() AS horizon')
  return Number(rows[0]!.horizon)
}

export async function ensureCursor(db: Queryable, reader: string) {
  await db.query('INSERT INTO domain_event_cursors (reader) VALUES ($1) ON CONFLICT (reader) DO NOTHING', [reader])
}

/** The reader's cursor, locked for this transaction; null while another instance holds it. */
export async function lockCursor(tx: Queryable, reader: string): Promise<number | null> {
  const { rows } = await tx.query<{ last_seq: string }>(
    'SELECT last_seq FROM domain_event_cursors WHERE reader = $1 FOR UPDATE SKIP LOCKED',
    [reader],
  )
  return rows[0] ? Number(rows[0].last_seq) : null
}

export async function moveCursor(tx: Queryable, reader: string, lastSeq: number) {
  await tx.query('UPDATE domain_event_cursors SET last_seq = $2, updated_at = now() WHERE reader = $1', [
    reader,
    lastSeq,
  ])
}

type Row = {
  id: string
  seq: string
  type: string
  org_ids: string[]
  event_id: string | null
  data: Record<string, unknown>
  occurred_at: Date
}
const fromRow = (r: Row): DomainEvent => ({
  id: r.id,
  seq: Number(r.seq),
  type: r.type,
  orgIds: r.org_ids,
  eventId: r.event_id,
  data: r.data,
  occurredAt: r.occurred_at,
})

/** Stamped events after `afterSeq`, up to `horizon`, in order. */
export async function readDomainEvents(
  db: Queryable,
  afterSeq: number,
  horizon: number,
  limit: number,
  types?: readonly string[],
): Promise<DomainEvent[]> {
  const { rows } = await db.query<Row>(
    `SELECT id, seq, type, org_ids, event_id, data, occurred_at FROM domain_events
     WHERE seq > $1 AND seq <= $2 AND ($4::text[] IS NULL OR type = ANY($4)) ORDER BY seq LIMIT $3`,
    [afterSeq, horizon, limit, types ?? null],
  )
  return rows.map(fromRow)
}

/** Events an organization may hear of, in a time range (replays, catalogs, audits). */
export async function listDomainEventsForOrg(
  db: Queryable,
  orgId: string,
  range: { from: Date; to: Date; types?: readonly string[]; limit: number },
) {
  const { rows } = await db.query<Row>(
    `SELECT id, seq, type, org_ids, event_id, data, occurred_at FROM domain_events
     WHERE org_ids @> ARRAY[$1::uuid] AND occurred_at >= $2 AND occurred_at < $3 AND ($4::text[] IS NULL OR type = ANY($4))
     ORDER BY occurred_at, pending_id LIMIT $5`,
    [orgId, range.from, range.to, range.types ?? null, range.limit],
  )
  return rows.map(fromRow)
}
