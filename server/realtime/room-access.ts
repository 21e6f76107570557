// Who may stay in which room, decided by the same rules that let them in, and re-decided whenever access
// changes: a representative removed or re-roled, a sponsor archived, a membership ended. Sockets are
// fetched through the adapter, so the check reaches every instance on Postgres.
import type { FastifyInstance } from 'fastify'
import { realtimeEvents } from '../../shared/domain'
import { findMembership } from '../repositories/users-repository'
import { deviceAccess } from '../sync/device-scopes'

export const orgRoom = (orgId: string) => `org:${orgId}`
export const sponsorRoom = (sponsorId: string) => `sponsor:${sponsorId}`

/** A sponsor's lead room is for those whose devices may hold its leads (sync's rule, one rule). */
export async function mayReadSponsorRoom(app: FastifyInstance, userId: string, sponsorId: string) {
  return (await deviceAccess(app.db, userId)).sponsors.includes(sponsorId)
}

export async function mayReadOrgRoom(app: FastifyInstance, userId: string, orgId: string) {
  return (await findMembership(app.db, userId, orgId).catch(() => null)) !== null
}

/** Removes from the room every socket whose user may no longer read it, on every instance. */
async function revalidateRoom(app: FastifyInstance, room: string, mayStay: (userId: string) => Promise<boolean>) {
  const sockets = await app.realtime.io.in(room).fetchSockets()
  const verdicts = new Map<string, Promise<boolean>>()
  for (const socket of sockets) {
    const userId = socket.data.userId as string
    if (!verdicts.has(userId)) verdicts.set(userId, mayStay(userId))
    if (await verdicts.get(userId)!) continue
    socket.leave(room)
    socket.emit(realtimeEvents.accessRevoked, { room, reason: 'Your access to this feed has ended.' })
  }
}

/** Call after a change of who may read a sponsor's leads has committed. */
export function sponsorAccessChanged(app: FastifyInstance, sponsorId: string) {
  // GraphQL subscriptions to the sponsor's leads, on every instance, re-check with the same rule.
  app.feedBus.publish({ kind: 'access.changed', sponsorId })
  return revalidateRoom(app, sponsorRoom(sponsorId), (userId) => mayReadSponsorRoom(app, userId, sponsorId)).catch(
    (error: unknown) => {
      app.log.error({ err: error, sponsorId }, 'could not re-check the lead room after an access change')
    },
  )
}

/** Call after a membership of the organization has ended. */
export function orgAccessChanged(app: FastifyInstance, orgId: string) {
  return revalidateRoom(app, orgRoom(orgId), (userId) => mayReadOrgRoom(app, userId, orgId)).catch((error: unknown) => {
    app.log.error({ err: error, orgId }, 'could not re-check the organization room after an access change')
  })
}
