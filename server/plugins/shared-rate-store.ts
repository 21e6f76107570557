// A rate-limit store for @fastify/rate-limit shared by every instance on one Postgres. Each request is
// counted at once in this instance and added to the shared count within `flushMs` (one statement for all
// keys), so a client spreading requests over several instances meets the same limit, seen everywhere
// within a fraction of a second — without a database round trip on every request.
import type { Pool } from 'pg'

interface Counter {
  windowStart: number
  /** The shared count as of the last flush, this instance's included. */
  shared: number
  /** Counted here since the last flush. */
  pending: number
}

type Result = { current: number; ttl: number }

export class SharedRateStore {
  private readonly counters = new Map<string, Counter>()
  private timer: NodeJS.Timeout | null = null
  private flushing: Promise<void> = Promise.resolve()

  constructor(
    private readonly pool: Pool,
    private readonly onError: (error: unknown) => void,
    private readonly flushMs = 200,
  ) {}

  /** @fastify/rate-limit's store interface: count this request and answer the window's total so far. */
  incr(key: string, callback: (error: Error | null, result: Result) => void, timeWindow: number) {
    const now = Date.now()
    const windowStart = Math.floor(now / timeWindow) * timeWindow
    let counter = this.counters.get(key)
    if (!counter || counter.windowStart !== windowStart) {
      counter = { windowStart, shared: 0, pending: 0 }
      this.counters.set(key, counter)
    }
    counter.pending++
    this.schedule()
    callback(null, { current: counter.shared + counter.pending, ttl: windowStart + timeWindow - now })
  }

  read(key: string, callback: (error: Error | null, result: Result) => void, timeWindow: number) {
    const now = Date.now()
    const counter = this.counters.get(key)
    if (!counter || counter.windowStart !== Math.floor(now / timeWindow) * timeWindow)
      return callback(null, { current: 0, ttl: 0 })
    callback(null, { current: counter.shared + counter.pending, ttl: counter.windowStart + timeWindow - now })
  }

  child() {
    return this
  }

  /** Sends what is pending now (tests, shutdown). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.send()).catch(this.onError)
    return this.flushing
  }

  close() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule() {
    this.timer ??= setTimeout(() => {
      this.timer = null
      void this.flush()
    }, this.flushMs)
  }

  private async send() {
    const batch = [...this.counters]
      .filter(([, counter]) => counter.pending > 0)
      .map(([key, counter]) => ({ key, counter, hits: counter.pending }))
    if (batch.length === 0) return
    // Requests counted while the statement runs stay pending for the next flush.
    for (const item of batch) item.counter.pending -= item.hits
    let rows: { key: string; window_start: string; hits: number }[]
    try {
      ;({ rows } = await this.pool.query<{ key: string; window_start: string; hits: number }>(
        `INSERT INTO rate_limit_counts (key, window_start, hits)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counts.hits + excluded.hits
         RETURNING key, window_start, hits`,
        [batch.map((item) => item.key), batch.map((item) => item.counter.windowStart), batch.map((item) => item.hits)],
      ))
    } catch (error) {
      for (const item of batch) item.counter.pending += item.hits
      throw error
    }
    // Each answer is every instance's total for that key and window.
    for (const row of rows) {
      const counter = this.counters.get(row.key)
      if (counter && counter.windowStart === Number(row.window_start)) counter.shared = row.hits
    }
    await this.forgetOldWindows()
  }

  private lastSweep = 0

  /** Once a minute: past windows leave this instance's memory and the shared table. */
  private async forgetOldWindows() {
    const now = Date.now()
    if (now - this.lastSweep < 60_000) return
    this.lastSweep = now
    for (const [key, counter] of this.counters)
      if (counter.pending === 0 && counter.windowStart < now - 60 * 60_000) this.counters.delete(key)
    await this.pool.query('DELETE FROM rate_limit_counts WHERE window_start < $1', [now - 60 * 60_000])
  }
}
