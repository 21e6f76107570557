// The palette: the widgets an organizer can add, each a type, a config and a starting size, with its title.
import type { WidgetLayout, WidgetRecord } from '../../../../shared/command-center'

export interface WidgetPreset {
  key: string
  title: string
  description: string
  widgetType: string
  config: Record<string, unknown>
  size: Pick<WidgetLayout, 'w' | 'h'>
}

export const widgetPresets: WidgetPreset[] = [
  {
    key: 'gmv',
    title: 'GMV',
    description: 'Funded sales against the goal',
    widgetType: 'kpi_tile',
    config: { metric: 'gmv' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'leads-today',
    title: 'Leads today',
    description: "Today's new leads against yesterday",
    widgetType: 'kpi_tile',
    config: { metric: 'leads_today' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'hot-leads',
    title: 'Hot leads',
    description: 'Leads with high intent',
    widgetType: 'kpi_tile',
    config: { metric: 'hot_leads' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'open-proposals',
    title: 'Open proposals',
    description: 'Offers waiting for an answer',
    widgetType: 'kpi_tile',
    config: { metric: 'open_proposals' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'packages-sold',
    title: 'Packages sold',
    description: 'Sold of the inventory',
    widgetType: 'kpi_tile',
    config: { metric: 'packages_sold' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'orders',
    title: 'Orders by escrow',
    description: 'Funded, locked and released orders',
    widgetType: 'kpi_tile',
    config: { metric: 'orders_by_escrow' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'payouts',
    title: 'Payouts',
    description: 'Paid out and still pending',
    widgetType: 'kpi_tile',
    config: { metric: 'payouts' },
    size: { w: 3, h: 2 },
  },
  {
    key: 'leads-per-hour',
    title: 'Leads per hour',
    description: 'By intent, the last 24 hours',
    widgetType: 'time_series',
    config: { series: 'leads_per_hour', range: 24 },
    size: { w: 6, h: 4 },
  },
  {
    key: 'gmv-per-day',
    title: 'GMV per day',
    description: 'Funded sales, the last 30 days',
    widgetType: 'time_series',
    config: { series: 'gmv_per_day', range: 30 },
    size: { w: 6, h: 4 },
  },
  {
    key: 'funnel',
    title: 'Proposal to order',
    description: 'Proposals sent, accepted, orders funded and released',
    widgetType: 'funnel',
    config: {},
    size: { w: 6, h: 4 },
  },
  {
    key: 'top-sponsors',
    title: 'Sponsors by leads',
    description: 'Who captures the most leads',
    widgetType: 'leaderboard',
    config: { board: 'sponsors_by_leads', limit: 5 },
    size: { w: 4, h: 4 },
  },
  {
    key: 'top-representatives',
    title: 'Representatives by captures',
    description: 'Busiest booth staff',
    widgetType: 'leaderboard',
    config: { board: 'representatives_by_captures', limit: 5 },
    size: { w: 4, h: 4 },
  },
  {
    key: 'ticker',
    title: 'Live captures',
    description: 'The latest captures (sponsor and intent, no contact details)',
    widgetType: 'capture_ticker',
    config: { limit: 8 },
    size: { w: 4, h: 4 },
  },
]

/** The recommended start: a few tiles, the leads chart, the funnel and the ticker. */
export const starterKeys = ['gmv', 'leads-today', 'hot-leads', 'open-proposals', 'leads-per-hour', 'funnel', 'ticker']

export const gridColumns = 12

/** The title a widget shows: its own, else its preset's, else its type in words. */
export function widgetTitle(widget: Pick<WidgetRecord, 'widget_type' | 'config'>): string {
  if (typeof widget.config.title === 'string') return widget.config.title
  const preset = widgetPresets.find(
    (p) =>
      p.widgetType === widget.widget_type &&
      Object.entries(p.config).every(([k, v]) => k === 'range' || k === 'limit' || widget.config[k] === v),
  )
  if (preset) return preset.title
  return widget.widget_type === 'marketplace_card'
    ? String(widget.config.highlight ?? 'Package')
    : widget.widget_type.replace(/_/g, ' ')
}

/** The first free place for a widget of this size: below everything on the grid. */
export function nextPlace(widgets: Pick<WidgetRecord, 'layout'>[], size: Pick<WidgetLayout, 'w' | 'h'>): WidgetLayout {
  const bottom = widgets.reduce((max, w) => Math.max(max, w.layout.y + w.layout.h), 0)
  return { x: 0, y: bottom, ...size }
}

/** A widget id made from the preset, unique on this grid. */
export function newWidgetId(key: string, taken: Set<string>): string {
  let n = 1
  while (taken.has(n === 1 ? key : `${key}-${n}`)) n += 1
  return n === 1 ? key : `${key}-${n}`
}
