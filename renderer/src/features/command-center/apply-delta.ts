// Applies a live delta (counts only) to the widgets on screen: KPI tiles and the funnel move at once; charts,
// boards and the ticker are re-read shortly after (their rows need more than counts). Pure, so it is tested alone.
import type { FunnelData, KpiData, WidgetRecord } from '../../../../shared/command-center'

export type Metrics = Record<string, number>

/** Which delta metrics move which KPI (by the metric the tile reports). */
const kpiSources: Record<string, string> = {
  gmv: 'gmv_cents',
  leads_today: 'leads_today',
  hot_leads: 'hot_leads',
  open_proposals: 'open_proposals',
  orders_funded: 'orders_funded',
  payouts_paid_cents: 'payouts_paid_cents',
}

function applyToKpi(data: KpiData, metrics: Metrics): KpiData {
  const source = kpiSources[data.metric]
  const change = source ? (metrics[source] ?? 0) : 0
  const next: KpiData = { ...data, value: data.value + change }
  if (data.breakdown) {
    const b = { ...data.breakdown }
    if (data.metric === 'orders_funded') {
      b.funded = (b.funded ?? 0) + (metrics.orders_funded ?? 0)
      b.locked = (b.locked ?? 0) + (metrics.orders_locked ?? 0)
      b.released = (b.released ?? 0) + (metrics.orders_released ?? 0)
    }
    if (data.metric === 'payouts_paid_cents') {
      b.pending_cents =
        (b.pending_cents ?? 0) + (metrics.payouts_pending_cents ?? 0) - (metrics.payouts_paid_cents ?? 0)
      b.paid_cents = (b.paid_cents ?? 0) + (metrics.payouts_paid_cents ?? 0)
    }
    next.breakdown = b
  }
  return next
}

const applyToFunnel = (data: FunnelData, metrics: Metrics): FunnelData => ({
  ...data,
  stages: data.stages.map((stage) => ({ ...stage, count: stage.count + (metrics[stage.stage] ?? 0) })),
})

export function applyDelta(widgets: WidgetRecord[], metrics: Metrics): WidgetRecord[] {
  return widgets.map((widget) => {
    const data = widget.data
    if (!data) return widget
    if (data.kind === 'kpi') return { ...widget, data: applyToKpi(data, metrics) }
    if (data.kind === 'funnel') return { ...widget, data: applyToFunnel(data, metrics) }
    return widget
  })
}

export type DeltaVerdict = 'apply' | 'stale' | 'gap'

/** A delta already in what is on screen is stale; one that skips numbers means some were missed (re-read). */
export function judgeDelta(seqOnScreen: number, delta: { first_seq: number; seq: number }): DeltaVerdict {
  if (delta.seq <= seqOnScreen) return 'stale'
  if (delta.first_seq > seqOnScreen + 1) return 'gap'
  return 'apply'
}
