// The ROI report as CSV: one row per figure (section, item, metric, value), so a spreadsheet can pivot it.
import { stringify } from 'csv-stringify/sync'
import type { RoiReport } from '../../shared/commerce/fulfillment-records'
import { safeCell } from '../routes/leads/export'

type Cell = string | number | null

export function roiCsv(r: RoiReport): string {
  const rows: Cell[][] = [['section', 'item', 'metric', 'value']]
  const add = (section: string, item: string, metric: string, value: Cell) =>
    rows.push([section, safeCell(item), metric, value === null ? '' : value])
  add('report', 'order', 'order_id', r.order_id)
  add('report', 'order', 'event_title', safeCell(r.event_title))
  add('report', 'order', 'sponsor_name', safeCell(r.sponsor_name))
  add('report', 'period', 'from', r.period.from)
  add('report', 'period', 'to', r.period.to)
  add('report', 'order', 'investment_cents', r.investment_cents)
  add('report', 'order', 'currency', r.currency)
  add('report', 'filter', 'utm_source', r.utm_source)
  for (const [metric, value] of Object.entries(r.performance)) add('performance', 'event', metric, value)
  add('booth_leads', 'all representatives', 'total', r.booth_leads.total)
  add('booth_leads', 'all representatives', 'hot', r.booth_leads.hot)
  add('booth_leads', 'all representatives', 'warm', r.booth_leads.warm)
  add('booth_leads', 'all representatives', 'cold', r.booth_leads.cold)
  for (const rep of r.booth_leads.by_representative) {
    for (const metric of ['total', 'hot', 'warm', 'cold'] as const) add('booth_leads', rep.name, metric, rep[metric])
  }
  add('cost', 'order', 'cost_per_lead_cents', r.cost_per_lead_cents)
  add('cost', 'order', 'cost_per_hot_lead_cents', r.cost_per_hot_lead_cents)
  for (const sla of r.sla_outcomes) {
    add('sla', sla.metric, 'target', sla.target)
    add('sla', sla.metric, 'actual', sla.actual)
    add('sla', sla.metric, 'status', sla.status)
    add('sla', sla.metric, 'remedy', sla.remedy)
    add('sla', sla.metric, 'remedy_status', sla.remedy_status)
    add('sla', sla.metric, 'remedy_cents', sla.remedy_cents)
  }
  r.deliverables.forEach((d, index) => {
    const item = `${index + 1}. ${d.type}`
    for (const [metric, value] of Object.entries(d.actual_metrics))
      add('deliverable', item, metric, typeof value === 'number' ? value : JSON.stringify(value))
    if (Object.keys(d.actual_metrics).length === 0) add('deliverable', item, 'proof', 'none yet')
  })
  add('report', 'report', 'generated_at', r.generated_at)
  return stringify(rows)
}
