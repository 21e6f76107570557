// POST /v1/events/{event_id}/sponsors/{sponsor_id}/capture-lead: online capture by a representative,
// limited to LEAD_CAPTURES_PER_MINUTE per representative (seed 004: 30).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { CaptureLeadBody } from '../../../shared/leads/lead-record'
import { captureLead } from '../../leads/capture-lead'
import { leadWire } from '../../leads/lead-wire'
import { sponsorCallerOf } from '../../sponsors/sponsor-access'
import { errorResponses, orgHeader } from '../schemas'
import { CapturedLead, EventSponsorParams } from './schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/events/:event_id/sponsors/:sponsor_id/capture-lead',
    {
      config: {
        access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:capture' },
        rateLimit: {
          max: app.config.leadCapturesPerMinute,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `capture:${request.auth?.userId ?? request.ip}`,
        },
      },
      schema: {
        tags: ['leads'],
        summary:
          'Capture a lead: a scanned badge (consent from the directory) or a manual lead (consent confirmed now); scored, merged with earlier captures',
        headers: orgHeader,
        params: EventSponsorParams,
        body: CaptureLeadBody,
        response: { 200: CapturedLead, 201: CapturedLead, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { event_id: eventId, sponsor_id: sponsorId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const result = await captureLead(app.db, { tenant, sponsorId, eventId, body: request.body })
      app.leadFeed.publishCapture(result)
      return reply
        .status(result.outcome === 'created' ? 201 : 200)
        .send({ ...leadWire(result.lead), capture_outcome: result.outcome })
    },
  )
}

export default routes
