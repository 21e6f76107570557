// Webhook secrets and signatures. A secret is `whsec_<base64 key>` (Standard Webhooks); the key is the
// decoded base64. X-Yardpass-Signature is `sha256=<hex HMAC-SHA256(key, raw body)>`; webhook-signature is
// `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`; each carries one signature per live secret
// (two during a rotation's 24 hours), space-separated.
import { createHmac, randomBytes } from 'node:crypto'

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`

export const secretKey = (secret: string) => Buffer.from(secret.slice('whsec_'.length), 'base64')

export interface SignedHeaders {
  'content-type': string
  'user-agent': string
  'x-yardpass-event': string
  'x-yardpass-signature': string
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/** The headers for one send of `body`; `secrets` are the current secret first, then a rotated-out one still live. */
export function signWebhook(input: {
  id: string
  type: string
  body: string
  secrets: string[]
  timestampSeconds: number
}): SignedHeaders {
  const [current, ...others] = input.secrets
  if (!current) throw new Error('A webhook needs a secret to be signed')
  const signed = `${input.id}.${input.timestampSeconds}.${input.body}`
  return {
    'content-type': 'application/json',
    'user-agent': 'Yardpass-Webhooks/1',
    'x-yardpass-event': input.type,
    // During a rotation both secrets sign, space-separated, current first (as webhook-signature does).
    'x-yardpass-signature': [current, ...others]
      .map((s) => `sha256=${createHmac('sha256', secretKey(s)).update(input.body).digest('hex')}`)
      .join(' '),
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': [current, ...others]
      .map((s) => `v1,${createHmac('sha256', secretKey(s)).update(signed).digest('base64')}`)
      .join(' '),
  }
}
