// A sponsor's representatives (seed 004): list, change role and permissions, remove.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { rolePermissions } from '../../../shared/sponsors/permissions'
import { deleteSponsorUser, findSponsorUser, listSponsorUsers, updateSponsorUser, type SponsorUser } from '../../repositories/sponsor-people-repository'
import { requirePeopleManager } from '../../sponsors/people-access'
import { orgAccessChanged, sponsorAccessChanged } from '../../realtime/room-access'
import { notFound } from '../../errors'
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
  async function managedUser(request: FastifyRequest, orgId: string, sponsorUserId: string) {
    const user = await findSponsorUser(app.db, sponsorUserId)
    if (!user) throw notFound('Representative')
    return { user, ...(await requirePeopleManager(app, request, orgId, user.sponsorId)) }
  }

  app.get('/v1/organizations/:org_id/sponsors/:sponsor_id/users', {
    config: { access: {} },
    schema: { tags: ['representatives'], summary: "A sponsor's representatives", headers: orgHeader, params: OrgSponsorParams, response: { 200: SponsorUserList, ...errorResponses } },
  }, async (request) => {
    const { org_id: orgId, sponsor_id: sponsorId } = request.params
    const { tenant } = await requirePeopleManager(app, request, orgId, sponsorId)
    const users = await app.db.tenantTransaction(tenant, (tx) => listSponsorUsers(tx, sponsorId))
    return { data: users.map(sponsorUserWire) }
  })

  app.patch('/v1/organizations/:org_id/sponsor-users/:sponsor_user_id', {
    config: { access: {} },
    schema: {
      tags: ['representatives'], summary: "Change a representative's role or permissions (a new role without permissions takes the role's)",
      headers: orgHeader, params: OrgSponsorUserParams, body: PatchSponsorUserBody, response: { 200: SponsorUserRecord, ...errorResponses },
    },
  }, async (request) => {
    const { org_id: orgId, sponsor_user_id: sponsorUserId } = request.params
    const { user, tenant } = await managedUser(request, orgId, sponsorUserId)
    const role = request.body.role ?? user.role
    const permissions = request.body.permissions ?? (request.body.role ? rolePermissions[role] : user.permissions)
    const updated = await app.db.tenantTransaction(tenant, async (tx) => {
      await updateSponsorUser(tx, sponsorUserId, { role, permissions })
      return findSponsorUser(tx, sponsorUserId)
    })
    await sponsorAccessChanged(app, user.sponsorId)
    return sponsorUserWire(updated!)
  })

  app.delete('/v1/organizations/:org_id/sponsor-users/:sponsor_user_id', {
    config: { access: {} },
    schema: {
      tags: ['representatives'], summary: 'Remove a representative (their access ends at once; leads they captured stay)',
      headers: orgHeader, params: OrgSponsorUserParams, response: { 200: SponsorUserRecord, ...errorResponses },
    },
  }, async (request) => {
    const { org_id: orgId, sponsor_user_id: sponsorUserId } = request.params
    const { user, sponsor } = await managedUser(request, orgId, sponsorUserId)
    // Memberships are not tenant-writable; the checks above decided, this runs as the service.
    await app.db.transaction((tx) => deleteSponsorUser(tx, user, sponsor.orgId))
    await sponsorAccessChanged(app, user.sponsorId)
    await orgAccessChanged(app, sponsor.orgId)
    return sponsorUserWire(user)
  })
}

export default routes
