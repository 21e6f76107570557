// Sends queued notification emails through the mailer, on every instance: claims due ones with a lease
// (SKIP LOCKED), drops those whose preference was turned off since, adds the one-click unsubscribe link
// (RFC 8058 headers and a footer), and settles each — sent, retried with backoff, or dead after the last try.
// It also closes the hourly lead digests whose hour is over, by the injected clock.
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import type { Mailer } from '../mail/mailer'
import {
  addDigestItems,
  claimEmails,
  closedDigests,
  leadMode,
  queueEmails,
  settleEmail,
  takeDigest,
  type ClaimedEmail,
} from '../repositories/notification-emails-repository'
import { eventTitles } from '../repositories/notification-preferences-repository'
import { digestEmail, hourWindow, isEmailScope, unsubscribeFooter, type ConsentedLead } from './notification-rules'
import { signUnsubscribe } from './unsubscribe-token'

export interface EmailSenderOptions {
  db: Database
  mailer: Pick<Mailer, 'send'>
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>
  /** Signs unsubscribe links. */
  secret: string
  /** Where unsubscribe links point (this API's public address); asked at send time. */
  apiUrl: () => string
  /** The digest clock (tests move it); the real time otherwise. */
  now?: () => Date
  pollMs?: number
  batchSize?: number
  retryDelaysMs?: number[]
}

const defaultRetries = [30_000, 120_000, 600_000, 3_600_000]

export class NotificationEmailSender {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | null = null
  private again = false
  private isStarted = false

  constructor(private readonly options: EmailSenderOptions) {}

  start() {
    this.isStarted = true
    this.schedule(0)
  }

  async stop() {
    this.isStarted = false
    clearTimeout(this.timer)
    await this.running
  }

  /** Works now rather than at the next tick (emails were just queued). */
  kick() {
    if (!this.isStarted) return
    if (this.running) this.again = true
    else this.schedule(0)
  }

  /** Closes due digests and sends what is due until nothing is; returns how many emails were handled. */
  async drain(): Promise<number> {
    await this.flushDigests()
    let handled = 0
    for (;;) {
      const claimed = await claimEmails(this.options.db, this.options.batchSize ?? 50, 120_000)
      if (!claimed.length) return handled
      for (const email of claimed) await this.send(email)
      handled += claimed.length
    }
  }

  /** Queues one email per closed hour window (once: its dedupe key), if the person still wants digests. */
  async flushDigests() {
    const now = (this.options.now ?? (() => new Date()))()
    const groups = await closedDigests(this.options.db, now)
    for (const group of groups) {
      await this.options.db.transaction(async (tx) => {
        const items = await takeDigest(tx, group)
        if (!items.length) return
        if ((await leadMode(tx, group.user_id, group.org_id, group.event_id)) !== 'hourly_digest') return
        const title = (await eventTitles(tx, [group.event_id])).get(group.event_id) ?? 'your event'
        const draft = digestEmail(
          title,
          group.window_start,
          items.map((i) => ({ intentLevel: i.intent_level, fields: i.fields as ConsentedLead })),
        )
        const queued = await queueEmails(tx, [
          {
            dedupeKey: `digest:${group.user_id}:${group.org_id}:${group.event_id}:${group.window_start.toISOString()}`,
            userId: group.user_id,
            orgId: group.org_id,
            eventId: group.event_id,
            scope: 'leads',
            ...draft,
          },
        ])
        // This window's digest went out already (these leads were read late): they join the open window's.
        if (!queued)
          await addDigestItems(
            tx,
            items.map((i) => ({
              userId: group.user_id,
              orgId: group.org_id,
              eventId: group.event_id,
              windowStart: hourWindow(now),
              leadId: i.lead_id,
              intentLevel: i.intent_level,
              fields: i.fields,
            })),
          )
      })
    }
  }

  private schedule(delayMs: number) {
    if (!this.isStarted) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.tick(), delayMs).unref()
  }

  private tick() {
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (this.isStarted) this.options.log.error({ err: error }, 'notification emails failed; retrying')
      })
      .finally(() => {
        this.running = null
        const again = this.again
        this.again = false
        this.schedule(again ? 0 : (this.options.pollMs ?? 5_000))
      })
  }

  private async send(email: ClaimedEmail) {
    if (!email.wanted || !email.to_email || !isEmailScope(email.scope)) {
      await settleEmail(this.options.db, email.id, email.attempts, { status: 'dropped' })
      return
    }
    const token = signUnsubscribe(this.options.secret, {
      userId: email.user_id,
      orgId: email.org_id,
      eventId: email.event_id,
      scope: email.scope,
    })
    const url = `${this.options.apiUrl()}/v1/notifications/unsubscribe?token=${token}`
    try {
      await this.options.mailer.send({
        to: email.to_email,
        subject: email.subject,
        text: email.body + unsubscribeFooter(email.scope, url),
        headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      })
      await settleEmail(this.options.db, email.id, email.attempts, { status: 'sent' })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const delays = this.options.retryDelaysMs ?? defaultRetries
      const delay = delays[email.attempts - 1]
      this.options.log.warn({ err: error, emailId: email.id }, 'a notification email could not be sent')
      await settleEmail(
        this.options.db,
        email.id,
        email.attempts,
        delay === undefined
          ? { status: 'dead', error: message }
          : { status: 'pending', retryAt: new Date(Date.now() + delay), error: message },
      )
    }
  }
}
