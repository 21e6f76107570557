// Webhook deliveries, their attempts and dead letters. Claiming runs unscoped (the worker serves every
// organization); the listing and replay functions run in the caller's tenant transaction.
import type { Queryable } from '../db/database'

export interface NewDelivery {
  orgId: string
  endpointId: string
  eventId: string
  type: string
  data: Record<string, unknown>
  occurredAt: Date
  isTest?: boolean
}

/** Inserts deliveries; one that exists already (the same event for the same endpoint) is left alone. */
export async function insertDeliveries(tx: Queryable, deliveries: NewDelivery[]) {
  if (!deliveries.length) return 0
  const { rowCount } = await tx.query(
    `INSERT INTO webhook_deliveries (org_id, endpoint_id, event_id, type, data, occurred_at, is_test)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::timestamptz[], $7::boolean[])
     ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
    [
      deliveries.map((d) => d.orgId),
      deliveries.map((d) => d.endpointId),
      deliveries.map((d) => d.eventId),
      deliveries.map((d) => d.type),
      deliveries.map((d) => JSON.stringify(d.data)),
      deliveries.map((d) => d.occurredAt),
      deliveries.map((d) => d.isTest ?? false),
    ],
  )
  return rowCount ?? 0
}

export interface ClaimedDelivery {
  id: string
  orgId: string
  endpointId: string
  eventId: string
  type: string
  data: Record<string, unknown>
  occurredAt: Date
  /** The attempt's number over the delivery's life (the attempt log's key). */
  attempt: number
  /** The attempt's number within this round (1 = first try; a replay starts a new round). */
  roundAttempt: number
  url: string
  secrets: string[]
}

/**
 * Claims due deliveries for `owner` with a lease: each row is locked (SKIP LOCKED, so instances never take the
 * same one), marked delivering, its attempt counted and its due time moved to the lease's end (a worker that
 * dies leaves it due again then). Per endpoint, an instance alone on it may hold up to `batch` leases (it sends
 * them at most `perEndpoint` at a time) — first attempts, and retries too while no other worker is live; retries
 * with other workers live, and everything while another instance holds leases there, stay within `perEndpoint`
 * leases for all instances together, divided among the live workers. Either way no more than
 * `perEndpoint` requests are in flight to an endpoint.
 */
export async function claimDueDeliveries(
  tx: Queryable,
  owner: string,
  options: { limit: number; perEndpoint: number; batch: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  // One claimer at a time (claims are short): the per-endpoint limit holds across instances.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('webhook_deliveries_claim'))")
  await tx.query(
    `WITH gone AS (DELETE FROM webhook_workers WHERE seen_at < now() - interval '1 day')
     INSERT INTO webhook_workers (owner) VALUES ($1)
     ON CONFLICT (owner) DO UPDATE SET seen_at = now() WHERE webhook_workers.seen_at < now() - interval '1 second'`,
    [owner],
  )
  const { rows } = await tx.query<{
    id: string
    org_id: string
    endpoint_id: string
    event_id: string
    type: string
    data: Record<string, unknown>
    occurred_at: Date
    attempt_count: number
    round_start: number
    url: string
    secret: string
    previous_secret: string | null
    previous_secret_expires_at: Date | null
  }>(
    `WITH due AS (
       SELECT d.id, d.endpoint_id, d.next_attempt_at, d.attempt_count > d.round_start AS is_retry FROM webhook_deliveries d
       JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
       WHERE d.status IN ('pending', 'delivering') AND d.next_attempt_at <= now()
       ORDER BY d.next_attempt_at LIMIT $2
       FOR UPDATE OF d SKIP LOCKED
     ), leased AS (
       -- Leases still running, once per endpoint (webhook_deliveries_in_flight_idx): this owner's and the others'.
       SELECT f.endpoint_id, count(*) FILTER (WHERE f.lease_owner = $1) AS mine, count(*) FILTER (WHERE f.lease_owner IS DISTINCT FROM $1) AS others
       FROM webhook_deliveries f
       WHERE f.status = 'delivering' AND f.next_attempt_at > now() AND f.endpoint_id IN (SELECT endpoint_id FROM due)
       GROUP BY f.endpoint_id
     ), live AS (
       -- Instances that claimed lately share the limit: each holds at most its part of it.
       SELECT greatest(count(*), 1) AS n FROM webhook_workers WHERE seen_at > now() - interval '5 seconds'
     ), ranked AS (
       -- First attempts before retries; with other live instances, retries only within the shared limit, each its part.
       SELECT due.id, due.is_retry, row_number() OVER (PARTITION BY due.endpoint_id ORDER BY due.is_retry, due.next_attempt_at) AS n,
         least($3 - coalesce(leased.others, 0), ceil($3::numeric / (SELECT n FROM live))) - coalesce(leased.mine, 0) AS shared_room,
         CASE WHEN coalesce(leased.others, 0) = 0 THEN $5 - coalesce(leased.mine, 0)
              ELSE $3 - leased.others - coalesce(leased.mine, 0) END AS batch_room
       FROM due LEFT JOIN leased ON leased.endpoint_id = due.endpoint_id
     ), chosen AS (
       SELECT id FROM ranked WHERE n <= CASE WHEN is_retry AND (SELECT n FROM live) > 1 THEN shared_room ELSE batch_room END LIMIT $2
     )
     UPDATE webhook_deliveries d SET status = 'delivering', lease_owner = $1, attempt_count = d.attempt_count + 1,
       next_attempt_at = now() + make_interval(secs => $4::double precision / 1000), updated_at = now()
     FROM chosen, webhook_endpoints e
     WHERE d.id = chosen.id AND e.id = d.endpoint_id
     RETURNING d.id, d.org_id, d.endpoint_id, d.event_id, d.type, d.data, d.occurred_at, d.attempt_count, d.round_start, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at`,
    [owner, options.limit, options.perEndpoint, options.leaseMs, Math.max(options.batch, options.perEndpoint)],
  )
  const now = Date.now()
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    type: r.type,
    data: r.data,
    occurredAt: r.occurred_at,
    attempt: r.attempt_count,
    roundAttempt: r.attempt_count - r.round_start,
    url: r.url,
    secrets:
      r.previous_secret && r.previous_secret_expires_at && r.previous_secret_expires_at.getTime() > now
        ? [r.secret, r.previous_secret]
        : [r.secret],
  }))
}

export interface AttemptRecord {
  deliveryId: string
  orgId: string
  attempt: number
  startedAt: Date
  succeeded: boolean
  statusCode: number | null
  latencyMs: number
  excerpt: string | null
  error: string | null
  workerId: string
}

/** Logs an attempt; false when this attempt was logged already (a lease that was lost and taken again). */
export async function insertAttempt(tx: Queryable, a: AttemptRecord) {
  const { rowCount } = await tx.query(
    `INSERT INTO webhook_attempts (delivery_id, org_id, attempt_number, started_at, succeeded, status_code, latency_ms, response_excerpt, error, worker_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (delivery_id, attempt_number) DO NOTHING`,
    [
      a.deliveryId,
      a.orgId,
      a.attempt,
      a.startedAt,
      a.succeeded,
      a.statusCode,
      a.latencyMs,
      a.excerpt?.slice(0, 1024) ?? null,
      a.error?.slice(0, 2000) ?? null,
      a.workerId,
    ],
  )
  return (rowCount ?? 0) > 0
}

/** Settles the attempt this owner holds: succeeded, back in line at `retryAt`, or dead (null retryAt). Fenced by owner and attempt. */
export async function settleDelivery(
  tx: Queryable,
  d: {
    id: string
    owner: string
    attempt: number
    succeeded: boolean
    statusCode: number | null
    error: string | null
    retryAt: Date | null
  },
) {
  const status = d.succeeded ? 'succeeded' : d.retryAt ? 'pending' : 'dead'
  const { rows } = await tx.query<{ endpoint_id: string }>(
    `UPDATE webhook_deliveries SET status = $4, last_status_code = $5, last_error = $6, lease_owner = NULL,
       next_attempt_at = coalesce($7, next_attempt_at), delivered_at = CASE WHEN $4 = 'succeeded' THEN now() ELSE delivered_at END, updated_at = now()
     WHERE id = $1 AND lease_owner = $2 AND attempt_count = $3 AND status = 'delivering' RETURNING endpoint_id`,
    [d.id, d.owner, d.attempt, status, d.statusCode, d.error, d.retryAt],
  )
  return rows.length > 0
}

/**
 * Settles successful attempts in one statement (the common path: no transaction round trips, one statement
 * for many): each delivery succeeded, its attempt logged, its endpoint's failing streak cleared. Fenced like
 * settleDelivery (owner and attempt); returns the ids settled (a lost lease is not among them).
 */
export async function settleSuccesses(db: Queryable, owner: string, settled: AttemptRecord[]) {
  if (!settled.length) return []
  const { rows } = await db.query<{ id: string }>(
    `WITH input AS (
       SELECT * FROM unnest($2::uuid[], $3::int[], $4::int[], $5::timestamptz[], $6::int[], $7::text[])
         AS i(id, attempt, status_code, started_at, latency_ms, excerpt)
     ), settled AS (
       UPDATE webhook_deliveries d SET status = 'succeeded', last_status_code = i.status_code, last_error = NULL, lease_owner = NULL, delivered_at = now(), updated_at = now()
       FROM input i
       WHERE d.id = i.id AND d.lease_owner = $1 AND d.attempt_count = i.attempt AND d.status = 'delivering'
       RETURNING d.id, d.org_id, d.endpoint_id, i.attempt, i.status_code, i.started_at, i.latency_ms, i.excerpt
     ), logged AS (
       INSERT INTO webhook_attempts (delivery_id, org_id, attempt_number, started_at, succeeded, status_code, latency_ms, response_excerpt, error, worker_id)
       SELECT id, org_id, attempt, started_at, true, status_code, latency_ms, excerpt, NULL, $1 FROM settled ON CONFLICT (delivery_id, attempt_number) DO NOTHING
     ), healthy AS (
       UPDATE webhook_endpoints e SET failing_since = NULL WHERE e.id IN (SELECT endpoint_id FROM settled) AND e.failing_since IS NOT NULL RETURNING e.id
     )
     SELECT id FROM settled`,
    [
      owner,
      settled.map((a) => a.deliveryId),
      settled.map((a) => a.attempt),
      settled.map((a) => a.statusCode),
      settled.map((a) => a.startedAt),
      settled.map((a) => a.latencyMs),
      settled.map((a) => a.excerpt?.slice(0, 1024) ?? null),
    ],
  )
  return rows.map((r) => r.id)
}

export async function insertDeadLetter(
  tx: Queryable,
  d: {
    orgId: string
    endpointId: string
    deliveryId: string
    type: string
    payload: unknown
    originalTimestamp: Date
    failureReason: string
    retryCount: number
  },
) {
  await tx.query(
    `INSERT INTO dead_letter_webhooks (org_id, endpoint_id, delivery_id, webhook_type, payload, original_timestamp, failure_reason, retry_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      d.orgId,
      d.endpointId,
      d.deliveryId,
      d.type,
      JSON.stringify(d.payload),
      d.originalTimestamp,
      d.failureReason,
      d.retryCount,
    ],
  )
}

/** A success clears the endpoint's failing streak; a failure starts one. Returns when the streak began. */
export async function markEndpointHealth(tx: Queryable, endpointId: string, succeeded: boolean): Promise<Date | null> {
  const { rows } = await tx.query<{ failing_since: Date | null }>(
    succeeded
      ? `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL RETURNING failing_since`
      : `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since`,
    [endpointId],
  )
  return rows[0]?.failing_since ?? null
}

/** Disables an endpoint still enabled; true when this call disabled it. */
export async function disableEndpoint(tx: Queryable, endpointId: string, reason: string) {
  const { rowCount } = await tx.query(
    `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1 AND enabled`,
    [endpointId, reason],
  )
  return (rowCount ?? 0) > 0
}

// ---------------------------------------------------------------- reads and replays (tenant)

export interface DeliveryRow {
  id: string
  endpoint_id: string
  event_id: string
  type: string
  data: Record<string, unknown>
  occurred_at: Date
  is_test: boolean
  status: string
  attempt_count: number
  next_attempt_at: Date
  last_status_code: number | null
  last_error: string | null
  delivered_at: Date | null
  created_at: Date
}
const deliveryColumns =
  'id, endpoint_id, event_id, type, data, occurred_at, is_test, status, attempt_count, next_attempt_at, last_status_code, last_error, delivered_at, created_at'

export interface DeliveryFilter {
  status?: string
  type?: string
  from?: Date
  to?: Date
  limit: number
  offset: number
}

/** The endpoint's deliveries, newest first; `from`/`to` bound when the event happened ([from, to)). */
export async function listDeliveries(tx: Queryable, endpointId: string, filter: DeliveryFilter) {
  const { rows } = await tx.query<DeliveryRow>(
    `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR type = $3)
       AND ($6::timestamptz IS NULL OR occurred_at >= $6) AND ($7::timestamptz IS NULL OR occurred_at < $7)
     ORDER BY created_at DESC, id LIMIT $4 OFFSET $5`,
    [
      endpointId,
      filter.status ?? null,
      filter.type ?? null,
      filter.limit,
      filter.offset,
      filter.from ?? null,
      filter.to ?? null,
    ],
  )
  return rows
}

export async function findDelivery(tx: Queryable, endpointId: string, deliveryId: string) {
  const { rows } = await tx.query<DeliveryRow>(
    `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2`,
    [endpointId, deliveryId],
  )
  return rows[0] ?? null
}

export interface AttemptRow {
  attempt_number: number
  started_at: Date
  succeeded: boolean
  status_code: number | null
  latency_ms: number
  response_excerpt: string | null
  error: string | null
  worker_id: string
}
export async function listAttempts(tx: Queryable, deliveryId: string) {
  const { rows } = await tx.query<AttemptRow>(
    'SELECT attempt_number, started_at, succeeded, status_code, latency_ms, response_excerpt, error, worker_id FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt_number',
    [deliveryId],
  )
  return rows
}

/** Puts deliveries back in line now for a new round of attempts, keeping their event ids; their dead letters are marked replayed. */
export async function requeueDeliveries(tx: Queryable, ids: string[]) {
  if (!ids.length) return 0
  const { rowCount } = await tx.query(
    `UPDATE webhook_deliveries SET status = 'pending', round_start = attempt_count, next_attempt_at = now(), lease_owner = NULL, updated_at = now()
     WHERE id = ANY($1::uuid[]) AND status IN ('succeeded', 'dead', 'pending')`,
    [ids],
  )
  await tx.query(
    'UPDATE dead_letter_webhooks SET replayed_at = now() WHERE delivery_id = ANY($1::uuid[]) AND replayed_at IS NULL',
    [ids],
  )
  return rowCount ?? 0
}

/** The endpoint's deliveries of events that happened in [from, to). */
export async function deliveryIdsInRange(tx: Queryable, endpointId: string, from: Date, to: Date, limit: number) {
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND NOT is_test ORDER BY occurred_at LIMIT $4',
    [endpointId, from, to, limit],
  )
  return rows.map((r) => r.id)
}

/** Gives back a claimed attempt that was never sent (its turn came too close to the lease's end): due again now. */
export async function releaseUnsent(db: Queryable, d: { id: string; owner: string; attempt: number }) {
  await db.query(
    `UPDATE webhook_deliveries SET status = 'pending', attempt_count = attempt_count - 1, lease_owner = NULL, next_attempt_at = now(), updated_at = now()
     WHERE id = $1 AND lease_owner = $2 AND attempt_count = $3 AND status = 'delivering'`,
    [d.id, d.owner, d.attempt],
  )
}
