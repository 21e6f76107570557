// A sponsor's representatives (seed 004), for the REST routes and GraphQL alike: list, change role and
// permissions, remove. Every change of who may read the sponsor's leads re-checks the live feeds.
import type { FastifyInstance } from 'fastify'
import { rolePermissions, type SponsorPermission, type SponsorRole } from '../../shared/sponsors/permissions'
import {
  deleteSponsorUser,
  findSponsorUser,
  listSponsorUsers,
  updateSponsorUser,
  type SponsorUser,
} from '../repositories/sponsor-people-repository'
import { requirePeopleManager } from './people-access'
import type { CallerTenant } from './sponsor-access'
import { orgAccessChanged, sponsorAccessChanged } from '../realtime/room-access'
import { notFound } from '../errors'

async function managedUser(app: FastifyInstance, tenant: CallerTenant, sponsorUserId: string) {
  const user = await findSponsorUser(app.db, sponsorUserId)
  if (!user) throw notFound('Representative')
  return { user, ...(await requirePeopleManager(app.db, tenant, user.sponsorId)) }
}

export async function listRepresentatives(
  app: FastifyInstance,
  caller: CallerTenant,
  sponsorId: string,
): Promise<SponsorUser[]> {
  const { tenant } = await requirePeopleManager(app.db, caller, sponsorId)
  return app.db.tenantTransaction(tenant, (tx) => listSponsorUsers(tx, sponsorId))
}

/** A new role without permissions takes the role's permissions. */
export async function changeRepresentative(
  app: FastifyInstance,
  caller: CallerTenant,
  sponsorUserId: string,
  change: { role?: SponsorRole | undefined; permissions?: readonly SponsorPermission[] | undefined },
): Promise<SponsorUser> {
  const { user, tenant } = await managedUser(app, caller, sponsorUserId)
  const role = change.role ?? user.role
  const permissions = change.permissions ?? (change.role ? rolePermissions[role] : user.permissions)
  const updated = await app.db.tenantTransaction(tenant, async (tx) => {
    await updateSponsorUser(tx, sponsorUserId, { role, permissions })
    return findSponsorUser(tx, sponsorUserId)
  })
  await sponsorAccessChanged(app, user.sponsorId)
  return updated!
}

/** Removes the representative: their access ends at once; leads they captured stay. */
export async function removeRepresentative(
  app: FastifyInstance,
  caller: CallerTenant,
  sponsorUserId: string,
): Promise<SponsorUser> {
  const { user, sponsor } = await managedUser(app, caller, sponsorUserId)
  // Memberships are not tenant-writable; the checks above decided, this runs as the service.
  await app.db.transaction((tx) => deleteSponsorUser(tx, user, sponsor.orgId))
  await sponsorAccessChanged(app, user.sponsorId)
  await orgAccessChanged(app, sponsor.orgId)
  return user
}
