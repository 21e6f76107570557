// Gathers a workspace's deltas so its room hears at most one every `gapMs` (100 ms: ten a second at most, however
// many captures arrive), never holding one back longer than that; deltas gathered together add up and cover a range
// of sequence numbers. The gap is most of what a capture waits before its delta goes out (the outbox poll is the
// rest), so it is kept well under the 250 ms a capture may take to reach the command centers.
import type { CommandCenterDelta } from '../../shared/command-center'
import { addDelta, type MetricDelta } from '../workspaces/command-center-deltas'

interface Pending {
  firstSeq: number
  seq: number
  metrics: MetricDelta
  timer: NodeJS.Timeout
}

export const deltaGapMs = 100

export class DeltaCoalescer {
  private readonly lastSent = new Map<string, number>()
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly emit: (delta: CommandCenterDelta) => void,
    private readonly gapMs = deltaGapMs,
    private readonly now: () => number = Date.now,
  ) {}

  push(workspaceId: string, seq: number, metrics: MetricDelta) {
    const waiting = this.pending.get(workspaceId)
    if (waiting) {
      waiting.seq = Math.max(waiting.seq, seq)
      addDelta(waiting.metrics, metrics)
      return
    }
    const wait = (this.lastSent.get(workspaceId) ?? -Infinity) + this.gapMs - this.now()
    if (wait <= 0) return this.send(workspaceId, seq, seq, metrics)
    const timer = setTimeout(() => this.release(workspaceId), wait)
    timer.unref()
    this.pending.set(workspaceId, { firstSeq: seq, seq, metrics: { ...metrics }, timer })
  }

  /** Sends everything held back now (shutdown). */
  flush() {
    for (const workspaceId of [...this.pending.keys()]) this.release(workspaceId)
  }

  private release(workspaceId: string) {
    const waiting = this.pending.get(workspaceId)
    if (!waiting) return
    clearTimeout(waiting.timer)
    this.pending.delete(workspaceId)
    this.send(workspaceId, waiting.firstSeq, waiting.seq, waiting.metrics)
  }

  private send(workspaceId: string, firstSeq: number, seq: number, metrics: MetricDelta) {
    this.lastSent.set(workspaceId, this.now())
    this.emit({ workspace_id: workspaceId, first_seq: firstSeq, seq, metrics, at: new Date(this.now()).toISOString() })
  }
}
