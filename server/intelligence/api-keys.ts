// Organization API keys for ingestion from organizers' backends: `yk_` + 32 random bytes, shown once;
// only the SHA-256 is stored. A key authenticates the ingestion routes and nothing else.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db/database'

export interface ApiKeyRecord {
  id: string
  name: string
  key_prefix: string
  scopes: string[]
  created_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex')
const columns = 'id, name, key_prefix, scopes, created_at, last_used_at, revoked_at'

export async function createApiKey(db: Queryable, orgId: string, userId: string, name: string) {
  const key = `yk_${randomBytes(32).toString('base64url')}`
  const { rows } = await db.query<ApiKeyRecord>(
    `INSERT INTO organization_api_keys (org_id, name, key_prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
    [orgId, name, key.slice(0, 10), hashOf(key), userId],
  )
  return { record: rows[0]!, key }
}

export async function listApiKeys(db: Queryable, orgId: string) {
  const { rows } = await db.query<ApiKeyRecord>(
    `SELECT ${columns} FROM organization_api_keys WHERE org_id = $1 ORDER BY created_at DESC, id`,
    [orgId],
  )
  return rows
}

export async function revokeApiKey(db: Queryable, orgId: string, keyId: string) {
  const { rows } = await db.query<ApiKeyRecord>(
    `UPDATE organization_api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND org_id = $2 RETURNING ${columns}`,
    [keyId, orgId],
  )
  return rows[0] ?? null
}

export interface VerifiedKey {
  keyId: string
  orgId: string
}

/** The live key's organization, or null; last_used_at moves at most once a minute (the hot path stays read-only). */
export async function verifyApiKey(db: Queryable, key: string): Promise<VerifiedKey | null> {
  if (!/^yk_[A-Za-z0-9_-]{43}$/.test(key)) return null
  const { rows } = await db.query<{ id: string; org_id: string; stale: boolean }>(
    `SELECT id, org_id, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
     FROM organization_api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND 'ingestion' = ANY(scopes)`,
    [hashOf(key)],
  )
  const row = rows[0]
  if (!row) return null
  if (row.stale) await db.query('UPDATE organization_api_keys SET last_used_at = now() WHERE id = $1', [row.id])
  return { keyId: row.id, orgId: row.org_id }
}
