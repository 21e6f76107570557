// One-click unsubscribe tokens: who (user, organization), for which event and which preference, signed with
// a key derived from the server's signing secret. They never expire: an old email's link still works.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { isUuid } from '../../shared/ids'
import { isEmailScope, type EmailScope } from './notification-rules'

export interface UnsubscribeTarget {
  userId: string
  orgId: string
  eventId: string
  scope: EmailScope
}

const keyOf = (secret: string) => createHmac('sha256', secret).update('yardpass notification unsubscribe v1').digest()
const mac = (secret: string, payload: string) => createHmac('sha256', keyOf(secret)).update(payload).digest('base64url')

export function signUnsubscribe(secret: string, target: UnsubscribeTarget): string {
  const payload = Buffer.from(JSON.stringify([target.userId, target.orgId, target.eventId, target.scope])).toString(
    'base64url',
  )
  return `${payload}.${mac(secret, payload)}`
}

/** The target of a token this server signed; null for anything else (tampered, truncated, made up). */
export function verifyUnsubscribe(secret: string, token: unknown): UnsubscribeTarget | null {
  if (typeof token !== 'string' || token.length > 1000) return null
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const expected = Buffer.from(mac(secret, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 4) return null
    const [userId, orgId, eventId, scope] = parsed as unknown[]
    if (!isUuid(userId) || !isUuid(orgId) || !isUuid(eventId) || !isEmailScope(scope)) return null
    return { userId, orgId, eventId, scope }
  } catch {
    return null
  }
}
