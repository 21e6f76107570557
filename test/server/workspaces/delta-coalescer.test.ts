// Deltas are gathered to at most one per gap per workspace; what is gathered adds up and covers the seq range.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { DeltaCoalescer } from '../../../server/realtime/delta-coalescer'
import type { CommandCenterDelta } from '../../../shared/command-center'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

it('sends the first delta at once, gathers the next ones until the gap has passed, and keeps workspaces apart', () => {
  const sent: CommandCenterDelta[] = []
  const coalescer = new DeltaCoalescer(
    (d) => sent.push(d),
    250,
    () => Date.now(),
  )
  coalescer.push('a', 1, { leads: 1 })
  expect(sent.map((d) => [d.first_seq, d.seq, d.metrics])).toEqual([[1, 1, { leads: 1 }]])
  for (let seq = 2; seq <= 6; seq += 1) coalescer.push('a', seq, { leads: 1, hot_leads: seq % 2 })
  coalescer.push('b', 1, { captures: 1 })
  expect(sent).toHaveLength(2)
  vi.advanceTimersByTime(249)
  expect(sent).toHaveLength(2)
  vi.advanceTimersByTime(1)
  expect(sent.map((d) => [d.workspace_id, d.first_seq, d.seq, d.metrics])).toEqual([
    ['a', 1, 1, { leads: 1 }],
    ['b', 1, 1, { captures: 1 }],
    ['a', 2, 6, { leads: 5, hot_leads: 2 }],
  ])
})

it('flushes what it holds back on shutdown', () => {
  const sent: CommandCenterDelta[] = []
  const coalescer = new DeltaCoalescer(
    (d) => sent.push(d),
    250,
    () => Date.now(),
  )
  coalescer.push('a', 1, { leads: 1 })
  coalescer.push('a', 2, { leads: 2 })
  coalescer.flush()
  expect(sent.map((d) => d.metrics.leads)).toEqual([1, 2])
})
