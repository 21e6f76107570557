// Email notification preferences of the signed-in person for the organization in X-Org-Id, per event, and
// one-click unsubscribe (RFC 8058): the email's List-Unsubscribe link answers a POST without a sign-in;
// opened in a browser (GET) it shows a confirmation with a button that POSTs.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { tenantOf } from '../../plugins/access'
import { errorResponses, orgHeader } from '../schemas'
import { organizerMoments } from '../../notifications/notification-rules'
import * as service from '../../notifications/preferences-service'
import { confirmationPage, donePage } from './unsubscribe-pages'
import {
  Preference,
  PreferenceBody,
  PreferenceList,
  PreferenceParams,
  PreferenceQuery,
  UnsubscribeQuery,
} from './schemas'

const tags = ['notifications']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Your email notification choices for each event of the organization in X-Org-Id (or one: ?event_id=)',
        headers: orgHeader,
        querystring: PreferenceQuery,
        response: { 200: PreferenceList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const data = await service.listMyPreferences(app.db, tenant, request.query.event_id)
      return {
        org_kind: tenant.orgKind,
        available_moments: tenant.orgKind === 'organizer' ? [...organizerMoments] : [],
        data,
      }
    },
  )

  app.put(
    '/v1/me/notification-preferences/:event_id',
    {
      schema: {
        tags,
        summary: 'Choose your email notifications for one event (sponsors: lead_emails; organizers: moments)',
        headers: orgHeader,
        params: PreferenceParams,
        body: PreferenceBody,
        response: { 200: Preference, ...errorResponses },
      },
    },
    async (request) => service.setMyPreference(app.db, tenantOf(request), request.params.event_id, request.body),
  )

  // RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` as a form; the body is not needed.
  await app.register(async (scope) => {
    const oneClick = scope.withTypeProvider<TypeBoxTypeProvider>()
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'])
      oneClick.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) =>
        done(null, undefined),
      )
    oneClick.get(
      '/v1/notifications/unsubscribe',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The confirmation page an unsubscribe link opens in a browser (HTML); changes nothing',
          security: [],
          querystring: UnsubscribeQuery,
          response: { 200: Type.String({ description: 'text/html' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        service.unsubscribeTarget(app.config.jwtSecret, request.query.token)
        return reply.type('text/html; charset=utf-8').send(confirmationPage(request.query.token))
      },
    )
    oneClick.post(
      '/v1/notifications/unsubscribe',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'One-click unsubscribe (RFC 8058): turns off the emails the signed token names; no sign-in',
          security: [],
          querystring: UnsubscribeQuery,
          response: { 200: Type.String({ description: 'text/html' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.unsubscribe(app.db, app.config.jwtSecret, request.query.token)
        return reply.type('text/html; charset=utf-8').send(donePage())
      },
    )
  })
}

export default routes
