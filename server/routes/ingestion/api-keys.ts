// An organizer's API keys for ingestion: create (the key is in this answer only), list, revoke.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { assertPathOrg, organizerWriters, tenantOf } from '../../plugins/access'
import { errorResponses, Nullable, orgHeader } from '../schemas'
import { notFound } from '../../errors'
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRecord } from '../../intelligence/api-keys'

const OrgParams = Type.Object({ org_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const KeyParams = Type.Object(
  { org_id: Type.String({ format: 'uuid' }), key_id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
const CreateBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
const KeyFields = {
  id: Type.String(),
  name: Type.String(),
  key_prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
}
const KeyRecord = Type.Object(KeyFields)
const CreatedKey = Type.Object({
  ...KeyFields,
  key: Type.String({ description: 'Shown once: send it as Authorization: Bearer yk_… to the ingestion routes' }),
})

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const wire = (k: ApiKeyRecord) => ({
  ...k,
  created_at: k.created_at.toISOString(),
  last_used_at: iso(k.last_used_at),
  revoked_at: iso(k.revoked_at),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const base = '/v1/organizations/:org_id/api-keys'
  app.post(
    base,
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['ingestion'],
        summary: 'Create an ingestion API key (yk_…, shown once)',
        headers: orgHeader,
        params: OrgParams,
        body: CreateBody,
        response: { 201: CreatedKey, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const made = await app.db.tenantTransaction(tenant, (tx) =>
        createApiKey(tx, tenant.orgId, tenant.userId, request.body.name),
      )
      return reply.code(201).send({ ...wire(made.record), key: made.key })
    },
  )

  app.get(
    base,
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['ingestion'],
        summary: "The organization's API keys (never the keys themselves)",
        headers: orgHeader,
        params: OrgParams,
        response: { 200: Type.Object({ data: Type.Array(KeyRecord) }), ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return { data: (await app.db.tenantTransaction(tenant, (tx) => listApiKeys(tx, tenant.orgId))).map(wire) }
    },
  )

  app.delete(
    `${base}/:key_id`,
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['ingestion'],
        summary: 'Revoke an API key: it stops working at once',
        headers: orgHeader,
        params: KeyParams,
        response: { 200: KeyRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const revoked = await app.db.tenantTransaction(tenant, (tx) =>
        revokeApiKey(tx, tenant.orgId, request.params.key_id),
      )
      if (!revoked) throw notFound('API key')
      return wire(revoked)
    },
  )
}

export default routes
