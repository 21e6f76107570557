// A socket's authorization lasts as long as its access token. Shortly before the token expires the
// socket is told (auth.expiring); a client that sends auth.renew with a fresh token of the same user
// keeps its connection and rooms; one that does not is disconnected when the token expires.
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io'
import { decodeJwt } from 'jose'
import { realtimeEvents, realtimeRequests } from '../../shared/domain'
import type { JoinAck } from './realtime'

/** How long before expiry the socket is asked to renew (at most half the token's life). */
const warnBeforeMs = 60_000

function lifetimeOf(token: string) {
  const { exp = 0, iat = 0 } = decodeJwt(token)
  return { expiresAt: exp * 1000, warnBefore: Math.min(warnBeforeMs, ((exp - iat) * 1000) / 2) }
}

export function handleTokenLifetime(app: FastifyInstance, socket: Socket) {
  let warn: NodeJS.Timeout | undefined
  let expire: NodeJS.Timeout | undefined
  const watch = (token: string) => {
    clearTimeout(warn)
    clearTimeout(expire)
    const { expiresAt, warnBefore } = lifetimeOf(token)
    warn = setTimeout(
      () => socket.emit(realtimeEvents.authExpiring, { expires_at: new Date(expiresAt).toISOString() }),
      Math.max(0, expiresAt - warnBefore - Date.now()),
    )
    expire = setTimeout(
      () => {
        socket.emit(realtimeEvents.accessRevoked, {
          room: null,
          reason: 'Your access token expired; reconnect with a fresh one.',
        })
        socket.disconnect(true)
      },
      Math.max(0, expiresAt - Date.now()),
    )
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
      return reply({
        ok: false,
        error: { code: 'unauthorized', message: 'Send { token } with a valid access token of the same user.' },
      })
    }
    socket.data.token = token
    watch(token as string)
    reply({ ok: true })
  })
}
