// Decorates the app with its services: configuration, database, token signing and mail.
import fp from 'fastify-plugin'
import type { RouteOptions } from 'fastify'
import type { ServerConfig } from '../config'
import type { Database } from '../db/database'
import { TokenService } from '../auth/tokens'
import { createMailer, type Mailer } from '../mail/mailer'

declare module 'fastify' {
  interface FastifyInstance {
    config: ServerConfig
    db: Database
    tokens: TokenService
    mailer: Mailer
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
    const routeTable: RouteOptions[] = []
    app.decorate('routeTable', routeTable)
    app.addHook('onRoute', (route) => {
      routeTable.push(route)
    })
  },
  { name: 'services' },
)
