// A sponsor's lead work (seed 004): list with filters and paging, statistics, and star / archive /
// follow-up / notes / qualifier changes. Leads belong to the sponsor; organizers never reach them here.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { leadWire } from '../../leads/lead-wire'
import { leadAccess, listSponsorLeads, sponsorLeadStats, updateLead } from '../../leads/lead-service'
import type { LeadFilter } from '../../repositories/leads-repository'
import { sponsorCallerOf } from '../../sponsors/sponsor-access'
import { errorResponses, orgHeader } from '../schemas'
import {
  EditedLead,
  LeadListQuery,
  LeadPage,
  LeadStatsRecord,
  PatchLeadBody,
  SponsorLeadParams,
  SponsorParams,
  StatsQuery,
} from './schemas'

/** The repository filter of a lead query; archived leads are hidden unless asked for. */
export function leadFilter(query: {
  event_id?: string
  intent_level?: LeadFilter['intentLevel']
  status?: LeadFilter['followUpStatus']
  starred?: boolean
  archived?: boolean
  rep?: string
  q?: string
}): LeadFilter {
  return {
    ...(query.event_id ? { eventId: query.event_id } : {}),
    ...(query.intent_level ? { intentLevel: query.intent_level } : {}),
    ...(query.status ? { followUpStatus: query.status } : {}),
    ...(query.starred !== undefined ? { isStarred: query.starred } : {}),
    isArchived: query.archived ?? false,
    ...(query.rep ? { capturedBy: query.rep } : {}),
    ...(query.q ? { q: query.q } : {}),
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/sponsors/:sponsor_id/leads',
    {
      config: { access: leadAccess.read },
      schema: {
        tags: ['leads'],
        summary:
          "The sponsor's leads: filter by intent_level, status, starred, archived, rep, q (text); sort recent or score; paged",
        headers: orgHeader,
        params: SponsorParams,
        querystring: LeadListQuery,
        response: { 200: LeadPage, ...errorResponses },
      },
    },
    async (request) => {
      const { sponsor_id: sponsorId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const { limit, offset, sort } = request.query
      const { leads, total } = await listSponsorLeads(app.db, tenant, sponsorId, leadFilter(request.query), {
        limit,
        offset,
        sort,
      })
      return { data: leads.map(leadWire), total, limit, offset }
    },
  )

  app.get(
    '/v1/sponsors/:sponsor_id/leads/stats',
    {
      config: { access: leadAccess.read },
      schema: {
        tags: ['leads'],
        summary: 'Lead statistics: by intent level, follow-up status, representative and hour',
        headers: orgHeader,
        params: SponsorParams,
        querystring: StatsQuery,
        response: { 200: LeadStatsRecord, ...errorResponses },
      },
    },
    async (request) => {
      const { sponsor_id: sponsorId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const stats = await sponsorLeadStats(app.db, tenant, sponsorId, request.query.event_id)
      return {
        total: stats.total,
        archived: stats.archived,
        starred: stats.starred,
        by_intent_level: stats.byIntentLevel,
        by_follow_up_status: stats.byFollowUpStatus,
        by_rep: stats.byRep.map((r) => ({ user_id: r.userId, name: r.name, leads: r.leads })),
        by_hour: stats.byHour.map((h) => ({ hour: h.hour.toISOString(), leads: h.leads })),
      }
    },
  )

  app.patch(
    '/v1/sponsors/:sponsor_id/leads/:lead_id',
    {
      config: { access: leadAccess.write },
      schema: {
        tags: ['leads'],
        summary:
          'Star, archive or set the follow-up status (the later edit wins; the other is kept in history), add a note or edit your own, or answer qualifier questions',
        headers: orgHeader,
        params: SponsorLeadParams,
        body: PatchLeadBody,
        response: { 200: EditedLead, ...errorResponses },
      },
    },
    async (request) => {
      const { sponsor_id: sponsorId, lead_id: leadId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const body = request.body
      const edit = {
        editedAt: body.edited_at ? new Date(body.edited_at) : undefined,
        starred: body.starred,
        archived: body.archived,
        followUpStatus: body.follow_up_status,
        addNote: body.add_note,
        editNote: body.edit_note,
        legacyNotes: body.notes,
        qualifiers: body.qualifiers,
      }
      const { lead, notices } = await updateLead(app, tenant, sponsorId, leadId, edit)
      return { ...leadWire(lead), notices }
    },
  )
}

export default routes
