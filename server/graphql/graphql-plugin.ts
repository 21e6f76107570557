// The GraphQL API (issue 18) beside REST, on the same services: POST and GET /graphql (mercurius), live lead
// feeds over graphql-ws on the same path, GraphiQL at /graphiql when GRAPHIQL is set. The route takes a token
// when sent (Bearer, as REST) and each field runs its REST route's access check; X-Org-Id says which
// organization the caller acts for. Idempotency-Key on POST is the idempotency plugin's, as for any POST.
import { EventEmitter } from 'node:events'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import fp from 'fastify-plugin'
import mercurius from 'mercurius'
import websocket from '@fastify/websocket'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { buildSchema } from 'graphql'
import { typeDefs } from './schema/index'
import { buildContext, type GraphContext } from './context'
import { formatErrors } from './errors'
import { checkCost } from './limits'
import { DateTime, JSONScalar } from './scalars'
import { sponsorResolvers } from './resolvers/sponsors'
import { peopleResolvers } from './resolvers/people'
import { leadResolvers } from './resolvers/leads'
import { subscriptionResolvers } from './resolvers/subscriptions'
import { LeadSubscriptions } from './lead-subscriptions'
import { authenticate } from '../auth/access-checks'

declare module 'fastify' {
  interface FastifyInstance {
    leadSubscriptions: LeadSubscriptions
  }
}

export const graphqlPath = '/graphql'

/** The executable schema's source (for the committed schema.graphql and its test). */
export const graphqlSchema = () => buildSchema(typeDefs)

// GraphiQL loads its scripts from unpkg; its own page may (the API's pages may not).
const graphiqlPolicy =
  "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data:; connect-src 'self'"

/** The token of a graphql-ws connection_init payload: { authorization: 'Bearer …' } (or { token }). */
function authorizationOf(payload: unknown): string | undefined {
  const fields = (payload ?? {}) as {
    authorization?: unknown
    Authorization?: unknown
    token?: unknown
    headers?: { authorization?: unknown }
  }
  const header = fields.authorization ?? fields.Authorization ?? fields.headers?.authorization
  if (typeof header === 'string') return header
  return typeof fields.token === 'string' ? `Bearer ${fields.token}` : undefined
}

/** Only /graphql upgrades reach @fastify/websocket; socket.io keeps its own; any other upgrade is refused. */
function routeUpgrades(app: FastifyInstance) {
  const graphqlUpgrades = new EventEmitter()
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0]
    if (path === graphqlPath) graphqlUpgrades.emit('upgrade', request, socket, head)
    else if (!path?.startsWith('/socket.io/')) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
  })
  return graphqlUpgrades
}

export default fp(
  async (app) => {
    const subscriptions = new LeadSubscriptions(app, app.feedBus)
    app.decorate('leadSubscriptions', subscriptions)
    app.addHook('preClose', async () => subscriptions.close())

    await app.register(websocket, { options: { server: routeUpgrades(app) as never, maxPayload: 1024 * 1024 } })

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/graphiql')) {
        route.config = { ...route.config, access: 'public' }
        route.schema = { ...route.schema, hide: true }
      }
      if (route.url === graphqlPath) {
        route.schema = {
          ...route.schema,
          tags: ['graphql'],
          summary: `GraphQL ${route.method === 'GET' ? 'queries' : 'queries and mutations'} over the REST services (schema: server/graphql/schema.graphql); subscriptions over graphql-ws on GET`,
        }
      }
    })
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/graphiql')) reply.header('content-security-policy', graphiqlPolicy)
      return payload
    })

    const errorFormatter = (
      execution: Parameters<typeof formatErrors>[0],
      ctx: Partial<GraphContext> & { reply?: FastifyReply },
    ) => {
      const formatted = formatErrors(execution, ctx.reply?.log ?? app.log)
      // Invalid input and server failures bind nothing to an Idempotency-Key, as on REST.
      if (ctx.reply && (formatted.worstStatus === 400 || formatted.worstStatus === 422 || formatted.worstStatus >= 500))
        ctx.reply.request.keepsIdempotentAnswer = false
      if (app.config.graphqlSqlCounts && ctx.statements)
        formatted.response.extensions = { ...formatted.response.extensions, sqlStatements: ctx.statements.count }
      return { statusCode: formatted.statusCode, response: formatted.response }
    }

    await app.register(mercurius, {
      schema: typeDefs,
      resolvers: {
        DateTime: {
          serialize: DateTime.serialize,
          parseValue: DateTime.parseValue,
          parseLiteral: DateTime.parseLiteral,
        },
        JSON: {
          serialize: JSONScalar.serialize,
          parseValue: JSONScalar.parseValue,
          parseLiteral: JSONScalar.parseLiteral,
        },
        ...mergeResolvers(sponsorResolvers, peopleResolvers(app), leadResolvers, subscriptionResolvers),
      } as never,
      path: graphqlPath,
      graphiql: app.config.graphiql,
      queryDepth: app.config.graphqlMaxDepth,
      allowBatchedQueries: false,
      additionalRouteOptions: { config: { access: 'optional-user' } },
      context: (request) => buildContext(app, request, request.auth, request.headers['x-org-id']),
      errorFormatter: errorFormatter as never,
      subscription: {
        context: (_socket, request) => buildContext(app, request, null, request.headers['x-org-id']),
        // A socket cannot send headers from a browser: the token comes in connection_init, as graphql-ws clients send it.
        onConnect: async ({ payload }) => {
          const auth = await authenticate(app, authorizationOf(payload)).catch(() => null)
          if (!auth) return false
          const orgHeader = (payload as { 'x-org-id'?: unknown } | undefined)?.['x-org-id']
          return { auth, ...(orgHeader ? { orgHeader } : {}) }
        },
        keepAlive: 15_000,
      },
    })

    app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
      checkCost(schema, document, variables as Record<string, unknown> | undefined, app.config.graphqlMaxCost)
      void context
    })
    // Subscriptions are held to the depth limit; their cost is one lead a moment (the hook would not see their variables).
    app.graphql.addHook('onResolution', async (execution, context) => {
      const ctx = context as unknown as GraphContext
      if (app.config.graphqlSqlCounts)
        execution.extensions = { ...execution.extensions, sqlStatements: ctx.statements.count }
    })
  },
  { name: 'graphql', dependencies: ['services', 'access', 'realtime'] },
)

type ResolverMap = Record<string, Record<string, unknown>>

/** Joins the areas' resolvers type by type. */
function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {}
  for (const map of maps)
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields }
  return merged
}
