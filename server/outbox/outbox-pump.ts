// Keeps every registered outbox reader reading: a batch as soon as the last one was full, otherwise
// every `intervalMs`. Several instances may pump at once; each batch goes to one of them.
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import { readNextBatch, type OutboxReaderSpec } from './outbox-reader'

export interface OutboxPumpOptions {
  db: Database
  log: Pick<FastifyBaseLogger, 'error'>
  intervalMs?: number
}

export class OutboxPump {
  private readonly readers: OutboxReaderSpec<never>[] = []
  private timers = new Map<string, NodeJS.Timeout>()
  private running = new Map<string, Promise<void>>()
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

  /** Reads now rather than at the next tick (a test, or a writer that wants its event out at once). */
  kick() {
    for (const reader of this.readers) if (!this.running.has(reader.name)) this.schedule(reader, 0)
  }

  async stop() {
    this.isStarted = false
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await Promise.allSettled([...this.running.values()])
  }

  private schedule(reader: OutboxReaderSpec<never>, delayMs: number) {
    if (!this.isStarted) return
    clearTimeout(this.timers.get(reader.name))
    this.timers.set(reader.name, setTimeout(() => this.run(reader), delayMs).unref())
  }

  private run(reader: OutboxReaderSpec<never>) {
    this.timers.delete(reader.name)
    const interval = this.options.intervalMs ?? 200
    const work = readNextBatch(this.options.db, reader)
      .then((outcome) => this.schedule(reader, outcome.kind === 'read' && outcome.isFull ? 0 : interval))
      .catch((error: unknown) => {
        if (this.isStarted)
          this.options.log.error({ err: error, reader: reader.name }, 'outbox reader failed; retrying')
        this.schedule(reader, interval * 5)
      })
      .finally(() => this.running.delete(reader.name))
    this.running.set(reader.name, work)
  }
}
