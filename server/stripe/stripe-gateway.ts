// The Stripe client the server uses. With STRIPE_SECRET_KEY: Stripe itself (or STRIPE_API_URL).
// Without it: TEST MODE, a local Stripe-compatible server started beside the API; no real money moves.
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'
import type { ServerConfig } from '../config'
import { localSecret } from '../local-secret'
import { LocalStripeServer } from './local/local-stripe-server'

export interface StripeGateway {
  client: Stripe
  mode: 'live' | 'test' | 'local-test'
  webhookSecret: string | undefined
  /** The embedded local Stripe server in test mode; null with a real key. */
  local: LocalStripeServer | null
  close(): Promise<void>
}

/** SDK options that point it at another host (a local Stripe-compatible server) when a URL is given. */
export function stripeClient(secretKey: string, apiUrl?: string): Stripe {
  const target = apiUrl ? new URL(apiUrl) : undefined
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(target
      ? {
          host: target.hostname,
          port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
          protocol: target.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  })
}

export async function openStripeGateway(config: ServerConfig): Promise<StripeGateway> {
  if (config.stripeSecretKey) {
    return {
      client: stripeClient(config.stripeSecretKey, config.stripeApiUrl),
      mode: config.stripeSecretKey.includes('_live_') ? 'live' : 'test',
      webhookSecret: config.stripeWebhookSecret,
      local: null,
      close: async () => {},
    }
  }
  const apiKey = `sk_test_local_${randomBytes(12).toString('hex')}`
  const local = new LocalStripeServer({ apiKey, stateFile: join(config.dataDir, 'local-stripe.json') })
  const url = await local.listen()
  return {
    client: stripeClient(apiKey, url),
    mode: 'local-test',
    webhookSecret: `whsec_${localSecret(config.dataDir, 'local-stripe-webhook-secret', 24)}`,
    local,
    close: () => local.close(),
  }
}
