// The Fastify application as a plugin tree: external plugins, then ours, then routes.
// server/main.ts runs it; tests build it directly.
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ServerConfig } from './config'
import { loggerOptions } from './logging'
import type { Database } from './db/database'
import services from './plugins/services'
import security from './plugins/security'
import openapi from './plugins/openapi'
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/error-handler'
import inputGuard from './plugins/input-guard'
import access from './plugins/access'
import outbox from './outbox/outbox-plugin'
import webhooks from './webhooks/webhooks-plugin'
import webhookEndpointRoutes from './routes/webhook-endpoints/index'
import notifications from './notifications/notifications-plugin'
import notificationRoutes from './routes/notifications/index'
import metrics from './metrics/metrics-plugin'
import opsRoutes from './routes/ops/index'
import idempotency from './plugins/idempotency'
import realtime from './realtime/realtime'
import healthRoutes from './routes/health'
import authRoutes from './routes/auth/index'
import meRoutes from './routes/me'
import eventRoutes from './routes/events/index'
import sponsorTierRoutes from './routes/sponsor-tiers/index'
import sponsorRoutes from './routes/sponsors/index'
import sponsorProfileRoutes from './routes/sponsors/profile'
import invitationRoutes from './routes/representatives/invitations'
import representativeRoutes from './routes/representatives/representatives'
import attendeeRoutes from './routes/attendees/index'
import captureRoutes from './routes/leads/capture'
import leadRoutes from './routes/leads/leads'
import leadExportRoutes from './routes/leads/export'
import qualifierRoutes from './routes/leads/qualifiers'
import syncRoutes from './routes/sync/index'
import packageRoutes from './routes/packages/index'
import proposalRoutes from './routes/proposals/index'
import orderRoutes from './routes/orders/index'
import paymentRoutes from './routes/payments/index'
import eventSponsorshipRoutes from './routes/event-sponsorships/index'
import matchRoutes from './routes/matches/index'
import audienceRoutes from './routes/audience/index'
import searchRoutes from './routes/search/index'
import ingestionRoutes from './routes/ingestion/index'
import deliverableRoutes from './routes/deliverables/index'
import reportRoutes from './routes/reports/index'
import conversionRoutes from './routes/conversions/index'
import fulfillmentNotifications from './fulfillment/fulfillment-notifications-plugin'
import graphql from './graphql/graphql-plugin'
import workspaceRoutes from './routes/workspaces/index'
import commandCenterLive from './realtime/command-center-live'
import widgetRoutes from './routes/workspaces/widgets'

export interface AppOptions {
  config: ServerConfig
  db: Database
  logger?: FastifyServerOptions['logger']
}

/** Secrets and personal data never reach the logs. */
export const logRedaction = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'password',
  'refresh_token',
  'access_token',
]

export async function buildApp({ config, db, logger }: AppOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config, logRedaction),
    bodyLimit: 1024 * 1024,
    ...(config.trustProxy !== undefined ? { trustProxy: fastifyTrustProxy(config.trustProxy) } : {}),
    frameworkErrors,
    clientErrorHandler,
    // Validation (plugins/input-guard.ts): unknown fields are errors, bodies are never coerced.
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(services, { config, db })
  await app.register(metrics)
  await app.register(errorHandler)
  await app.register(inputGuard)
  await app.register(security)
  await app.register(openapi)
  await app.register(access)
  await app.register(outbox)
  await app.register(webhooks)
  await app.register(notifications)
  await app.register(healthRoutes)
  await app.register(opsRoutes)
  if (config.role === 'worker') return app

  await app.register(idempotency)
  await app.register(realtime)
  await app.register(authRoutes, { prefix: '/v1/auth' })
  await app.register(meRoutes)
  await app.register(eventRoutes, { prefix: '/v1/events' })
  await app.register(sponsorTierRoutes)
  await app.register(sponsorRoutes)
  await app.register(sponsorProfileRoutes)
  await app.register(invitationRoutes)
  await app.register(representativeRoutes)
  await app.register(attendeeRoutes)
  await app.register(captureRoutes)
  await app.register(leadRoutes)
  await app.register(leadExportRoutes)
  await app.register(qualifierRoutes)
  await app.register(syncRoutes)
  await app.register(packageRoutes)
  await app.register(proposalRoutes)
  await app.register(orderRoutes)
  await app.register(paymentRoutes)
  await app.register(eventSponsorshipRoutes)
  await app.register(matchRoutes)
  await app.register(audienceRoutes)
  await app.register(searchRoutes)
  await app.register(ingestionRoutes)
  await app.register(deliverableRoutes)
  await app.register(reportRoutes)
  await app.register(conversionRoutes)
  await app.register(fulfillmentNotifications)
  await app.register(graphql)
  await app.register(webhookEndpointRoutes)
  await app.register(notificationRoutes)
  await app.register(commandCenterLive)
  await app.register(workspaceRoutes)
  await app.register(widgetRoutes)
  return app
}

/** A hop count trusts that many hops in front of this server (proxy-addr counts hops from 0). */
function fastifyTrustProxy(setting: boolean | number | string) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting
}

export type App = Awaited<ReturnType<typeof buildApp>>
