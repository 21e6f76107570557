// Decorates the app with its services: configuration, database, token signing and mail.
import fp from 'fastify-plugin'
import type { RouteOptions } from 'fastify'
import type { ServerConfig } from '../config'
import type { Database } from '../db/database'
import { TokenService } from '../auth/tokens'
import { createMailer, type Mailer } from '../mail/mailer'
import { openStripeGateway, type StripeGateway } from '../stripe/stripe-gateway'
import type { PgBoss } from 'pg-boss'
import { join } from 'node:path'
import { LocalProofStorage, type ProofStorage } from '../fulfillment/proof-storage'

declare module 'fastify' {
  interface FastifyInstance {
    config: ServerConfig
    db: Database
    tokens: TokenService
    mailer: Mailer
    stripe: StripeGateway
    /** Deliverable proof files, content-addressed (DATA_DIR/proofs). */
    proofStorage: ProofStorage
    /** The job queue once jobs have started (server.ts attaches it); work queued in the database waits for the sweep without it. */
    jobQueue: { boss: PgBoss | null }
    /** Every route registered, for audits such as the tenant-isolation test. */
    routeTable: RouteOptions[]
  }
}

export default fp<{ config: ServerConfig; db: Database }>(
  async (app, { config, db }) => {
    app.decorate('config', config)
    app.decorate('db', db)
    app.decorate('tokens', new TokenService(config.jwtSecret, config.accessTokenTtlSeconds))
    const mailer = createMailer(config)
    app.decorate('mailer', mailer)
    app.addHook('onClose', async () => mailer.close())
    const stripe = await openStripeGateway(config)
    app.decorate('stripe', stripe)
    app.addHook('onClose', async () => stripe.close())
    if (stripe.mode === 'local-test')
      app.log.warn(
        `Stripe TEST MODE: payments go to a local Stripe-compatible server at ${stripe.local?.url}; no real money moves. Set STRIPE_SECRET_KEY for real payments.`,
      )
    app.decorate('proofStorage', new LocalProofStorage(join(config.dataDir, 'proofs')))
    app.decorate('jobQueue', { boss: null })
    const routeTable: RouteOptions[] = []
    app.decorate('routeTable', routeTable)
    app.addHook('onRoute', (route) => {
      routeTable.push(route)
    })
  },
  { name: 'services' },
)
