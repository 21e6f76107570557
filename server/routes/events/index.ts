// Events API, owned by organizer organizations. Writes need owner or admin; changes reach the org's room live.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { realtimeEvents } from '../../../shared/domain'
import { tenantOf, organizerReaders, organizerWriters } from '../../plugins/access'
import { findEvent, insertEvent, listEvents, updateEvent, type EventFields } from '../../repositories/events-repository'
import { notFound } from '../../errors'
import { errorResponses, IdParams, orgHeader, PageQuery } from '../schemas'
import { eventWire } from '../wire'
import { CreateEventBody, EventList, EventRecord, PatchEventBody } from './schemas'

type EventPatch = Static<typeof PatchEventBody>

function toFields(body: EventPatch): Partial<EventFields> {
  return {
    title: body.title,
    startAt: body.start_at === undefined ? undefined : new Date(body.start_at),
    endAt: body.end_at === undefined ? undefined : new Date(body.end_at),
    city: body.city,
    region: body.region,
    country: body.country,
    categories: body.categories,
    targetAudience: body.target_audience,
    brandSafetyTags: body.brand_safety_tags,
    capacity: body.capacity,
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['events'],
        summary: 'Create an event',
        headers: orgHeader,
        body: CreateEventBody,
        response: { 201: EventRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      const body = request.body
      const event = await app.db.tenantTransaction(tenant, (tx) =>
        insertEvent(tx, tenant.orgId, {
          title: body.title,
          startAt: new Date(body.start_at),
          endAt: new Date(body.end_at),
          city: body.city ?? null,
          region: body.region ?? null,
          country: body.country ?? null,
          categories: body.categories ?? [],
          targetAudience: body.target_audience ?? {},
          brandSafetyTags: body.brand_safety_tags ?? [],
          capacity: body.capacity ?? null,
        }),
      )
      app.realtime.toOrg(tenant.orgId, realtimeEvents.eventUpdated, eventWire(event))
      return reply.status(201).send(eventWire(event))
    },
  )

  app.get(
    '',
    {
      config: { access: organizerReaders },
      schema: {
        tags: ['events'],
        summary: "List the organization's events",
        headers: orgHeader,
        querystring: PageQuery,
        response: { 200: EventList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const { limit, offset } = request.query
      const events = await app.db.tenantTransaction(tenant, (tx) =>
        listEvents(tx, tenant.orgId, { limit: limit + 1, offset }),
      )
      const hasMore = events.length > limit
      return {
        data: events.slice(0, limit).map(eventWire),
        has_more: hasMore,
        next_offset: hasMore ? offset + limit : null,
      }
    },
  )

  app.get(
    '/:id',
    {
      config: { access: organizerReaders },
      schema: {
        tags: ['events'],
        summary: 'Get an event',
        headers: orgHeader,
        params: IdParams,
        response: { 200: EventRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const event = await app.db.tenantTransaction(tenant, (tx) => findEvent(tx, tenant.orgId, request.params.id))
      if (!event) throw notFound('Event')
      return eventWire(event)
    },
  )

  app.patch(
    '/:id',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['events'],
        summary: 'Update an event',
        headers: orgHeader,
        params: IdParams,
        body: PatchEventBody,
        response: { 200: EventRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const event = await app.db.tenantTransaction(tenant, (tx) =>
        updateEvent(tx, tenant.orgId, request.params.id, toFields(request.body)),
      )
      if (!event) throw notFound('Event')
      app.realtime.toOrg(tenant.orgId, realtimeEvents.eventUpdated, eventWire(event))
      return eventWire(event)
    },
  )
}

export default routes
