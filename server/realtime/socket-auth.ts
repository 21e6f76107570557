// A socket's authorization lasts as long as its access token. Shortly before the token expires the
// socket is told (auth.expiring); a client that sends auth.renew with a fresh token of the same user
// keeps its connection and rooms; one that does not is disconnected when the token expires.
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io'
import { decodeJwt } from 'jose'
import { realtimeEvents, realtimeRequests } from '../../shared/domain'
import type { JoinAck } from './realtime'

/** How long before expiry the socket is asked to renew. */
const warnBeforeMs = 60_000

const expiryOf = (token: string) => (decodeJwt(token).exp ?? 0) * 1000

export function handleTokenLifetime(app: FastifyInstance, socket: Socket) {
  let warn: NodeJS.Timeout | undefined
  let expire: NodeJS.Timeout | undefined
  const watch = (token: string) => {
    clearTimeout(warn)
    clearTimeout(expire)
    const expiresAt = expiryOf(token)
    warn = setTimeout(() => socket.emit(realtimeEvents.authExpiring, { expires_at: new Date(expiresAt).toISOString() }), Math.max(0, expiresAt - warnBeforeMs - Date.now()))
    expire = setTimeout(() => {
      socket.emit(realtimeEvents.accessRevoked, { room: null, reason: 'Your access token expired; reconnect with a fresh one.' })
      socket.disconnect(true)
    }, Math.max(0, expiresAt - Date.now()))
  }
  watch(socket.data.token as string)
  socket.on('disconnect', () => {
    clearTimeout(warn)
    clearTimeout(expire)
  })

  socket.on(realtimeRequests.authRenew, async (args: unknown, ack: unknown) => {
    const reply: JoinAck = typeof ack === 'function' ? (ack as JoinAck) : () => {}
    const token = (args as { token?: unknown } | null)?.token
    const claims = typeof token === 'string' ? await app.tokens.verifyAccess(token) : null
    if (!claims || claims.userId !== socket.data.userId || !(await app.signIns.isLive(claims))) {
      return reply({ ok: false, error: { code: 'unauthorized', message: 'Send { token } with a valid access token of the same user.' } })
    }
    socket.data.token = token
    watch(token as string)
    reply({ ok: true })
  })
}
