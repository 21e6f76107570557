// The change log, device cursors and rejected mutations of sync.
import type { Queryable, Database } from '../db/database'
import type { Change } from '../../shared/sync/sync-protocol'

/** Stamps committed changes with versions; returns the highest version handed out so far. */
export async function stampChanges(db: Queryable) {
  const { rows } = await db.query<{ horizon: string | null }>('SELECT stamp_changes() AS horizon')
  return Number(rows[0]?.horizon ?? 0)
}

/** One page of changes after the cursor, for the scopes, and how many remain after it — from one snapshot. */
export async function readChanges(
  db: Database,
  scopes: readonly string[],
  cursor: number,
  limit: number,
  horizon: number,
) {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    const { rows } = await tx.query<{
      version: string
      table_name: Change['table']
      op: Change['op']
      row_id: string
      row_data: Record<string, unknown> | null
    }>(
      `SELECT version, table_name, op, row_id, row_data FROM change_log
       WHERE scope = ANY($1) AND version > $2 AND version <= $3 ORDER BY version LIMIT $4`,
      [scopes, cursor, horizon, limit],
    )
    const changes: Change[] = rows.map((r) => ({
      version: Number(r.version),
      table: r.table_name,
      op: r.op,
      id: r.row_id,
      row: r.row_data,
    }))
    const next = changes.length === limit ? changes[changes.length - 1]!.version : Math.max(cursor, horizon)
    const {
      rows: [count],
    } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM change_log WHERE scope = ANY($1) AND version > $2 AND version <= $3',
      [scopes, next, horizon],
    )
    return { changes, cursor: next, remaining: count!.n }
  })
}

/** A device's sync identity: its client id, within its user. */
export interface DeviceClient {
  userId: string
  clientId: string
}

/** The device's row, made on its first push; answers the last mutation id it has had applied. */
export async function claimClient(db: Queryable, client: DeviceClient) {
  await db.query(
    'INSERT INTO sync_clients (user_id, client_id) VALUES ($1, $2) ON CONFLICT (user_id, client_id) DO NOTHING',
    [client.userId, client.clientId],
  )
  const { rows } = await db.query<{ last_mutation_id: string }>(
    'SELECT last_mutation_id FROM sync_clients WHERE user_id = $1 AND client_id = $2',
    [client.userId, client.clientId],
  )
  return Number(rows[0]!.last_mutation_id)
}

/** Moves the cursor to this mutation; false when it already moved past it (a concurrent push). */
export async function advanceClient(db: Queryable, client: DeviceClient, mutationId: number) {
  const { rowCount } = await db.query(
    'UPDATE sync_clients SET last_mutation_id = $3, updated_at = now() WHERE user_id = $1 AND client_id = $2 AND last_mutation_id < $3',
    [client.userId, client.clientId, mutationId],
  )
  return rowCount === 1
}

export async function recordRejection(
  db: Queryable,
  rejection: { client: DeviceClient; mutationId: number; name: string; code: string; reason: string },
) {
  await db.query(
    `INSERT INTO sync_rejections (user_id, client_id, mutation_id, name, code, reason) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [
      rejection.client.userId,
      rejection.client.clientId,
      rejection.mutationId,
      rejection.name,
      rejection.code,
      rejection.reason,
    ],
  )
}

/**
 * Drops stamped changes that a later stamped change of the same row supersedes: each change carries the
 * row's whole state, so a device pulling from any cursor still ends with every row's latest state.
 */
export async function compactChangeLog(db: Queryable) {
  const { rowCount } = await db.query(
    `DELETE FROM change_log c
     WHERE c.version IS NOT NULL
       AND EXISTS (SELECT 1 FROM change_log n
                   WHERE n.table_name = c.table_name AND n.row_id = c.row_id AND n.version > c.version)`,
  )
  return rowCount ?? 0
}
