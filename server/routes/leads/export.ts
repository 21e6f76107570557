// GET /v1/sponsors/{sponsor_id}/leads/export: the sponsor's leads as CSV, streamed page by page so any
// number of leads leaves in constant memory. Needs sponsor:leads:export (booth staff and viewers lack it).
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { explainScore } from '../../../shared/leads/lead-record'
import { leadsAfter, type Lead } from '../../repositories/leads-repository'
import { listSponsorQuestions, type QualifierQuestion } from '../../repositories/qualifiers-repository'
import { sponsorCallerOf } from '../../sponsors/sponsor-access'
import { errorResponses, orgHeader } from '../schemas'
import { leadFilter } from './leads'
import { LeadExportQuery, SponsorParams } from './schemas'

const pageSize = 1000

/** Spreadsheets run cells that start with = + - @ as formulas; such text is prefixed with a quote. */
export function safeCell(value: string | null): string {
  if (value === null) return ''
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

const answerText = (answer: unknown) =>
  Array.isArray(answer) ? answer.join('; ') : answer === undefined ? '' : String(answer)

function headerRow(questions: readonly QualifierQuestion[]) {
  return [
    'lead_id',
    'event_id',
    'badge_code',
    'name',
    'email',
    'company',
    'title',
    'phone',
    'intent_score',
    'intent_level',
    'score_explanation',
    'capture_count',
    'follow_up_status',
    'starred',
    'archived',
    'notes',
    'captured_by',
    'first_captured_at',
    'last_captured_at',
    'consent_source',
    'consent_confirmed_by',
    'consent_confirmed_at',
    ...questions.map((q) => `Q: ${q.prompt}`),
  ]
}

function leadRow(lead: Lead & { capturedByName: string | null }, questions: readonly QualifierQuestion[]) {
  return [
    lead.id,
    lead.eventId,
    safeCell(lead.badgeCode),
    safeCell(lead.name),
    safeCell(lead.email),
    safeCell(lead.company),
    safeCell(lead.title),
    safeCell(lead.phone),
    String(lead.intentScore),
    lead.intentLevel,
    explainScore(lead.interactions, lead.intentScore),
    String(lead.captureCount),
    lead.followUpStatus,
    String(lead.isStarred),
    String(lead.isArchived),
    safeCell(lead.notes),
    safeCell(lead.capturedByName),
    lead.firstCapturedAt.toISOString(),
    lead.lastCapturedAt.toISOString(),
    lead.consentSource,
    lead.consentConfirmedBy ?? '',
    lead.consentConfirmedAt.toISOString(),
    ...questions.map((q) => safeCell(answerText(lead.qualifiers[q.id]))),
  ]
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/sponsors/:sponsor_id/leads/export',
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:export' } },
      schema: {
        tags: ['leads'],
        summary:
          'Export leads as CSV (streamed; with consent columns and the score explanation); same filters as the list',
        headers: orgHeader,
        params: SponsorParams,
        querystring: LeadExportQuery,
        response: {
          200: Type.Unsafe<Readable>({ type: 'string', description: 'text/csv, streamed' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { sponsor_id: sponsorId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const filter = leadFilter(request.query)
      const questions = await app.db.tenantTransaction(tenant, (tx) =>
        listSponsorQuestions(tx, sponsorId, filter.eventId),
      )

      async function* rows() {
        yield headerRow(questions)
        let after: { createdAt: Date; id: string } | null = null
        for (;;) {
          const page = await app.db.tenantTransaction(tenant, (tx) =>
            leadsAfter(tx, sponsorId, filter, after, pageSize),
          )
          for (const lead of page) yield leadRow(lead, questions)
          if (page.length < pageSize) return
          const last = page[page.length - 1]!
          after = { createdAt: last.createdAt, id: last.id }
        }
      }

      const csv = Readable.from(rows()).pipe(stringify())
      const stamp = new Date().toISOString().slice(0, 10)
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="leads-${sponsorId.slice(0, 8)}-${stamp}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )
}

export default routes
