// Ingestion from organizers' backends (seed 001 §5's inputs): batches of impressions, post views and ticket
// analytics, authenticated by an organization API key (Authorization: Bearer yk_…), never by a user token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from 'typebox'
import { errorResponses } from '../schemas'
import { AppError } from '../../errors'
import { verifyApiKey, type VerifiedKey } from '../../intelligence/api-keys'
import { ingestBatch, maxBatchRows, type IngestKind } from '../../intelligence/ingestion'
import apiKeyRoutes from './api-keys'

const Time = Type.Optional(Type.String({ format: 'date-time' }))
const Short = (max: number) => Type.Optional(Type.String({ minLength: 1, maxLength: max }))
const rowSchemas: Record<IngestKind, TSchema> = {
  impressions: Type.Object(
    {
      created_at: Time,
      session_id: Short(100),
      country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
      age_bucket: Type.Optional(Type.String({ pattern: '^[0-9]{2}(-[0-9]{2}|\\+)$' })),
      source: Short(50),
    },
    { additionalProperties: false },
  ),
  post_views: Type.Object(
    {
      created_at: Time,
      post_id: Short(100),
      session_id: Short(100),
      dwell_ms: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
      watch_percentage: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    },
    { additionalProperties: false },
  ),
  ticket_analytics: Type.Object(
    {
      created_at: Time,
      session_id: Short(100),
      quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      interaction_type: Type.Union(
        ['ticket_view', 'ticket_open', 'ticket_purchase', 'ticket_share', 'ticket_abandon'].map((t) => Type.Literal(t)),
      ),
    },
    { additionalProperties: false },
  ),
}
const paths: Record<IngestKind, string> = {
  impressions: 'impressions',
  post_views: 'post-views',
  ticket_analytics: 'ticket-analytics',
}
const Params = Type.Object({ event_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const Auth = Type.Object({ authorization: Type.String({ description: 'Bearer yk_… (an organization API key)' }) })
const Answer = Type.Object({
  batch_id: Type.String(),
  kind: Type.String(),
  accepted: Type.Integer(),
  duplicate: Type.Boolean(),
})

declare module 'fastify' {
  interface FastifyRequest {
    ingestionKey: VerifiedKey | null
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(apiKeyRoutes)

  await app.register(async (ingest) => {
    ingest.decorateRequest('ingestionKey', null)
    ingest.addHook('onRequest', async (request) => {
      const match = request.headers.authorization?.match(/^Bearer\s+(yk_\S+)$/)
      const key = match ? await verifyApiKey(app.db, match[1]!) : null
      if (!key)
        throw new AppError(
          401,
          'invalid-api-key',
          'Send a live organization API key as "Authorization: Bearer yk_…" (create one at POST /v1/organizations/{org_id}/api-keys).',
        )
      request.ingestionKey = key
    })
    for (const kind of Object.keys(paths) as IngestKind[]) {
      ingest.post(
        `/v1/events/:event_id/${paths[kind]}`,
        {
          // Not a user's route: the hook above authenticates the API key instead of an access token.
          config: { access: 'public' },
          bodyLimit: 8 * 1024 * 1024,
          schema: {
            tags: ['ingestion'],
            summary: `Ingest a batch of ${kind.replace('_', ' ')} (up to ${maxBatchRows} rows; a batch_id is written once)`,
            headers: Auth,
            params: Params,
            body: Type.Object(
              {
                batch_id: Type.String({ minLength: 1, maxLength: 200 }),
                rows: Type.Array(rowSchemas[kind], { minItems: 1, maxItems: maxBatchRows }),
              },
              { additionalProperties: false },
            ),
            response: { 200: Answer, ...errorResponses },
          },
        },
        async (request) => {
          const body = request.body as { batch_id: string; rows: never[] }
          return ingestBatch(
            app.db,
            request.ingestionKey!,
            (request.params as { event_id: string }).event_id,
            kind,
            body.batch_id,
            body.rows,
            app.config.statsRetentionMonths,
          )
        },
      )
    }
  })
}

export default routes
