// A sponsor's lead work (seed 004), for the REST routes and GraphQL alike: list (offset pages, or cursor
// pages), one lead, statistics, and edits (star, archive, follow-up, notes, qualifiers) announced live.
// Leads belong to the sponsor; organizers never reach them here.
import type { FastifyInstance } from 'fastify'
import type { OrgAccess } from '../auth/access-checks'
import type { Database } from '../db/database'
import type { CallerTenant } from '../sponsors/sponsor-access'
import {
  countLeads,
  findLead,
  leadsPage,
  leadStats,
  listLeads,
  type Lead,
  type LeadCursorKey,
  type LeadFilter,
  type LeadSort,
  type LeadStats,
} from '../repositories/leads-repository'
import { listQuestions, type QualifierQuestion } from '../repositories/qualifiers-repository'
import { badRequest, notFound } from '../errors'
import { editLead, type EditLeadRequest } from './edit-lead'
import type { LeadNotice } from '../../shared/leads/lead-record'

/** Reading leads needs sponsor:leads:read for the sponsor, acting for its organization; editing, sponsor:leads:write. */
export const leadAccess = {
  read: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:read' },
  write: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:write' },
} as const satisfies Record<string, OrgAccess>

export function listSponsorLeads(
  db: Database,
  tenant: CallerTenant,
  sponsorId: string,
  filter: LeadFilter,
  page: { limit: number; offset: number; sort: LeadSort },
) {
  return db.tenantTransaction(tenant, (tx) => listLeads(tx, sponsorId, filter, page))
}

export interface LeadCursorPage {
  leads: { lead: Lead; cursor: string }[]
  hasNextPage: boolean
  endCursor: string | null
  /** Counted only when asked for (one more statement). */
  totalCount: () => Promise<number>
}

const encodeCursor = (sort: LeadSort, key: LeadCursorKey) =>
  Buffer.from(JSON.stringify({ s: sort, ...key })).toString('base64url')

function decodeCursor(cursor: string, sort: LeadSort): LeadCursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>
    const isValid =
      key.s === sort &&
      Number.isInteger(key.score) &&
      typeof key.at === 'string' &&
      !Number.isNaN(Date.parse(key.at)) &&
      typeof key.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(key.id)
    if (isValid) return { score: key.score as number, at: key.at as string, id: key.id as string }
  } catch {
    // not a cursor of ours
  }
  throw badRequest(
    'invalid-cursor',
    `"after" must be an endCursor this API returned for the same sort (${sort}); start again without it.`,
  )
}

/** A keyset page of the sponsor's leads, stable while leads arrive (new captures appear on earlier pages, never twice). */
export async function sponsorLeadsPage(
  db: Database,
  tenant: CallerTenant,
  sponsorId: string,
  filter: LeadFilter,
  page: { first: number; after: string | null; sort: LeadSort },
): Promise<LeadCursorPage> {
  const after = page.after ? decodeCursor(page.after, page.sort) : null
  const rows = await db.tenantTransaction(tenant, (tx) =>
    leadsPage(tx, sponsorId, filter, { first: page.first, sort: page.sort, after }),
  )
  const leads = rows.slice(0, page.first).map(({ lead, key }) => ({ lead, cursor: encodeCursor(page.sort, key) }))
  return {
    leads,
    hasNextPage: rows.length > page.first,
    endCursor: leads.at(-1)?.cursor ?? null,
    totalCount: () => db.tenantTransaction(tenant, (tx) => countLeads(tx, sponsorId, filter)),
  }
}

export async function findSponsorLead(
  db: Database,
  tenant: CallerTenant,
  sponsorId: string,
  leadId: string,
): Promise<Lead> {
  const lead = await db.tenantTransaction(tenant, (tx) => findLead(tx, sponsorId, leadId))
  if (!lead) throw notFound('Lead')
  return lead
}

export function sponsorLeadStats(
  db: Database,
  tenant: CallerTenant,
  sponsorId: string,
  eventId: string | undefined,
): Promise<LeadStats> {
  return db.tenantTransaction(tenant, (tx) => leadStats(tx, sponsorId, eventId))
}

/** Applies an edit under the lead's lock (merge rules in lead-edits.ts) and tells the sponsor's live feeds. */
export async function updateLead(
  app: FastifyInstance,
  tenant: CallerTenant,
  sponsorId: string,
  leadId: string,
  edit: EditLeadRequest['edit'],
): Promise<{ lead: Lead; notices: LeadNotice[] }> {
  const edited = await app.db.tenantTransaction(tenant, (tx) =>
    editLead(tx, { sponsorId, leadId, edit, userId: tenant.userId, deviceId: null }),
  )
  app.leadFeed.publishUpdate(edited.lead)
  return edited
}

/** The sponsor's qualifier questions at an event (asked at capture), retired ones too. */
export function listQualifierQuestions(
  db: Database,
  tenant: CallerTenant,
  sponsorId: string,
  eventId: string,
): Promise<QualifierQuestion[]> {
  return db.tenantTransaction(tenant, (tx) => listQuestions(tx, sponsorId, eventId))
}
