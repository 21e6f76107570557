// Signed webhook delivery in event order, retried with backoff like Stripe's, to every endpoint.
import type Stripe from 'stripe'
import type { StripeObject } from './local-stripe-state'

interface Endpoint {
  url: string
  secret: string
}

export interface Delivery {
  eventId: string
  type: string
  url: string
  status: number | 'network-error'
}

const RETRY_DELAYS_MS = [100, 400, 1600, 6400]

export class WebhookDelivery {
  private readonly endpoints: Endpoint[] = []
  private queue: Promise<void> = Promise.resolve()
  private closed = false
  readonly deliveries: Delivery[] = []
  private readonly sent = new Map<string, StripeObject>()
  /** Event types a test has Stripe lose (never delivered until redeliver): the recovery paths must do without them. */
  readonly lost = new Set<string>()

  constructor(private readonly signer: Stripe['webhooks']) {}

  addEndpoint(url: string, secret: string) {
    this.endpoints.push({ url, secret })
  }

  enqueue(events: StripeObject[]) {
    for (const event of events) {
      this.sent.set(event.id, event)
      if (this.lost.has(String(event.type))) continue
      this.queue = this.queue.then(() => this.deliver(event))
    }
  }

  /** Sends an event again, as Stripe does when it never saw a 2xx (or a test wants a duplicate). */
  redeliver(eventId: string) {
    const event = this.sent.get(eventId)
    if (!event) throw new Error(`No event ${eventId} to redeliver`)
    this.queue = this.queue.then(() => this.deliver(event))
    return this.queue
  }

  /** Resolves when every event enqueued so far has been delivered or given up on. */
  idle(): Promise<void> {
    return this.queue
  }

  async close() {
    this.closed = true
    await this.queue
  }

  private async deliver(event: StripeObject) {
    const payload = JSON.stringify(event)
    for (const endpoint of this.endpoints) {
      for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !this.closed; attempt += 1) {
        const status = await this.post(endpoint, payload)
        this.deliveries.push({
          eventId: event.id,
          type: String((event as { type?: unknown }).type),
          url: endpoint.url,
          status,
        })
        if (typeof status === 'number' && status < 300) break
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt] ?? 0))
      }
    }
  }

  private async post(endpoint: Endpoint, payload: string): Promise<number | 'network-error'> {
    const signature = this.signer.generateTestHeaderString({ payload, secret: endpoint.secret })
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': signature,
          'user-agent': 'Stripe/1.0 (local)',
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      })
      await response.arrayBuffer()
      return response.status
    } catch {
      return 'network-error'
    }
  }
}
