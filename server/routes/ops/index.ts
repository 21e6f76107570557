// Operations: GET /metrics for Prometheus (a bearer METRICS_TOKEN; off without one), and the platform
// administrators' overview and alert acknowledgement behind the Operations panel.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { callerOf } from '../../plugins/access'
import { assertPlatformAdmin } from '../../auth/platform-admin'
import { acknowledgeAlert, readOpsOverview } from '../../ops/ops-overview'
import { AppError, unauthorized } from '../../errors'
import { errorResponses } from '../schemas'
import { AlertRecord as Alert, OpsOverview as Overview } from '../../../shared/ops/ops-overview'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /** Before validation, so a caller who may not use these routes learns nothing about their inputs. */
  const platformAdminsOnly = async (request: FastifyRequest) =>
    assertPlatformAdmin(app.db, callerOf(request).userId, 'see operations data')

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const expected = app.config.metricsToken
    if (!expected)
      throw new AppError(
        404,
        'metrics-disabled',
        'Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <token>.',
      )
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
    const [a, b] = [Buffer.from(given), Buffer.from(expected)]
    if (a.length !== b.length || !timingSafeEqual(a, b))
      throw unauthorized('Send Authorization: Bearer <METRICS_TOKEN>.')
    const { text, contentType, failures } = await app.metrics.render()
    if (failures.length) request.log.warn({ failures }, 'some metrics could not be read')
    return reply.type(contentType).send(text)
  })

  app.get(
    '/v1/ops/overview',
    {
      config: { access: 'user' },
      preValidation: platformAdminsOnly,
      schema: {
        tags: ['operations'],
        summary: "Platform administrators: the seeds' SLOs, job queues, outbox backlog, dead letters and alerts",
        response: { 200: Overview, ...errorResponses },
      },
    },
    async (request) => readOpsOverview(app.db, app.metrics, callerOf(request).userId),
  )

  app.post(
    '/v1/ops/alerts/:alert_id/acknowledge',
    {
      config: { access: 'user' },
      preValidation: platformAdminsOnly,
      schema: {
        tags: ['operations'],
        summary: 'Platform administrators: mark an alert as seen to',
        params: Type.Object({ alert_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: Alert, ...errorResponses },
      },
    },
    async (request) => acknowledgeAlert(app.db, callerOf(request).userId, request.params.alert_id),
  )
}

export default routes
