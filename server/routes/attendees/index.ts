// An event's attendee directory: upsert by JSON (an array, keyed on badge_code), import CSV, list.
// Each attendee's consent_to_share decides whether sponsors may capture them as leads.
import { realtimeEvents } from '../../../shared/domain'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { tenantOf, organizerReaders, organizerWriters } from '../../plugins/access'
import { findEvent } from '../../repositories/events-repository'
import {
  listAttendees,
  upsertAttendees,
  type Attendee,
  type AttendeeFields,
} from '../../repositories/attendees-repository'
import { badRequest, notFound } from '../../errors'
import { errorResponses, orgHeader } from '../schemas'
import { duplicateBadges, readAttendeeCsv, toFields, type CsvProblem } from './attendee-csv'
import {
  AttendeeBatch,
  AttendeePage,
  AttendeeQuery,
  AttendeeRecord,
  EventParams,
  UpsertResult,
  maxAttendeesPerRequest,
} from './schemas'

const attendeeWire = (a: Attendee): Static<typeof AttendeeRecord> => ({
  id: a.id,
  event_id: a.eventId,
  badge_code: a.badgeCode,
  name: a.name,
  email: a.email,
  company: a.company,
  title: a.title,
  consent_to_share: a.consentToShare,
  created_at: a.createdAt.toISOString(),
  updated_at: a.updatedAt.toISOString(),
})

const invalidRows = (problems: CsvProblem[]) =>
  badRequest(
    'invalid-rows',
    `${problems.length} row(s) are invalid; nothing was imported. Fix them and send the whole file again.`,
    problems.slice(0, 100),
  )

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // CSV arrives as text; the import route alone accepts large bodies.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  )

  /** Import progress for the organization's screens: how many rows read, then written, of how many. */
  const progress =
    (orgId: string, eventId: string) => (phase: 'reading' | 'writing', done: number, total: number | null) =>
      app.realtime.toOrg(orgId, realtimeEvents.attendeesImportProgress, { event_id: eventId, phase, done, total })

  async function upsert(
    tenant: ReturnType<typeof tenantOf>,
    eventId: string,
    attendees: AttendeeFields[],
    lineOffset: number,
  ) {
    const duplicates = duplicateBadges(attendees, lineOffset)
    if (duplicates.length) throw invalidRows(duplicates)
    const report = progress(tenant.orgId, eventId)
    const result = await app.db.tenantTransaction(tenant, async (tx) => {
      if (!(await findEvent(tx, tenant.orgId, eventId))) throw notFound('Event')
      return upsertAttendees(tx, tenant.orgId, eventId, attendees, (done) => report('writing', done, attendees.length))
    })
    return { ...result, total: attendees.length }
  }

  app.post(
    '/v1/events/:event_id/attendees',
    {
      config: { access: organizerWriters },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['attendees'],
        summary: 'Add or update attendees (a JSON array, matched on badge_code)',
        headers: orgHeader,
        params: EventParams,
        body: AttendeeBatch,
        response: { 200: UpsertResult, ...errorResponses },
      },
    },
    async (request) => upsert(tenantOf(request), request.params.event_id, request.body.map(toFields), 0),
  )

  app.post(
    '/v1/events/:event_id/attendees/import',
    {
      config: { access: organizerWriters },
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['attendees'],
        summary:
          'Import attendees from CSV (Content-Type: text/csv; header badge_code,name,email,company,title,consent_to_share); all rows or none',
        headers: orgHeader,
        params: EventParams,
        response: { 200: UpsertResult, ...errorResponses },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string')
        throw badRequest('csv-required', 'Send the file as the request body with Content-Type: text/csv.')
      const tenant = tenantOf(request)
      const parsed = await readAttendeeCsv(request.body, maxAttendeesPerRequest * 10, (rows) =>
        progress(tenant.orgId, request.params.event_id)('reading', rows, null),
      )
      if (!parsed.ok) throw invalidRows(parsed.problems)
      return upsert(tenant, request.params.event_id, parsed.attendees, 2)
    },
  )

  app.get(
    '/v1/events/:event_id/attendees',
    {
      config: { access: organizerReaders },
      schema: {
        tags: ['attendees'],
        summary: "An event's attendees, searchable by name, email, company or badge code",
        headers: orgHeader,
        params: EventParams,
        querystring: AttendeeQuery,
        response: { 200: AttendeePage, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const { q, consent, limit, offset } = request.query
      const { attendees, total } = await app.db.tenantTransaction(tenant, async (tx) => {
        if (!(await findEvent(tx, tenant.orgId, request.params.event_id))) throw notFound('Event')
        return listAttendees(tx, request.params.event_id, {
          ...(q ? { q } : {}),
          ...(consent !== undefined ? { consent } : {}),
          limit,
          offset,
        })
      })
      return { data: attendees.map(attendeeWire), total, limit, offset }
    },
  )
}

export default routes
