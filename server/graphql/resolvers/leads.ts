// Leads, statistics and lead edits: sponsor:leads:read / :write for the sponsor in X-Org-Id, as on REST,
// then the lead service. Lead fields resolve from the domain record; the capturer's name through a loader.
import type { Static } from 'typebox'
import type { GraphContext } from '../context'
import { sponsorTenantFor } from '../context'
import { checkInput } from '../inputs'
import { leadFilter } from '../../routes/leads/leads'
import { PatchLeadBody } from '../../routes/leads/schemas'
import {
  findSponsorLead,
  leadAccess,
  listQualifierQuestions,
  sponsorLeadsPage,
  sponsorLeadStats,
  updateLead,
} from '../../leads/lead-service'
import type { Lead } from '../../repositories/leads-repository'
import { explainScore, type HistoryEntry, type Interaction, type NoteEntry } from '../../../shared/leads/lead-record'
import { badRequest } from '../../errors'
import type { EditLeadRequest } from '../../leads/edit-lead'

type Args<T> = Record<string, unknown> & T
type LeadFilterArgs = {
  eventId?: string
  intentLevel?: 'hot' | 'warm' | 'cold'
  status?: Lead['followUpStatus']
  starred?: boolean
  archived?: boolean
  rep?: string
  q?: string
}

/** The maximum page of sponsorLeads, as the REST list's limit. */
export const maxLeadPage = 200

const filterOf = (filter: LeadFilterArgs | null | undefined) =>
  leadFilter({
    ...(filter?.eventId ? { event_id: filter.eventId } : {}),
    ...(filter?.intentLevel ? { intent_level: filter.intentLevel } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(typeof filter?.starred === 'boolean' ? { starred: filter.starred } : {}),
    ...(typeof filter?.archived === 'boolean' ? { archived: filter.archived } : {}),
    ...(filter?.rep ? { rep: filter.rep } : {}),
    ...(filter?.q ? { q: filter.q } : {}),
  })

async function edit(ctx: GraphContext, sponsorId: string, leadId: string, input: Record<string, unknown>) {
  const body = checkInput<Static<typeof PatchLeadBody>>(PatchLeadBody, input)
  const tenant = await sponsorTenantFor(ctx, sponsorId, leadAccess.write.sponsorPermission)
  const change: EditLeadRequest['edit'] = {
    editedAt: body.edited_at ? new Date(body.edited_at) : undefined,
    starred: body.starred,
    archived: body.archived,
    followUpStatus: body.follow_up_status,
    addNote: body.add_note,
    editNote: body.edit_note,
    qualifiers: body.qualifiers,
  }
  return updateLead(ctx.app, tenant, sponsorId, leadId, change)
}

export const leadResolvers = {
  Query: {
    sponsorLeads: async (
      _: unknown,
      args: Args<{
        sponsorId: string
        filter?: LeadFilterArgs
        sort: 'recent' | 'score'
        first: number
        after?: string | null
      }>,
      ctx: GraphContext,
    ) => {
      const tenant = await sponsorTenantFor(ctx, args.sponsorId, leadAccess.read.sponsorPermission)
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxLeadPage) {
        throw badRequest('invalid-request', `first must be from 1 to ${maxLeadPage}.`)
      }
      const page = await sponsorLeadsPage(ctx.db, tenant, args.sponsorId, filterOf(args.filter), {
        first: args.first,
        after: args.after ?? null,
        sort: args.sort,
      })
      return {
        edges: page.leads.map(({ lead, cursor }) => ({ cursor, node: lead })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      }
    },
    lead: async (_: unknown, { sponsorId, id }: Args<{ sponsorId: string; id: string }>, ctx: GraphContext) =>
      findSponsorLead(ctx.db, await sponsorTenantFor(ctx, sponsorId, leadAccess.read.sponsorPermission), sponsorId, id),
    sponsorStats: async (
      _: unknown,
      { sponsorId, eventId }: Args<{ sponsorId: string; eventId?: string | null }>,
      ctx: GraphContext,
    ) => {
      const stats = await sponsorLeadStats(
        ctx.db,
        await sponsorTenantFor(ctx, sponsorId, leadAccess.read.sponsorPermission),
        sponsorId,
        eventId ?? undefined,
      )
      return {
        ...stats,
        byFollowUpStatus: Object.entries(stats.byFollowUpStatus).map(([status, leads]) => ({ status, leads })),
        byRep: stats.byRep.map((r) => ({ user: r.userId ? { id: r.userId, name: r.name } : null, leads: r.leads })),
      }
    },
    qualifierQuestions: async (
      _: unknown,
      { sponsorId, eventId }: Args<{ sponsorId: string; eventId: string }>,
      ctx: GraphContext,
    ) =>
      listQualifierQuestions(
        ctx.db,
        await sponsorTenantFor(ctx, sponsorId, leadAccess.read.sponsorPermission),
        sponsorId,
        eventId,
      ),
  },

  Mutation: {
    updateLead: (
      _: unknown,
      { sponsorId, id, input }: Args<{ sponsorId: string; id: string; input: Record<string, unknown> }>,
      ctx: GraphContext,
    ) => edit(ctx, sponsorId, id, input),
    starLead: (
      _: unknown,
      { sponsorId, id, starred }: Args<{ sponsorId: string; id: string; starred: boolean }>,
      ctx: GraphContext,
    ) => edit(ctx, sponsorId, id, { starred }),
    archiveLead: (
      _: unknown,
      { sponsorId, id, archived }: Args<{ sponsorId: string; id: string; archived: boolean }>,
      ctx: GraphContext,
    ) => edit(ctx, sponsorId, id, { archived }),
  },

  Lead: {
    isManual: (lead: Lead) => lead.attendeeId === null && lead.consentSource === 'confirmed_at_capture',
    consent: (lead: Lead) => ({
      source: lead.consentSource,
      confirmedBy: lead.consentConfirmedBy,
      confirmedAt: lead.consentConfirmedAt,
    }),
    scoreExplanation: (lead: Lead) => explainScore(lead.interactions, lead.intentScore),
    history: (lead: Lead): HistoryEntry[] => lead.history,
    capturedById: (lead: Lead) => lead.capturedBy,
    capturedBy: (lead: Lead, _: unknown, ctx: GraphContext) =>
      lead.capturedBy ? ctx.loaders.userName.load(lead.capturedBy) : null,
  },

  Interaction: {
    capturedBy: (i: Interaction) => i.captured_by ?? null,
    receivedAt: (i: Interaction) => i.received_at ?? null,
  },

  NoteEntry: {
    authorId: (n: NoteEntry) => n.author_id,
    authorName: (n: NoteEntry) => n.author_name,
    deviceId: (n: NoteEntry) => n.device_id,
    createdAt: (n: NoteEntry) => n.created_at,
    editedAt: (n: NoteEntry) => n.edited_at,
  },
}
