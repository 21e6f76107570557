// Delivers due webhook deliveries: claims them with a lease (several instances share the work, none takes
// another's), POSTs the signed envelope, logs the attempt, and settles it — succeeded, retried on the
// schedule, or dead-lettered after the last retry. An endpoint failing for too long is disabled and its
// organization's admins are emailed.
import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import type { WebhookConfig } from '../config'
import type { Mailer } from '../mail/mailer'
import {
  claimDueDeliveries,
  disableEndpoint,
  insertAttempt,
  insertDeadLetter,
  markEndpointHealth,
  settleDelivery,
  settleSuccess,
  type ClaimedDelivery,
} from '../repositories/webhook-deliveries-repository'
import { orgAdminEmails } from '../repositories/webhook-endpoints-repository'
import { signWebhook } from './signing'
import { postWebhook, type SendOutcome } from './http-sender'

export interface DeliveryWorkerOptions {
  db: Database
  config: WebhookConfig
  mailer: Pick<Mailer, 'send'>
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>
  appUrl: string
  /** Sends in flight from this instance at most. */
  maxInFlight?: number
}

/** The exact envelope seed 001 §7 shows: `{type, data, timestamp, id}`. */
export const envelopeOf = (d: Pick<ClaimedDelivery, 'type' | 'data' | 'occurredAt' | 'eventId'>) =>
  JSON.stringify({ type: d.type, data: d.data, timestamp: d.occurredAt.toISOString(), id: d.eventId })

export class WebhookDeliveryWorker {
  readonly owner = randomUUID()
  private inFlight = 0
  private claiming = false
  private again = false
  private timer: NodeJS.Timeout | undefined
  private isStarted = false
  private readonly sends = new Set<Promise<void>>()

  constructor(private readonly options: DeliveryWorkerOptions) {}

  start() {
    this.isStarted = true
    this.schedule(0)
  }

  async stop() {
    this.isStarted = false
    clearTimeout(this.timer)
    await Promise.allSettled([...this.sends])
  }

  /** Looks for due deliveries now (new ones were just fanned out). */
  kick() {
    if (this.isStarted) this.schedule(0)
  }

  /** Claims and sends until nothing is due (tests and benches that run without the timer). */
  async drainOnce(): Promise<number> {
    const claimed = await this.claim()
    await Promise.all(claimed.map((d) => this.deliver(d)))
    return claimed.length
  }

  private schedule(delayMs: number) {
    if (!this.isStarted) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.tick(), delayMs).unref()
  }

  private async tick() {
    if (this.claiming) {
      this.again = true
      return
    }
    this.claiming = true
    let claimedCount = 0
    try {
      const claimed = await this.claim()
      claimedCount = claimed.length
      for (const delivery of claimed) {
        const send = this.deliver(delivery).finally(() => {
          this.sends.delete(send)
          this.kick()
        })
        this.sends.add(send)
      }
    } catch (error) {
      if (this.isStarted) this.options.log.error({ err: error }, 'webhook claim failed; retrying')
    } finally {
      this.claiming = false
    }
    const again = this.again
    this.again = false
    this.schedule(again || claimedCount > 0 ? 0 : this.options.config.pollMs)
  }

  private async claim() {
    const room = (this.options.maxInFlight ?? 64) - this.inFlight
    if (room <= 0) return []
    const claimed = await this.options.db.transaction((tx) =>
      claimDueDeliveries(tx, this.owner, {
        limit: room,
        perEndpoint: this.options.config.concurrencyPerEndpoint,
        leaseMs: this.options.config.timeoutMs + 30_000,
      }),
    )
    this.inFlight += claimed.length
    return claimed
  }

  private async deliver(delivery: ClaimedDelivery) {
    try {
      const body = envelopeOf(delivery)
      const headers = signWebhook({
        id: delivery.eventId,
        type: delivery.type,
        body,
        secrets: delivery.secrets,
        timestampSeconds: Math.floor(Date.now() / 1000),
      })
      const startedAt = new Date()
      const outcome = await postWebhook(
        delivery.url,
        body,
        { ...headers },
        { timeoutMs: this.options.config.timeoutMs, policy: this.options.config },
      )
      await this.settle(delivery, startedAt, outcome)
    } catch (error) {
      this.options.log.error(
        { err: error, deliveryId: delivery.id },
        'webhook delivery could not be settled; its lease will expire and it is retried',
      )
    } finally {
      this.inFlight--
    }
  }

  private async settle(delivery: ClaimedDelivery, startedAt: Date, outcome: SendOutcome) {
    if (outcome.ok) {
      await settleSuccess(this.options.db, {
        id: delivery.id,
        owner: this.owner,
        attempt: delivery.attempt,
        statusCode: outcome.statusCode,
        attemptLog: {
          deliveryId: delivery.id,
          orgId: delivery.orgId,
          attempt: delivery.attempt,
          startedAt,
          succeeded: true,
          statusCode: outcome.statusCode,
          latencyMs: outcome.latencyMs,
          excerpt: outcome.excerpt,
          error: null,
          workerId: this.owner,
        },
      })
      return
    }
    const schedule = this.options.config.retryScheduleMs
    const retryDelay = outcome.ok ? null : schedule[delivery.roundAttempt - 1]
    const retryAt = retryDelay === undefined || retryDelay === null ? null : new Date(Date.now() + retryDelay)
    const disabled = await this.options.db.transaction(async (tx) => {
      const settled = await settleDelivery(tx, {
        id: delivery.id,
        owner: this.owner,
        attempt: delivery.attempt,
        succeeded: outcome.ok,
        statusCode: outcome.statusCode,
        error: outcome.error,
        retryAt,
      })
      // Our lease was lost and the delivery taken again: its new holder logs and settles it.
      if (!settled) return false
      await insertAttempt(tx, {
        deliveryId: delivery.id,
        orgId: delivery.orgId,
        attempt: delivery.attempt,
        startedAt,
        succeeded: outcome.ok,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        excerpt: outcome.excerpt,
        error: outcome.error,
        workerId: this.owner,
      })
      if (!outcome.ok && !retryAt) {
        await insertDeadLetter(tx, {
          orgId: delivery.orgId,
          endpointId: delivery.endpointId,
          deliveryId: delivery.id,
          type: delivery.type,
          payload: JSON.parse(envelopeOf(delivery)),
          originalTimestamp: delivery.occurredAt,
          failureReason: outcome.error ?? 'failed',
          retryCount: delivery.roundAttempt,
        })
      }
      const failingSince = await markEndpointHealth(tx, delivery.endpointId, outcome.ok)
      if (!outcome.ok && failingSince && Date.now() - failingSince.getTime() >= this.options.config.disableAfterMs) {
        return disableEndpoint(
          tx,
          delivery.endpointId,
          `Failing since ${failingSince.toISOString()}: ${outcome.error ?? 'failed'}`,
        )
      }
      return false
    })
    if (disabled) await this.notifyDisabled(delivery, outcome)
  }

  private async notifyDisabled(delivery: ClaimedDelivery, outcome: SendOutcome) {
    const emails = await orgAdminEmails(this.options.db, delivery.orgId)
    for (const to of emails) {
      await this.options.mailer
        .send({
          to,
          subject: 'A Yardpass webhook endpoint was disabled',
          text:
            `Your webhook endpoint ${delivery.url} has failed every delivery for ${Math.round(this.options.config.disableAfterMs / 3_600_000)} hours ` +
            `(last error: ${outcome.error ?? 'unknown'}), so Yardpass stopped sending to it.\n\n` +
            `Fix the receiver, then enable it again in Settings → Webhooks (${this.options.appUrl}) and replay what it missed.\n`,
        })
        .catch((error: unknown) =>
          this.options.log.warn(
            { err: error },
            'could not email an organization admin about a disabled webhook endpoint',
          ),
        )
    }
  }
}
