// Security headers, CORS for the web host and other loopback origins, and rate limiting.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import { AppError } from '../errors'
import { SharedRateStore } from './shared-rate-store'

declare module 'fastify' {
  interface FastifyInstance {
    /** Present on Postgres: the rate-limit counts every instance shares. */
    sharedRateStore?: SharedRateStore
  }
}

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/

export default fp(
  async (app) => {
    await app.register(helmet, {
      // The interactive API docs need inline styles and scripts; everything else is JSON.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    })
    await app.register(cors, {
      origin: (origin, done) => {
        const allowed = !origin || LOOPBACK_ORIGIN.test(origin) || app.config.corsOrigins.includes(origin)
        done(null, allowed)
      },
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Org-Id', 'Idempotency-Key'],
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    })
    // On Postgres every instance counts against the same limits; embedded (one process) counts in memory.
    const shared =
      app.db.kind === 'postgres'
        ? new SharedRateStore(app.db.pool, (error) =>
            app.log.warn({ err: error }, 'rate-limit counts could not be shared this time'),
          )
        : null
    if (shared) {
      app.decorate('sharedRateStore', shared)
      app.addHook('onClose', async () => {
        shared.close()
        await shared.flush()
      })
    }
    await app.register(rateLimit, {
      // The plugin constructs its store; this constructor hands it the one instance made above.
      ...(shared
        ? {
            store: function sharedStore() {
              return shared
            } as unknown as FastifyRateLimitStoreCtor,
          }
        : {}),
      max: app.config.rateLimitPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new AppError(
          429,
          'rate-limited',
          `Too many requests: at most ${context.max} a minute. Retry in ${Math.ceil(context.ttl / 1000)} s.`,
        ),
    })
  },
  { name: 'security', dependencies: ['services'] },
)
