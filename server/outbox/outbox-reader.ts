// Reads the outbox for one named reader, exactly once across instances: the reader's cursor row is
// locked for the batch (another instance skips it), and moves in the same transaction as the handler's
// own writes, so a batch is either handled and passed, or neither.
import type pg from 'pg'
import type { Database } from '../db/database'
import {
  ensureCursor,
  lockCursor,
  moveCursor,
  readDomainEvents,
  stampDomainEvents,
} from '../repositories/domain-events-repository'
import type { DomainEvent } from './domain-event-types'

export interface OutboxReaderSpec<T = unknown> {
  /** Unique, stable name: it keys the cursor. */
  name: string
  /** Only these types (all when absent). */
  types?: readonly string[]
  batchSize?: number
  /** Runs in the batch's transaction; throw to leave the cursor where it was. */
  handle(tx: pg.PoolClient, events: DomainEvent[]): Promise<T>
  /** Runs after the batch committed (emits, wake-ups); failures here are logged, never retried. */
  afterCommit?(result: T, events: DomainEvent[]): void | Promise<void>
}

export type BatchOutcome = { kind: 'busy' } | { kind: 'read'; count: number; isFull: boolean }

const cursorsMade = new WeakMap<Database, Set<string>>()

/** Hands the reader its next batch. 'busy' when another instance is reading for it right now. */
export async function readNextBatch<T>(db: Database, spec: OutboxReaderSpec<T>): Promise<BatchOutcome> {
  const made = cursorsMade.get(db) ?? new Set<string>()
  cursorsMade.set(db, made)
  if (!made.has(spec.name)) {
    await ensureCursor(db, spec.name)
    made.add(spec.name)
  }
  const limit = spec.batchSize ?? 500
  // Stamping commits on its own, so a long batch never holds the stamp lock other readers need.
  const horizon = await stampDomainEvents(db)
  const batch = await db.transaction(async (tx) => {
    const cursor = await lockCursor(tx, spec.name)
    if (cursor === null) return null
    if (cursor >= horizon) return { events: [] as DomainEvent[], result: undefined }
    const events = await readDomainEvents(tx, cursor, horizon, limit, spec.types)
    const result = events.length ? await spec.handle(tx, events) : undefined
    const isFull = events.length === limit
    await moveCursor(tx, spec.name, isFull ? events[events.length - 1]!.seq : horizon)
    return { events, result, isFull }
  })
  if (!batch) return { kind: 'busy' }
  if (batch.events.length && spec.afterCommit) await spec.afterCommit(batch.result as T, batch.events)
  return { kind: 'read', count: batch.events.length, isFull: 'isFull' in batch ? Boolean(batch.isFull) : false }
}
