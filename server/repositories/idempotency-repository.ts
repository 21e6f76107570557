// Stored responses for Idempotency-Key (Stripe's semantics), kept 24 hours.
import type { Queryable } from '../db/database'

export interface IdempotencyRecord {
  fingerprint: string
  state: 'in_progress' | 'completed'
  responseStatus: number | null
  responseBody: string | null
  lockedAt: Date
}

interface IdempotencyRow {
  fingerprint: string
  state: 'in_progress' | 'completed'
  response_status: number | null
  response_body: string | null
  locked_at: Date
}

/** Claims the key; returns true when this request owns it now. */
export async function claimKey(db: Queryable, scope: string, key: string, fingerprint: string) {
  const { rowCount } = await db.query(
    `INSERT INTO idempotency_keys (scope, key, fingerprint, state) VALUES ($1, $2, $3, 'in_progress')
     ON CONFLICT DO NOTHING`,
    [scope, key, fingerprint],
  )
  return rowCount === 1
}

export async function findKey(db: Queryable, scope: string, key: string) {
  const { rows } = await db.query<IdempotencyRow>(
    `SELECT fingerprint, state, response_status, response_body, locked_at FROM idempotency_keys
     WHERE scope = $1 AND key = $2 AND created_at > now() - interval '24 hours'`,
    [scope, key],
  )
  const row = rows[0]
  return row
    ? {
        fingerprint: row.fingerprint,
        state: row.state,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        lockedAt: row.locked_at,
      }
    : null
}

/** Takes over a key whose owner vanished (crashed mid-request) or that expired. */
export async function reclaimStaleKey(
  db: Queryable,
  scope: string,
  key: string,
  fingerprint: string,
  staleSeconds: number,
) {
  const { rowCount } = await db.query(
    `UPDATE idempotency_keys SET fingerprint = $3, state = 'in_progress', locked_at = now(), created_at = now(),
       response_status = NULL, response_body = NULL
     WHERE scope = $1 AND key = $2 AND (
       (state = 'in_progress' AND locked_at < now() - make_interval(secs => $4))
       OR created_at <= now() - interval '24 hours')`,
    [scope, key, fingerprint, staleSeconds],
  )
  return rowCount === 1
}

export async function completeKey(db: Queryable, scope: string, key: string, status: number, body: string) {
  await db.query(
    `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
     WHERE scope = $1 AND key = $2`,
    [scope, key, status, body],
  )
}

export async function releaseKey(db: Queryable, scope: string, key: string) {
  await db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_progress'`, [scope, key])
}

export async function deleteExpiredKeys(db: Queryable) {
  const { rowCount } = await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`)
  return rowCount ?? 0
}
