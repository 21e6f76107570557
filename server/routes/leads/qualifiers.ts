// Qualifier questions a sponsor asks at capture, per event: create, list, update (deactivate to retire).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { listQualifierQuestions } from '../../leads/lead-service'
import {
  findQuestion,
  insertQuestion,
  updateQuestion,
  type QualifierQuestion,
  type QualifierKind,
} from '../../repositories/qualifiers-repository'
import { sponsorCallerOf } from '../../sponsors/sponsor-access'
import { listSponsorEvents } from '../../repositories/sponsors-repository'
import { badRequest, notFound } from '../../errors'
import { errorResponses, orgHeader } from '../schemas'
import {
  CreateQuestionBody,
  PatchQuestionBody,
  QuestionList,
  QuestionRecord,
  SponsorEventParams,
  SponsorQuestionParams,
} from './schemas'

const questionWire = (q: QualifierQuestion): Static<typeof QuestionRecord> => ({
  id: q.id,
  sponsor_id: q.sponsorId,
  event_id: q.eventId,
  prompt: q.prompt,
  kind: q.kind,
  options: q.options,
  is_required: q.isRequired,
  display_order: q.displayOrder,
  is_active: q.isActive,
  created_at: q.createdAt.toISOString(),
  updated_at: q.updatedAt.toISOString(),
})

function checkOptions(kind: QualifierKind, options: readonly string[]) {
  const isChoice = kind === 'single_choice' || kind === 'multiple_choice'
  if (isChoice && options.length < 2)
    throw badRequest('options-required', 'A choice question needs at least two options.')
  if (!isChoice && options.length > 0)
    throw badRequest('options-not-allowed', 'Only single_choice and multiple_choice questions take options.')
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const base = '/v1/sponsors/:sponsor_id/events/:event_id/qualifiers'

  app.post(
    base,
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:profile:write' } },
      schema: {
        tags: ['leads'],
        summary:
          'Add a qualifier question (text, single_choice, multiple_choice, rating) asked at capture at this event',
        headers: orgHeader,
        params: SponsorEventParams,
        body: CreateQuestionBody,
        response: { 201: QuestionRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sponsor_id: sponsorId, event_id: eventId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const body = request.body
      const options = body.options ?? []
      checkOptions(body.kind, options)
      const events = await listSponsorEvents(app.db, [sponsorId])
      if (!events.some((e) => e.eventId === eventId)) throw notFound('The sponsor at this event')
      const question = await app.db.tenantTransaction(tenant, (tx) =>
        insertQuestion(
          tx,
          { orgId: tenant.orgId, sponsorId, eventId },
          {
            prompt: body.prompt,
            kind: body.kind,
            options,
            isRequired: body.is_required ?? false,
            displayOrder: body.display_order ?? 0,
            isActive: body.is_active ?? true,
          },
        ),
      )
      return reply.status(201).send(questionWire(question))
    },
  )

  app.get(
    base,
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:read' } },
      schema: {
        tags: ['leads'],
        summary: "The sponsor's qualifier questions at this event",
        headers: orgHeader,
        params: SponsorEventParams,
        response: { 200: QuestionList, ...errorResponses },
      },
    },
    async (request) => {
      const { sponsor_id: sponsorId, event_id: eventId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const questions = await listQualifierQuestions(app.db, tenant, sponsorId, eventId)
      return { data: questions.map(questionWire) }
    },
  )

  app.patch(
    '/v1/sponsors/:sponsor_id/qualifiers/:question_id',
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:profile:write' } },
      schema: {
        tags: ['leads'],
        summary: 'Update a qualifier question; is_active: false retires it (answers already given stay)',
        headers: orgHeader,
        params: SponsorQuestionParams,
        body: PatchQuestionBody,
        response: { 200: QuestionRecord, ...errorResponses },
      },
    },
    async (request) => {
      const { sponsor_id: sponsorId, question_id: questionId } = request.params
      const { tenant } = sponsorCallerOf(request)
      const body = request.body
      const question = await app.db.tenantTransaction(tenant, async (tx) => {
        const current = await findQuestion(tx, sponsorId, questionId)
        if (!current) throw notFound('Qualifier question')
        if (body.options) checkOptions(current.kind, body.options)
        return updateQuestion(tx, questionId, {
          prompt: body.prompt,
          options: body.options,
          isRequired: body.is_required,
          displayOrder: body.display_order,
          isActive: body.is_active,
        })
      })
      return questionWire(question!)
    },
  )
}

export default routes
