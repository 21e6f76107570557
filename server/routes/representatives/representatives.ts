// A sponsor's representatives (seed 004): list, change role and permissions, remove.
// Rules live in sponsors/representative-service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { assertPathOrg, tenantOf } from '../../plugins/access'
import type { SponsorUser } from '../../repositories/sponsor-people-repository'
import { changeRepresentative, listRepresentatives, removeRepresentative } from '../../sponsors/representative-service'
import { errorResponses, orgHeader } from '../schemas'
import { OrgSponsorParams } from '../sponsors/schemas'
import { OrgSponsorUserParams, PatchSponsorUserBody, SponsorUserList, SponsorUserRecord } from './schemas'

const sponsorUserWire = (user: SponsorUser): Static<typeof SponsorUserRecord> => ({
  id: user.id,
  sponsor_id: user.sponsorId,
  user_id: user.userId,
  email: user.email,
  name: user.name,
  role: user.role,
  permissions: user.permissions,
  created_at: user.createdAt.toISOString(),
  updated_at: user.updatedAt.toISOString(),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/organizations/:org_id/sponsors/:sponsor_id/users',
    {
      config: { access: {} },
      schema: {
        tags: ['representatives'],
        summary: "A sponsor's representatives",
        headers: orgHeader,
        params: OrgSponsorParams,
        response: { 200: SponsorUserList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return { data: (await listRepresentatives(app, tenant, request.params.sponsor_id)).map(sponsorUserWire) }
    },
  )

  app.patch(
    '/v1/organizations/:org_id/sponsor-users/:sponsor_user_id',
    {
      config: { access: {} },
      schema: {
        tags: ['representatives'],
        summary: "Change a representative's role or permissions (a new role without permissions takes the role's)",
        headers: orgHeader,
        params: OrgSponsorUserParams,
        body: PatchSponsorUserBody,
        response: { 200: SponsorUserRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return sponsorUserWire(await changeRepresentative(app, tenant, request.params.sponsor_user_id, request.body))
    },
  )

  app.delete(
    '/v1/organizations/:org_id/sponsor-users/:sponsor_user_id',
    {
      config: { access: {} },
      schema: {
        tags: ['representatives'],
        summary: 'Remove a representative (their access ends at once; leads they captured stay)',
        headers: orgHeader,
        params: OrgSponsorUserParams,
        response: { 200: SponsorUserRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      assertPathOrg(tenant.orgId, request.params.org_id)
      return sponsorUserWire(await removeRepresentative(app, tenant, request.params.sponsor_user_id))
    },
  )
}

export default routes
