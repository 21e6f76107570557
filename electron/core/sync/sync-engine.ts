// The sync engine: push the outbox, then pull until nothing remains; retries with exponential backoff
// and jitter when the server cannot be reached or answers 503. It never drops a mutation: the outbox
// shrinks only by what the server acknowledged as processed (applied or rejected with a reason).
import { Compile } from 'typebox/compile'
import { PullResponse, PushResponse, type Mutation } from '../../../shared/sync/sync-protocol'
import type { NewNotice } from '../db/notices-store'
import type { SyncStore } from '../db/sync-store'
import { OfflineError } from '../desktop-error'
import { ApiError, type ServerClient } from '../session/server-client'

// Compiled once: pulls of a large directory validate hundreds of thousands of rows.
const isPushResponse = Compile(PushResponse)
const isPullResponse = Compile(PullResponse)

export interface SyncProgress {
  phase: 'idle' | 'pushing' | 'pulling'
  /** During a pull: changes applied so far in this run, and how many the server says remain. */
  pulled: number
  remaining: number
}

export interface SyncEngineOptions {
  store: SyncStore
  client: () => ServerClient | null
  onChange: () => void
  /** A pull removed a sponsor or event from this device, or gave one back (the sponsor list is stale). */
  onAccessChanged?: () => void
  pushBatch?: number
  pullPage?: number
  /** Backoff bounds in milliseconds (tests shorten them). */
  minDelayMs?: number
  maxDelayMs?: number
}

export class SyncEngine {
  private running: Promise<void> | null = null
  private again = false
  private timer: NodeJS.Timeout | null = null
  private failures = 0
  private stopped = false
  lastError: string | null = null
  isReachable = true
  progress: SyncProgress = { phase: 'idle', pulled: 0, remaining: 0 }

  constructor(private readonly options: SyncEngineOptions) {}

  /** Starts a run now (or right after the current one); resolves when that run ends. */
  sync(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.running = this.loop().finally(() => {
      this.running = null
    })
    return this.running
  }

  stop() {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }

  private async loop() {
    do {
      this.again = false
      try {
        await this.pushAll()
        await this.pullAll()
        this.options.store.markSynced(new Date())
        this.failures = 0
        this.lastError = null
        this.isReachable = true
      } catch (error) {
        // Shown either way: a failure that is not retried must not leave the last run looking fine.
        this.lastError = error instanceof Error ? error.message : String(error)
        if (!this.isRetryable(error)) throw error
        this.failures++
        this.isReachable = !(error instanceof OfflineError)
        this.schedule()
        return
      } finally {
        this.progress = { phase: 'idle', pulled: 0, remaining: 0 }
        this.options.onChange()
      }
    } while (this.again && !this.stopped)
  }

  private isRetryable(error: unknown) {
    return (
      error instanceof OfflineError ||
      (error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.status === 401))
    )
  }

  /** Exponential backoff with full jitter: a fleet of devices coming back online does not arrive at once. */
  private schedule() {
    if (this.stopped) return
    const min = this.options.minDelayMs ?? 1000
    const max = this.options.maxDelayMs ?? 60_000
    const delay = Math.random() * Math.min(max, min * 2 ** Math.min(this.failures - 1, 16))
    this.timer = setTimeout(() => void this.sync().catch(() => {}), Math.max(min / 2, delay))
  }

  private requireClient() {
    const client = this.options.client()
    if (!client) throw new OfflineError('the server (signed out)')
    return client
  }

  private async pushAll() {
    const { store } = this.options
    for (
      let batch = store.outbox(this.options.pushBatch ?? 500);
      batch.length > 0;
      batch = store.outbox(this.options.pushBatch ?? 500)
    ) {
      this.progress = { phase: 'pushing', pulled: 0, remaining: store.pendingCount() }
      this.options.onChange()
      const mutations: Mutation[] = batch.map((m) => ({
        mutation_id: m.mutationId,
        name: m.name as Mutation['name'],
        args: m.args,
      }))
      const response = await this.requireClient().request<unknown>('POST', '/v1/sync/push', {
        body: { client_id: store.clientId(), mutations },
      })
      if (!isPushResponse.Check(response))
        throw new ApiError(502, 'bad-response', 'The server answered the push with something unexpected.')
      const rejected = response.results
        .filter((r) => r.status === 'rejected')
        .map((r) => ({ mutationId: r.mutation_id, code: r.error?.code, reason: r.error?.message ?? 'rejected' }))
      const sent = new Map(batch.map((m) => [m.mutationId, m.args]))
      // "Your note was merged", "follow-up was changed by Sam at 10:41": kept with the lead they are about.
      const notices = response.results.flatMap((r) => {
        const args = sent.get(r.mutation_id)
        const about = {
          sponsorId: typeof args?.sponsor_id === 'string' ? args.sponsor_id : null,
          leadId: typeof args?.lead_id === 'string' ? args.lead_id : null,
        }
        return (r.notices ?? []).map((n): NewNotice => ({ ...n, ...about }))
      })
      store.acknowledge(response.last_mutation_id, rejected, notices)
      this.options.onChange()
      if (response.last_mutation_id < batch[batch.length - 1]!.mutationId) return
    }
  }

  private async pullAll() {
    const { store } = this.options
    let pulled = 0
    for (;;) {
      const response = await this.requireClient().request<unknown>('POST', '/v1/sync/pull', {
        body: { cursor: store.cursor(), limit: this.options.pullPage ?? 5000 },
      })
      if (!isPullResponse.Check(response))
        throw new ApiError(502, 'bad-response', 'The server answered the pull with something unexpected.')
      const { isRegained, purged } = store.applyChanges(response.changes, response.cursor, response.access)
      if (isRegained || purged > 0) this.options.onAccessChanged?.()
      pulled += response.changes.length
      this.progress = { phase: 'pulling', pulled, remaining: response.remaining }
      this.options.onChange()
      // A regained scope moved the cursor back to 0: its older rows are still to come.
      if (response.remaining === 0 && !isRegained) return
    }
  }
}
