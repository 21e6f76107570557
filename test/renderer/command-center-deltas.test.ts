// The command center screen's delta rules: numbers right after what is on screen apply (tiles and funnel move),
// older ones are ignored, one that skips numbers is a gap (the screen re-reads).
import { expect, it } from 'vitest'
import { applyDelta, judgeDelta } from '../../renderer/src/features/command-center/apply-delta'
import type { WidgetRecord } from '../../shared/command-center'

const widget = (widget_id: string, data: WidgetRecord['data']): WidgetRecord => ({
  workspace_id: 'w',
  widget_id,
  widget_type: 'kpi_tile',
  config: {},
  package_id: null,
  layout: { x: 0, y: 0, w: 3, h: 2 },
  version: 1,
  data,
  data_built_at: null,
  updated_at: '',
})

it('applies the next delta, ignores one already on screen, and calls a skipped number a gap', () => {
  expect(judgeDelta(4, { first_seq: 5, seq: 5 })).toBe('apply')
  expect(judgeDelta(4, { first_seq: 3, seq: 6 })).toBe('apply')
  expect(judgeDelta(4, { first_seq: 4, seq: 4 })).toBe('stale')
  expect(judgeDelta(4, { first_seq: 6, seq: 7 })).toBe('gap')
})

it('moves KPI tiles, their breakdowns and the funnel by the delta, and leaves charts for the re-read', () => {
  const widgets = [
    widget('leads', { kind: 'kpi', metric: 'leads_today', value: 3, previous: 1, goal: null, unit: 'count' }),
    widget('gmv', { kind: 'kpi', metric: 'gmv', value: 1000, previous: null, goal: 5000, unit: 'cents' }),
    widget('orders', {
      kind: 'kpi',
      metric: 'orders_funded',
      value: 1,
      previous: null,
      goal: null,
      unit: 'count',
      breakdown: { funded: 1, locked: 0, released: 0 },
    }),
    widget('funnel', {
      kind: 'funnel',
      stages: [
        { stage: 'proposals_sent', count: 2 },
        { stage: 'orders_funded', count: 1 },
      ],
    }),
    widget('chart', { kind: 'series', series: 'leads_per_hour', keys: ['hot'], points: [{ t: 'x', hot: 1 }] }),
  ]
  const next = applyDelta(widgets, {
    leads_today: 2,
    gmv_cents: 500,
    orders_funded: 1,
    orders_locked: 1,
    proposals_sent: 1,
  })
  expect(next.map((w) => w.data)).toEqual([
    { kind: 'kpi', metric: 'leads_today', value: 5, previous: 1, goal: null, unit: 'count' },
    { kind: 'kpi', metric: 'gmv', value: 1500, previous: null, goal: 5000, unit: 'cents' },
    {
      kind: 'kpi',
      metric: 'orders_funded',
      value: 2,
      previous: null,
      goal: null,
      unit: 'count',
      breakdown: { funded: 2, locked: 1, released: 0 },
    },
    {
      kind: 'funnel',
      stages: [
        { stage: 'proposals_sent', count: 3 },
        { stage: 'orders_funded', count: 2 },
      ],
    },
    widgets[4]!.data,
  ])
})
