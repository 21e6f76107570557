// Keeps every registered outbox reader reading: a batch at once when the last one was full, `kickDelayMs`
// after a commit was announced (kick: Postgres NOTIFY on domain_events, see outbox-plugin.ts; the short wait
// gathers a burst of commits into one batch), otherwise every `intervalMs`. Several instances may pump at once;
// each batch goes to one of them.
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import { readNextBatch, type OutboxReaderSpec } from './outbox-reader'

export interface OutboxPumpOptions {
  db: Database
  log: Pick<FastifyBaseLogger, 'error'>
  intervalMs?: number
  kickDelayMs?: number
}

export class OutboxPump {
  private readonly readers: OutboxReaderSpec<never>[] = []
  private timers = new Map<string, { timer: NodeJS.Timeout; dueAt: number }>()
  private running = new Map<string, Promise<void>>()
  /** Readers kicked while a batch of theirs was running: they read again as soon as it ends. */
  private kicked = new Set<string>()
  private isStarted = false

  constructor(private readonly options: OutboxPumpOptions) {}

  add<T>(reader: OutboxReaderSpec<T>) {
    if (this.readers.some((r) => r.name === reader.name))
      throw new Error(`Outbox reader ${reader.name} is registered twice`)
    this.readers.push(reader as unknown as OutboxReaderSpec<never>)
    if (this.isStarted) this.schedule(reader as unknown as OutboxReaderSpec<never>, 0)
  }

  start() {
    this.isStarted = true
    for (const reader of this.readers) this.schedule(reader, 0)
  }

  /** Reads soon rather than at the next tick (a commit was announced, or a test wants its event out). */
  kick() {
    const delay = this.options.kickDelayMs ?? 5
    for (const reader of this.readers) {
      if (this.running.has(reader.name)) this.kicked.add(reader.name)
      else if ((this.timers.get(reader.name)?.dueAt ?? Infinity) > Date.now() + delay) this.schedule(reader, delay)
    }
  }

  async stop() {
    this.isStarted = false
    for (const { timer } of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await Promise.allSettled([...this.running.values()])
  }

  private schedule(reader: OutboxReaderSpec<never>, delayMs: number) {
    if (!this.isStarted) return
    clearTimeout(this.timers.get(reader.name)?.timer)
    const timer = setTimeout(() => this.run(reader), delayMs).unref()
    this.timers.set(reader.name, { timer, dueAt: Date.now() + delayMs })
  }

  private run(reader: OutboxReaderSpec<never>) {
    this.timers.delete(reader.name)
    const interval = this.options.intervalMs ?? 200
    this.kicked.delete(reader.name)
    const work = (async () => {
      let delay = interval
      try {
        const outcome = await readNextBatch(this.options.db, reader)
        delay = outcome.kind === 'read' && outcome.isFull ? 0 : interval
      } catch (error) {
        if (this.isStarted)
          this.options.log.error({ err: error, reader: reader.name }, 'outbox reader failed; retrying')
        delay = interval * 5
      }
      this.running.delete(reader.name)
      // Kicked meanwhile: what committed since is read soon.
      if (this.kicked.has(reader.name)) delay = Math.min(delay, this.options.kickDelayMs ?? 5)
      this.schedule(reader, delay)
    })()
    this.running.set(reader.name, work)
  }
}
