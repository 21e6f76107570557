// Idempotency-Key on every POST, with Stripe's semantics: same key and body → the stored response;
// same key, other body → 422; a duplicate while the first is still running → 409. Keys live 24 hours.
// 5xx and invalid-input answers (400, 422) are not stored: the key is released.
// "Same body" means the same JSON value: fields in another order are the same request.
// Routes whose answers must never be stored (sign-in tokens) opt out with `config: { idempotency: false }`.
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { AppError, badRequest, conflict } from '../errors'
import { claimKey, completeKey, findKey, reclaimStaleKey, releaseKey } from '../repositories/idempotency-repository'

// A key still "in progress" after this long belongs to a request that died; it may be retried.
const STALE_SECONDS = 60

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route ignores Idempotency-Key and its responses are never stored (they carry secrets). */
    idempotency?: boolean
  }
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null
    /** false: the answer binds nothing to the key (invalid input or a failure inside a 200, as GraphQL answers). */
    keepsIdempotentAnswer: boolean
  }
}

/** JSON with object keys sorted at every depth, so equal values give equal text whatever the field order. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'))
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const fields = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    return `{${fields.join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

function fingerprintOf(request: FastifyRequest) {
  const path = request.url.split('?')[0]
  const orgId = request.headers['x-org-id'] ?? ''
  return createHash('sha256')
    .update(
      `${request.method} ${path}\n${orgId}\n${canonicalJson(request.query ?? null)}\n${canonicalJson(request.body ?? null)}`,
    )
    .digest('hex')
}

export default fp(
  async (app) => {
    app.decorateRequest('idempotency', null)
    app.decorateRequest('keepsIdempotentAnswer', true)

    app.addHook('preHandler', async (request, reply) => {
      const key = request.headers['idempotency-key']
      // Keys are scoped to their caller; anonymous callers have no scope to keep one answer from another.
      if (
        request.method !== 'POST' ||
        key === undefined ||
        request.routeOptions.config.idempotency === false ||
        !request.auth
      )
        return
      if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
        throw badRequest('invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 characters.')
      }
      const scope = `user:${request.auth.userId}`
      const fingerprint = fingerprintOf(request)
      if (
        (await claimKey(app.db, scope, key, fingerprint)) ||
        (await reclaimStaleKey(app.db, scope, key, fingerprint, STALE_SECONDS))
      ) {
        request.idempotency = { scope, key }
        return
      }
      const existing = await findKey(app.db, scope, key)
      if (!existing)
        throw conflict(
          'idempotency-request-in-progress',
          'A request with this Idempotency-Key is being processed; retry shortly.',
        )
      if (existing.state === 'in_progress') {
        throw conflict(
          'idempotency-request-in-progress',
          'A request with this Idempotency-Key is being processed; retry shortly.',
        )
      }
      if (existing.fingerprint !== fingerprint) {
        throw new AppError(
          422,
          'idempotency-key-reused',
          'This Idempotency-Key was used with a different request; use a new key for a new request.',
        )
      }
      return reply
        .status(existing.responseStatus ?? 200)
        .header('content-type', 'application/json; charset=utf-8')
        .header('idempotent-replayed', 'true')
        .send(existing.responseBody ?? '')
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency
      if (!claim) return payload
      request.idempotency = null
      // A server failure is not an answer, and input refused as invalid (400, 422: nothing was done) binds
      // nothing, as Stripe saves no result for parameters that fail validation: release the key so the
      // client's retry, or its corrected request, runs.
      if (
        reply.statusCode >= 500 ||
        reply.statusCode === 400 ||
        reply.statusCode === 422 ||
        !request.keepsIdempotentAnswer ||
        typeof payload !== 'string'
      ) {
        await releaseKey(app.db, claim.scope, claim.key)
      } else await completeKey(app.db, claim.scope, claim.key, reply.statusCode, payload)
      return payload
    })

    // A request that ended without a response (client gone, stream error) must not hold the key.
    app.addHook('onResponse', async (request) => {
      const claim = request.idempotency
      if (claim) await releaseKey(app.db, claim.scope, claim.key)
    })
  },
  { name: 'idempotency', dependencies: ['services', 'access'] },
)
