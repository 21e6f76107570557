// POST /v1/events/{event_id}/conversions (seed 001 §4.5): the event's organizer attributes a conversion to a sponsor —
// from its backend with an organization API key (Authorization: Bearer yk_…, as the ingestion routes), or signed in as
// an owner or admin with X-Org-Id. Idempotent on external_id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AppError, forbidden, unauthorized } from '../../errors'
import { verifyApiKey } from '../../intelligence/api-keys'
import { findMembership } from '../../repositories/users-repository'
import { postConversion } from '../../fulfillment/conversions'
import { errorResponses } from '../schemas'
import { isUuid } from '../../../shared/ids'

const Body = Type.Object(
  {
    sponsor_id: Type.String({ format: 'uuid' }),
    external_id: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Your id for the conversion (an order number): a retry with it is recorded once',
    }),
    utm_source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    value_cents: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
    occurred_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
const Params = Type.Object({ event_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const Headers = Type.Object({
  authorization: Type.Optional(
    Type.String({
      description:
        'Bearer yk_… (an organization API key) or Bearer <access token> with X-Org-Id (required; 401 without)',
    }),
  ),
  'x-org-id': Type.Optional(
    Type.String({ format: 'uuid', description: 'With an access token: the organizer organization you act for' }),
  ),
})
const Answer = Type.Object({
  id: Type.String(),
  event_id: Type.String(),
  sponsor_id: Type.String(),
  external_id: Type.String(),
  utm_source: Type.Union([Type.String(), Type.Null()]),
  value_cents: Type.Integer(),
  occurred_at: Type.String(),
  created_at: Type.String(),
  duplicate: Type.Boolean(),
})

interface Poster {
  orgId: string
  userId: string | null
  apiKeyId: string | null
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /** The organizer posting: by API key, or a signed-in owner or admin of the organizer organization in X-Org-Id. */
  async function posterOf(request: FastifyRequest): Promise<Poster> {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
    if (!token) throw unauthorized('Send an organization API key (Bearer yk_…) or an access token with X-Org-Id.')
    if (token.startsWith('yk_')) {
      const key = await verifyApiKey(app.db, token)
      if (!key)
        throw new AppError(
          401,
          'invalid-api-key',
          'That API key is not live; create one at POST /v1/organizations/{org_id}/api-keys.',
        )
      return { orgId: key.orgId, userId: null, apiKeyId: key.keyId }
    }
    const claims = await app.tokens.verifyAccess(token)
    if (!claims || !(await app.signIns.isLive(claims)))
      throw new AppError(401, 'invalid-token', 'The access token is invalid or expired; refresh it and retry.')
    const orgId = request.headers['x-org-id']
    if (!isUuid(orgId))
      throw new AppError(400, 'missing-org', 'Send the organization you act for as the X-Org-Id header (a UUID).')
    const membership = await findMembership(app.db, claims.userId, orgId)
    if (!membership) throw forbidden('You are not a member of the organization in X-Org-Id.')
    if (membership.orgKind !== 'organizer' || !['owner', 'admin'].includes(membership.role)) {
      throw forbidden("Conversions are posted by the event's organizer: an owner or admin, or its API key.")
    }
    return { orgId, userId: claims.userId, apiKeyId: null }
  }

  app.post(
    '/v1/events/:event_id/conversions',
    {
      // Not only a user's route: posterOf authenticates an API key or an access token.
      config: { access: 'public' },
      schema: {
        tags: ['fulfillment'],
        summary: 'Attribute a conversion to a sponsor at your event (for ROI reports); idempotent on external_id',
        description:
          "Posted by the event's organizer: its backend with an organization API key, or an owner or admin with an access token and X-Org-Id. A retry with the same external_id and values answers 200 with duplicate: true; other values under a used external_id are a 409.",
        headers: Headers,
        params: Params,
        body: Body,
        response: { 201: Answer, 200: Answer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const poster = await posterOf(request)
      const body = request.body
      const { conversion, isNew } = await app.db.transaction((tx) =>
        postConversion(tx, poster, request.params.event_id, {
          sponsorId: body.sponsor_id,
          externalId: body.external_id,
          utmSource: body.utm_source ?? null,
          valueCents: body.value_cents,
          occurredAt: new Date(body.occurred_at),
        }),
      )
      return reply.status(isNew ? 201 : 200).send({
        id: conversion.id,
        event_id: conversion.eventId,
        sponsor_id: conversion.sponsorId,
        external_id: conversion.externalId,
        utm_source: conversion.utmSource,
        value_cents: conversion.valueCents,
        occurred_at: conversion.occurredAt.toISOString(),
        created_at: conversion.createdAt.toISOString(),
        duplicate: !isNew,
      })
    },
  )
}

export default routes
