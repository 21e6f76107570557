// Delivers due webhook deliveries. Claims them in batches under a lease (several instances share the work,
// none takes another's; see claimDueDeliveries), sends each endpoint's at most WEBHOOK_CONCURRENCY_PER_ENDPOINT
// at a time over kept-alive sockets, starts the next as soon as one is answered, and settles successes in
// batches (one statement for many) and failures one by one — retried on the schedule, or dead-lettered.
import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import type { WebhookConfig } from '../config'
import type { Mailer } from '../mail/mailer'
import {
  claimDueDeliveries,
  releaseUnsent,
  settleSuccesses,
  type AttemptRecord,
} from '../repositories/webhook-deliveries-repository'
import { signWebhook } from './signing'
import { postWebhook } from './http-sender'
import { EndpointLanes, type HeldDelivery } from './endpoint-lanes'
import { envelopeOf, settleFailure, type FailureContext } from './settle-failure'

export { envelopeOf }

export interface DeliveryWorkerOptions {
  db: Database
  config: WebhookConfig
  mailer: Pick<Mailer, 'send'>
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>
  appUrl: string
  /** Deliveries this instance holds (claimed, not yet settled) at most. */
  maxHeld?: number
  /** An instance alone on an endpoint claims up to this many times its concurrency at once. */
  batchFactor?: number
}

export class WebhookDeliveryWorker {
  readonly owner = randomUUID()
  private held = 0
  private claiming = false
  private again = false
  private timer: NodeJS.Timeout | undefined
  private isStarted = false
  private isStopping = false
  private readonly lanes: EndpointLanes
  private readonly work = new Set<Promise<void>>()
  private successes: AttemptRecord[] = []
  private flushing: Promise<void> | null = null
  private readonly failures: FailureContext
  private readonly batch: number
  private readonly leaseMs: number

  constructor(private readonly options: DeliveryWorkerOptions) {
    const { concurrencyPerEndpoint, timeoutMs } = options.config
    this.lanes = new EndpointLanes(concurrencyPerEndpoint)
    const factor = options.batchFactor ?? 8
    this.batch = concurrencyPerEndpoint * factor
    // Long enough for the whole batch to be sent in turn, each taking up to the timeout.
    this.leaseMs = timeoutMs * factor + 30_000
    this.failures = { ...options, owner: this.owner }
  }

  start() {
    this.isStarted = true
    this.schedule(0)
  }

  /** Stops claiming and starting sends; waits for those in flight; gives back what was claimed but not sent. */
  async stop() {
    this.isStarted = false
    this.isStopping = true
    clearTimeout(this.timer)
    const unsent = this.lanes.takeQueued()
    await Promise.allSettled(
      unsent.map((d) => releaseUnsent(this.options.db, { id: d.id, owner: this.owner, attempt: d.attempt })),
    )
    this.held -= unsent.length
    await this.settled()
    this.isStopping = false
  }

  /** Looks for due deliveries now (new ones were fanned out, or a lease was given back). */
  kick() {
    if (!this.isStarted) return
    if (this.claiming) this.again = true
    else this.schedule(0)
  }

  /** Claims once and sends and settles what it got (tests and benches that run without the timer). */
  async drainOnce(): Promise<number> {
    const claimed = await this.claim()
    this.startSends()
    await this.settled()
    return claimed
  }

  private async settled() {
    while (this.work.size || this.flushing) await Promise.allSettled([...this.work, this.flushing])
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
    try {
      await this.claim()
      this.startSends()
    } catch (error) {
      if (this.isStarted) this.options.log.error({ err: error }, 'webhook claim failed; retrying')
    } finally {
      this.claiming = false
    }
    const again = this.again
    this.again = false
    this.schedule(again ? 0 : this.options.config.pollMs)
  }

  private async claim() {
    const room = (this.options.maxHeld ?? 1024) - this.held
    if (room <= 0) return 0
    const claimed = await this.options.db.transaction((tx) =>
      claimDueDeliveries(tx, this.owner, {
        limit: room,
        perEndpoint: this.options.config.concurrencyPerEndpoint,
        batch: this.batch,
        leaseMs: this.leaseMs,
      }),
    )
    this.held += claimed.length
    const leaseEndsAt = Date.now() + this.leaseMs
    this.lanes.add(claimed.map((d) => ({ ...d, leaseEndsAt })))
    return claimed.length
  }

  private startSends() {
    if (this.isStopping) return
    for (const delivery of this.lanes.takeStartable()) {
      const send = this.deliver(delivery).finally(() => this.work.delete(send))
      this.work.add(send)
    }
  }

  private async deliver(delivery: HeldDelivery) {
    let isSettledHere = false
    let isSlotFree = false
    const freeSlot = () => {
      if (isSlotFree) return
      isSlotFree = true
      this.lanes.finished(delivery.endpointId)
      this.startSends()
    }
    try {
      // Too close to the lease's end to finish before another instance may take it: give it back unsent.
      if (Date.now() + this.options.config.timeoutMs + 5_000 > delivery.leaseEndsAt) {
        freeSlot()
        await releaseUnsent(this.options.db, { id: delivery.id, owner: this.owner, attempt: delivery.attempt })
        return
      }
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
        {
          timeoutMs: this.options.config.timeoutMs,
          policy: this.options.config,
        },
      )
      // The endpoint's slot is free once it answered: the next send starts while this one is settled.
      freeSlot()
      if (outcome.ok) {
        isSettledHere = true
        this.successes.push({
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
        })
        this.flushSuccesses()
        return
      }
      await settleFailure(this.failures, delivery, startedAt, outcome)
    } catch (error) {
      this.options.log.error(
        { err: error, deliveryId: delivery.id },
        'webhook delivery could not be settled; its lease will expire and it is retried',
      )
    } finally {
      freeSlot()
      if (!isSettledHere) {
        this.held--
        this.kick()
      }
    }
  }

  /** Settles the successes waiting, in one statement per round; the next round starts when this one ends. */
  private flushSuccesses() {
    if (this.flushing) return
    this.flushing = (async () => {
      while (this.successes.length) {
        const round = this.successes
        this.successes = []
        try {
          await settleSuccesses(this.options.db, this.owner, round)
        } catch (error) {
          this.options.log.error(
            { err: error, deliveries: round.length },
            'webhook successes could not be settled; their leases will expire and they are sent again',
          )
        } finally {
          this.held -= round.length
          this.kick()
        }
      }
    })().finally(() => {
      this.flushing = null
    })
  }
}
