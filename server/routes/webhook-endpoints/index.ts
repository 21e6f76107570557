// Outbound webhook endpoints of an organization (issue 14): CRUD, secret rotation, test events, the
// delivery log and replays. Owners and admins only, of the organization in the path and X-Org-Id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { assertPathOrg, tenantOf, type OrgAccess } from '../../plugins/access'
import { errorResponses, orgHeader } from '../schemas'
import type { WebhookEndpoint } from '../../repositories/webhook-endpoints-repository'
import type { AttemptRow, DeliveryRow } from '../../repositories/webhook-deliveries-repository'
import { webhookEventTypes } from '../../webhooks/event-catalog'
import * as service from '../../webhooks/endpoints-service'
import {
  CreateEndpointBody,
  DeliveryDetail,
  DeliveryList,
  DeliveryParams,
  DeliveryQuery,
  DeliveryRecord,
  EndpointList,
  EndpointParams,
  EndpointRecord,
  EndpointWithSecret,
  EventTypeList,
  OrgParams,
  PatchEndpointBody,
  ReplayBody,
  ReplayResult,
  TestResult,
} from './schemas'

const admins: OrgAccess = { roles: ['owner', 'admin'] }
const iso = (d: Date | null) => (d ? d.toISOString() : null)
const tags = ['webhooks']

const endpointWire = (e: WebhookEndpoint) => ({
  id: e.id,
  org_id: e.orgId,
  url: e.url,
  events: e.events,
  description: e.description,
  enabled: e.enabled,
  disabled_reason: e.disabledReason,
  failing_since: iso(e.failingSince),
  previous_secret_expires_at: e.previousSecret ? iso(e.previousSecretExpiresAt) : null,
  created_at: e.createdAt.toISOString(),
  updated_at: e.updatedAt.toISOString(),
})
const deliveryWire = (d: DeliveryRow) => ({
  id: d.id,
  endpoint_id: d.endpoint_id,
  event_id: d.event_id,
  type: d.type,
  is_test: d.is_test,
  status: d.status,
  attempt_count: d.attempt_count,
  next_attempt_at: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
  last_status_code: d.last_status_code,
  last_error: d.last_error,
  delivered_at: iso(d.delivered_at),
  occurred_at: d.occurred_at.toISOString(),
  created_at: d.created_at.toISOString(),
})
const attemptWire = (a: AttemptRow) => ({ ...a, started_at: a.started_at.toISOString() })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const base = '/v1/organizations/:org_id/webhook-endpoints'
  const one = `${base}/:endpoint_id`
  const verb = (name: string) => `${base}/:endpoint_id(^[0-9a-fA-F-]+)::${name}`
  const policy = app.config.webhooks

  app.get(
    '/v1/webhook-event-types',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The webhook event types, each with the JSON schema of its data',
        response: { 200: EventTypeList, ...errorResponses },
      },
    },
    async () => ({ data: webhookEventTypes }),
  )

  app.post(
    base,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Add a webhook endpoint (its whsec_ secret is in this answer only)',
        headers: orgHeader,
        params: OrgParams,
        body: CreateEndpointBody,
        response: { 201: EndpointWithSecret, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const input = await service.prepareEndpoint(request.body, policy, tenant.orgKind)
      const endpoint = await app.db.tenantTransaction(tenant, (tx) =>
        service.createEndpoint(tx, tenant.orgId, tenant.userId, input),
      )
      return reply.code(201).send({ ...endpointWire(endpoint), secret: endpoint.secret })
    },
  )

  app.get(
    base,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: "The organization's webhook endpoints (never their secrets)",
        headers: orgHeader,
        params: OrgParams,
        response: { 200: EndpointList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return {
        data: (await app.db.tenantTransaction(tenant, (tx) => service.endpointsOf(tx, tenant.orgId))).map(endpointWire),
      }
    },
  )

  app.get(
    one,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'One webhook endpoint',
        headers: orgHeader,
        params: EndpointParams,
        response: { 200: EndpointRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return endpointWire(
        await app.db.tenantTransaction(tenant, (tx) =>
          service.endpointOf(tx, tenant.orgId, request.params.endpoint_id),
        ),
      )
    },
  )

  app.patch(
    one,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Change a webhook endpoint (enabling it again clears its failing streak)',
        headers: orgHeader,
        params: EndpointParams,
        body: PatchEndpointBody,
        response: { 200: EndpointRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const patch = await service.prepareEndpointPatch(request.body, policy, tenant.orgKind)
      return endpointWire(
        await app.db.tenantTransaction(tenant, (tx) =>
          service.changeEndpoint(tx, tenant.orgId, request.params.endpoint_id, patch),
        ),
      )
    },
  )

  app.delete(
    one,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its delivery log; answers the endpoint as it was',
        headers: orgHeader,
        params: EndpointParams,
        response: { 200: EndpointRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return endpointWire(
        await app.db.tenantTransaction(tenant, (tx) =>
          service.removeEndpoint(tx, tenant.orgId, request.params.endpoint_id),
        ),
      )
    },
  )

  app.post(
    verb('rotate-secret'),
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Rotate the secret: the new one is in this answer only; the old one also signs for 24 hours',
        headers: orgHeader,
        params: EndpointParams,
        response: { 200: EndpointWithSecret, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const endpoint = await app.db.tenantTransaction(tenant, (tx) =>
        service.rotateSecret(tx, tenant.orgId, request.params.endpoint_id),
      )
      return { ...endpointWire(endpoint), secret: endpoint.secret }
    },
  )

  app.post(
    verb('test'),
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Send a webhook.test event to the endpoint',
        headers: orgHeader,
        params: EndpointParams,
        response: { 202: TestResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const deliveryId = await app.db.tenantTransaction(tenant, (tx) =>
        service.sendTestEvent(tx, tenant.orgId, request.params.endpoint_id),
      )
      app.webhooks.kick()
      return reply.code(202).send({ delivery_id: deliveryId })
    },
  )

  app.post(
    verb('replay'),
    {
      config: { access: admins },
      schema: {
        tags,
        summary:
          'Send again every event of a time range, or (without one) every dead letter; ids are kept so receivers dedupe',
        headers: orgHeader,
        params: EndpointParams,
        body: ReplayBody,
        response: { 202: ReplayResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const replayed = await app.db.tenantTransaction(tenant, (tx) =>
        service.replayRange(tx, tenant.orgId, request.params.endpoint_id, request.body ?? {}),
      )
      app.webhooks.kick()
      return reply.code(202).send({ replayed })
    },
  )

  app.get(
    `${one}/deliveries`,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: "The endpoint's deliveries, newest first (filter by status, type and when the event happened)",
        headers: orgHeader,
        params: EndpointParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const { status, type, from, to, limit, offset } = request.query
      const filter = {
        ...(status ? { status } : {}),
        ...(type ? { type } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        limit,
        offset,
      }
      const rows = await app.db.tenantTransaction(tenant, (tx) =>
        service.deliveriesOf(tx, tenant.orgId, request.params.endpoint_id, filter),
      )
      return { data: rows.map(deliveryWire) }
    },
  )

  app.get(
    `${one}/deliveries/:delivery_id`,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'One delivery with its payload and every attempt',
        headers: orgHeader,
        params: DeliveryParams,
        response: { 200: DeliveryDetail, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const { delivery, attempts } = await app.db.tenantTransaction(tenant, (tx) =>
        service.deliveryWithAttempts(tx, tenant.orgId, request.params.endpoint_id, request.params.delivery_id),
      )
      return { ...deliveryWire(delivery), data: delivery.data, attempts: attempts.map(attemptWire) }
    },
  )

  app.post(
    `${one}/deliveries/:delivery_id(^[0-9a-fA-F-]+)::replay`,
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Send one delivery again, with its original event id',
        headers: orgHeader,
        params: DeliveryParams,
        response: { 202: DeliveryRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      const delivery = await app.db.tenantTransaction(tenant, (tx) =>
        service.replayDelivery(tx, tenant.orgId, request.params.endpoint_id, request.params.delivery_id),
      )
      app.webhooks.kick()
      return reply.code(202).send(deliveryWire(delivery!))
    },
  )
}

export default routes
