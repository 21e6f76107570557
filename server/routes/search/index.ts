// Discovery: typo-tolerant search over events and sponsors, and the marketplace's package cards (seed 003).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { tenantOf, type OrgAccess } from '../../plugins/access'
import { errorResponses, Nullable, orgHeader } from '../schemas'
import { packageCards, search } from '../../intelligence/search'

const anyOrg: OrgAccess = { kinds: ['organizer', 'sponsor'] }
const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }),
    type: Type.Union([Type.Literal('events'), Type.Literal('sponsors')]),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
)
const SearchResults = Type.Object({
  data: Type.Array(
    Type.Object({
      type: Type.String(),
      id: Type.String(),
      title: Type.String(),
      subtitle: Nullable(Type.String()),
      rank: Type.Number(),
    }),
  ),
})
const CardsQuery = Type.Object(
  { page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }) },
  { additionalProperties: false },
)
const Cards = Type.Object({
  page: Type.Integer(),
  data: Type.Array(
    Type.Object({
      package_id: Type.String(),
      event_id: Type.String(),
      title: Type.String(),
      tier: Type.String(),
      price_cents: Type.Integer(),
      currency: Type.String(),
      available_inventory: Type.Integer(),
      quality_score: Type.Number(),
      quality_tier: Type.String(),
      event_title: Type.String(),
      event_start_at: Type.String(),
      event_city: Nullable(Type.String()),
      event_country: Nullable(Type.String()),
      stats: Type.Record(Type.String(), Type.Unknown()),
      refreshed_at: Type.String(),
    }),
  ),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/search',
    {
      config: { access: anyOrg },
      schema: {
        tags: ['matching'],
        summary:
          'Search events (with packages on sale, or your own) or sponsors (taking part in matching, or yourself), typos forgiven',
        headers: orgHeader,
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errorResponses },
      },
    },
    async (request) => ({
      data: await search(app.db, tenantOf(request).orgId, request.query.q, request.query.type, request.query.limit),
    }),
  )

  app.get(
    '/v1/marketplace/package-cards',
    {
      config: { access: anyOrg },
      schema: {
        tags: ['matching'],
        summary: 'Published packages with inventory and a quality score of at least 70, best first, 20 a page',
        headers: orgHeader,
        querystring: CardsQuery,
        response: { 200: Cards, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await packageCards(app.db, request.query.page)
      return {
        page: request.query.page,
        data: rows.map((r) => ({
          ...r,
          price_cents: Number(r.price_cents),
          quality_score: Number(r.quality_score),
          event_start_at: r.event_start_at.toISOString(),
          refreshed_at: r.refreshed_at.toISOString(),
        })),
      }
    },
  )
}

export default routes
