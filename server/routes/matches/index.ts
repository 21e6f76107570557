// Matching (seed 003, seed 001 §6 and §20.3): queue recalculations, recommendations for both sides,
// the funnel on a match and feedback. Organizers act on their events' matches, sponsors on their own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { tenantOf, type OrgAccess } from '../../plugins/access'
import { errorResponses, orgHeader } from '../schemas'
import { queueRecalcRequest } from '../../intelligence/recalc-requests'
import { eventRecommendations, sponsorRecommendations, type MatchRow } from '../../intelligence/recommendations'
import { applyMatchAction, recordMatchFeedback } from '../../intelligence/match-actions'
import { intelligenceQueues } from '../../intelligence/intelligence-queues'
import {
  EventParams,
  EventRecommendations,
  FeedbackBody,
  FeedbackRecord,
  MatchParams,
  MatchRecord,
  PatchMatchBody,
  RecalcAnswer,
  RecomputeBody,
  ScoreOnChangeBody,
  SponsorParams,
  SponsorRecommendations,
} from './schemas'

const eitherSide: OrgAccess = { kinds: ['organizer', 'sponsor'] }
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)
const matchWire = <T extends MatchRow>(m: T) => ({
  ...m,
  overlap_metrics: m.overlap_metrics as never,
  viewed_at: iso(m.viewed_at),
  contacted_at: iso(m.contacted_at),
  updated_at: new Date(m.updated_at).toISOString(),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /** The worker drains now rather than at its next 5-minute tick; without a job queue the tick still comes. */
  const kickWorker = async () => {
    await app.jobQueue.boss
      ?.send(intelligenceQueues.matchesRecalc, {}, { singletonKey: 'on-demand', singletonSeconds: 1 })
      .catch(() => null)
  }

  app.post(
    '/v1/matches/recompute',
    {
      config: { access: eitherSide },
      schema: {
        tags: ['matching'],
        summary: 'Queue a recalculation of match scores (seed 001 §20.3) and start the worker',
        description:
          'An organizer names its event (sponsor_id narrows it to one pair); a sponsor names itself (event_id narrows it).',
        headers: orgHeader,
        body: RecomputeBody,
        response: { 202: RecalcAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...ids } = request.body
      const answer = await queueRecalcRequest(app.db, tenantOf(request), ids, reason ?? 'api_request')
      await kickWorker()
      return reply.code(202).send(answer)
    },
  )

  app.post(
    '/v1/matches/score-on-change',
    {
      config: { access: eitherSide },
      schema: {
        tags: ['matching'],
        summary: "Seed 003's sponsorship-score-onchange: queue single or bulk ids for rescoring",
        headers: orgHeader,
        body: ScoreOnChangeBody,
        response: { 202: RecalcAnswer, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await queueRecalcRequest(app.db, tenantOf(request), request.body, 'score_on_change')),
  )

  app.get(
    '/v1/events/:event_id/sponsor-recommendations',
    {
      config: { access: { kinds: ['organizer'] } },
      schema: {
        tags: ['matching'],
        summary: "The event's best sponsors (score ≥ 0.6, top 10) with each score's explanation",
        headers: orgHeader,
        params: EventParams,
        response: { 200: SponsorRecommendations, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await sponsorRecommendations(app.db, tenantOf(request).orgId, request.params.event_id)
      return { data: rows.map(matchWire) }
    },
  )

  app.get(
    '/v1/sponsors/:sponsor_id/event-recommendations',
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:read' } },
      schema: {
        tags: ['matching'],
        summary: "Events for the sponsor (score ≥ 0.5, with packages on sale, top 20) with each score's explanation",
        headers: orgHeader,
        params: SponsorParams,
        response: { 200: EventRecommendations, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await eventRecommendations(app.db, tenantOf(request).orgId, request.params.sponsor_id)
      return {
        data: rows.map((r) => ({
          ...matchWire(r),
          start_at: new Date(r.start_at).toISOString(),
          from_price_cents: Number(r.from_price_cents),
        })),
      }
    },
  )

  app.patch(
    '/v1/matches/:match_id',
    {
      config: { access: eitherSide },
      schema: {
        tags: ['matching'],
        summary: 'Record a step of the funnel on a match: viewed, contacted, accepted or rejected',
        headers: orgHeader,
        params: MatchParams,
        body: PatchMatchBody,
        response: { 200: MatchRecord, ...errorResponses },
      },
    },
    async (request) =>
      matchWire(await applyMatchAction(app.db, tenantOf(request), request.params.match_id, request.body.action)),
  )

  app.post(
    '/v1/matches/:match_id/feedback',
    {
      config: { access: eitherSide },
      schema: {
        tags: ['matching'],
        summary: 'Say whether a match was useful; a match marked not useful leaves your recommendations',
        headers: orgHeader,
        params: MatchParams,
        body: FeedbackBody,
        response: { 201: FeedbackRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await recordMatchFeedback(app.db, tenantOf(request), request.params.match_id, request.body)
      return reply.code(201).send({ ...row, created_at: row.created_at.toISOString() })
    },
  )
}

export default routes
