// An event's audience as the stats pipeline measured it (issue 16): latest snapshot metrics and audience
// insights, for the event's organizer. An event of another organization is a 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { tenantOf } from '../../plugins/access'
import { notFound } from '../../errors'
import { findEvent } from '../../repositories/events-repository'
import { eventAudience } from '../../intelligence/event-audience'
import { errorResponses, Nullable, orgHeader } from '../schemas'

const Params = Type.Object({ event_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const Shares = Type.Record(Type.String(), Type.Number())
const EventAudience = Type.Object({
  event_id: Type.String(),
  stats: Type.Array(
    Type.Object({ metric_key: Type.String(), metric_value: Type.Number(), captured_at: Type.String() }),
    { description: 'The latest value of each metric of event_stat_snapshots' },
  ),
  insights: Nullable(
    Type.Object({
      attendee_count: Type.Integer(),
      avg_dwell_time_ms: Type.Number(),
      geo_distribution: Shares,
      age_segments: Shares,
      engagement_score: Type.Number(),
      ticket_conversion_rate: Type.Number(),
      social_mentions: Type.Integer(),
      sentiment_score: Nullable(Type.Number()),
      updated_at: Type.String(),
    }),
  ),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/events/:event_id/audience',
    {
      config: { access: { kinds: ['organizer'] } },
      schema: {
        tags: ['matching'],
        summary:
          "The event's audience: the latest stats snapshots and audience insights (null before the first rollup)",
        headers: orgHeader,
        params: Params,
        response: { 200: EventAudience, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const answer = await app.db.tenantTransaction(tenant, async (tx) => {
        const event = await findEvent(tx, tenant.orgId, request.params.event_id)
        return event && eventAudience(tx, event.id)
      })
      if (!answer) throw notFound('Event')
      return { event_id: request.params.event_id, ...answer }
    },
  )
}

export default routes
