// OpenAPI document generated from the route schemas, at /openapi.json, with interactive docs at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Yardpass sync server',
          version: '0.1.0',
          description:
            'Every route needs `Authorization: Bearer <access token>` and, when it acts for an organization, `X-Org-Id`. ' +
            'Every POST takes an optional `Idempotency-Key`. Errors are `{ "error": { "code", "message", "details"? } }`.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        security: [{ bearerAuth: [] }],
      },
    })
    // The docs are public reading; everything they call still needs a token.
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' }
    })
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
    app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
