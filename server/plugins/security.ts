// Security headers, CORS for the web host and other loopback origins, and rate limiting.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import { AppError } from '../errors'

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
    await app.register(rateLimit, {
      max: app.config.rateLimitPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'rate-limited', `Too many requests: at most ${context.max} a minute. Retry in ${Math.ceil(context.ttl / 1000)} s.`),
    })
  },
  { name: 'security', dependencies: ['services'] },
)
