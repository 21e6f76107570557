// Private lead rooms (seed 004): `sponsor.leads.join { sponsor_id }` joins `sponsor:{id}` only with
// sponsor:leads:read; the ack is { ok: true } or { ok: false, error }.
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io'
import { leadRealtime } from '../../shared/leads/lead-record'
import type { JoinAck } from './realtime'
import { isUuid } from '../../shared/ids'
import { mayReadSponsorRoom, sponsorRoom } from './room-access'

export { sponsorRoom }

export function handleSponsorRooms(app: FastifyInstance, socket: Socket) {
  const sponsorIdOf = (args: unknown) => {
    const id = (args as { sponsor_id?: unknown } | null)?.sponsor_id
    return isUuid(id) ? id : null
  }
  const ackOf = (ack: unknown): JoinAck => (typeof ack === 'function' ? (ack as JoinAck) : () => {})

  socket.on(leadRealtime.join, async (args: unknown, ack: unknown) => {
    const reply = ackOf(ack)
    const sponsorId = sponsorIdOf(args)
    if (!sponsorId)
      return reply({ ok: false, error: { code: 'invalid-request', message: 'Send { sponsor_id: <uuid> }.' } })
    if (!(await mayReadSponsorRoom(app, socket.data.userId as string, sponsorId).catch(() => false))) {
      return reply({
        ok: false,
        error: {
          code: 'forbidden',
          message: "Joining a sponsor's lead feed needs the permission sponsor:leads:read for that sponsor.",
        },
      })
    }
    await socket.join(sponsorRoom(sponsorId))
    reply({ ok: true })
  })

  socket.on(leadRealtime.leave, async (args: unknown, ack: unknown) => {
    const sponsorId = sponsorIdOf(args)
    if (sponsorId) await socket.leave(sponsorRoom(sponsorId))
    ackOf(ack)({ ok: true })
  })
}
