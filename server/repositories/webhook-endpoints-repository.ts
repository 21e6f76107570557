// Webhook endpoints of an organization (tenant transactions) and the lookups the delivery side makes.
import type { Queryable } from '../db/database'

export interface WebhookEndpoint {
  id: string
  orgId: string
  url: string
  events: string[]
  description: string
  enabled: boolean
  secret: string
  previousSecret: string | null
  previousSecretExpiresAt: Date | null
  failingSince: Date | null
  disabledReason: string | null
  createdAt: Date
  updatedAt: Date
}

const columns = `id, org_id, url, events, description, enabled, secret, previous_secret, previous_secret_expires_at, failing_since, disabled_reason, created_at, updated_at`
type Row = {
  id: string
  org_id: string
  url: string
  events: string[]
  description: string
  enabled: boolean
  secret: string
  previous_secret: string | null
  previous_secret_expires_at: Date | null
  failing_since: Date | null
  disabled_reason: string | null
  created_at: Date
  updated_at: Date
}
const fromRow = (r: Row): WebhookEndpoint => ({
  id: r.id,
  orgId: r.org_id,
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousSecretExpiresAt: r.previous_secret_expires_at,
  failingSince: r.failing_since,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export async function insertEndpoint(
  tx: Queryable,
  e: {
    orgId: string
    url: string
    events: string[]
    description: string
    enabled: boolean
    secret: string
    createdBy: string
  },
) {
  const { rows } = await tx.query<Row>(
    `INSERT INTO webhook_endpoints (org_id, url, events, description, enabled, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [e.orgId, e.url, e.events, e.description, e.enabled, e.secret, e.createdBy],
  )
  return fromRow(rows[0]!)
}

export async function listEndpoints(tx: Queryable, orgId: string) {
  const { rows } = await tx.query<Row>(
    `SELECT ${columns} FROM webhook_endpoints WHERE org_id = $1 ORDER BY created_at, id`,
    [orgId],
  )
  return rows.map(fromRow)
}

export async function findEndpoint(tx: Queryable, orgId: string, id: string) {
  const { rows } = await tx.query<Row>(`SELECT ${columns} FROM webhook_endpoints WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ])
  return rows[0] ? fromRow(rows[0]) : null
}

export async function updateEndpoint(
  tx: Queryable,
  orgId: string,
  id: string,
  patch: { url?: string; events?: string[]; description?: string; enabled?: boolean },
) {
  const { rows } = await tx.query<Row>(
    `UPDATE webhook_endpoints SET url = coalesce($3, url), events = coalesce($4, events), description = coalesce($5, description),
       enabled = coalesce($6, enabled),
       -- Enabling again starts a fresh failing streak.
       failing_since = CASE WHEN $6 IS TRUE THEN NULL ELSE failing_since END,
       disabled_reason = CASE WHEN $6 IS TRUE THEN NULL ELSE disabled_reason END,
       updated_at = now()
     WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
    [orgId, id, patch.url ?? null, patch.events ?? null, patch.description ?? null, patch.enabled ?? null],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

export async function deleteEndpoint(tx: Queryable, orgId: string, id: string) {
  const { rowCount } = await tx.query('DELETE FROM webhook_endpoints WHERE org_id = $1 AND id = $2', [orgId, id])
  return (rowCount ?? 0) > 0
}

/** A new secret signs from now on; the old one keeps signing too until `graceMs` from now. */
export async function rotateEndpointSecret(tx: Queryable, orgId: string, id: string, secret: string, graceMs: number) {
  const { rows } = await tx.query<Row>(
    `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $4::double precision / 1000),
       secret = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
    [orgId, id, secret, graceMs],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

/** Enabled endpoints of these organizations subscribed to a type (delivery fan-out; runs unscoped). */
export async function subscribedEndpoints(tx: Queryable, orgIds: string[], types: string[]) {
  const { rows } = await tx.query<{ id: string; org_id: string; events: string[] }>(
    `SELECT id, org_id, events FROM webhook_endpoints WHERE enabled AND org_id = ANY($1::uuid[]) AND events && $2::text[]`,
    [orgIds, types],
  )
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, events: r.events }))
}

/** The addresses of an organization's owners and admins. */
export async function orgAdminEmails(db: Queryable, orgId: string) {
  const { rows } = await db.query<{ email: string }>(
    `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND m.role IN ('owner', 'admin') ORDER BY u.email`,
    [orgId],
  )
  return rows.map((r) => r.email)
}
