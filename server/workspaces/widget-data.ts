// Each widget type's data, built from the system of record over the workspace's events (command-center-metrics.ts).
import type { Queryable } from '../db/database'
import type {
  FunnelData,
  KpiData,
  LeaderboardData,
  MarketplaceCardData,
  SeriesData,
  TickerData,
  WidgetConfig,
  WidgetData,
  WidgetType,
} from '../../shared/command-center'
import type { Workspace } from '../repositories/workspaces-repository'
import { scopeCte, scopeParams, timezoneOf, workspaceMetrics, type MetricValues } from './command-center-metrics'

export interface WidgetInput {
  widgetType: string
  config: Record<string, unknown>
  packageId: string | null
}

function kpi(metrics: MetricValues, ws: Workspace, config: WidgetConfig<'kpi_tile'>): KpiData {
  const count = (metric: string, value: number, previous: number | null = null): KpiData => ({
    kind: 'kpi',
    metric,
    value,
    previous,
    goal: null,
    unit: 'count',
  })
  switch (config.metric) {
    case 'gmv':
      return {
        kind: 'kpi',
        metric: 'gmv',
        value: metrics.gmv_cents,
        previous: null,
        goal: ws.settings.goal_gmv_cents ?? null,
        unit: 'cents',
      }
    case 'packages_sold':
      return { ...count('packages_sold', metrics.packages_sold), goal: metrics.packages_inventory }
    case 'open_proposals':
      return count('open_proposals', metrics.open_proposals)
    case 'orders_by_escrow':
      return {
        ...count('orders_funded', metrics.orders_funded),
        breakdown: { funded: metrics.orders_funded, locked: metrics.orders_locked, released: metrics.orders_released },
      }
    case 'payouts':
      return {
        kind: 'kpi',
        metric: 'payouts_paid_cents',
        value: metrics.payouts_paid_cents,
        previous: null,
        goal: null,
        unit: 'cents',
        breakdown: { pending_cents: metrics.payouts_pending_cents, paid_cents: metrics.payouts_paid_cents },
      }
    case 'leads_today':
      return count('leads_today', metrics.leads_today, metrics.leads_yesterday)
    case 'hot_leads':
      return count('hot_leads', metrics.hot_leads)
  }
}

async function series(db: Queryable, ws: Workspace, config: WidgetConfig<'time_series'>): Promise<SeriesData> {
  const tz = timezoneOf(ws)
  if (config.series === 'leads_per_hour') {
    const hours = config.range ?? 24
    const { rows } = await db.query<{ t: Date; hot: string; warm: string; cold: string }>(
      // Counted once by hour over the range (the event and time index), then laid over every hour of it.
      `WITH ${scopeCte}, slots AS (SELECT generate_series(date_trunc('hour', now()) - make_interval(hours => $3 - 1), date_trunc('hour', now()), interval '1 hour') AS t),
       counts AS (SELECT date_trunc('hour', created_at) AS t, count(*) FILTER (WHERE intent_level = 'hot') AS hot,
         count(*) FILTER (WHERE intent_level = 'warm') AS warm, count(*) FILTER (WHERE intent_level = 'cold') AS cold
         FROM leads WHERE event_id IN (SELECT id FROM ev) AND created_at >= date_trunc('hour', now()) - make_interval(hours => $3 - 1) GROUP BY 1)
       SELECT s.t, coalesce(c.hot, 0) AS hot, coalesce(c.warm, 0) AS warm, coalesce(c.cold, 0) AS cold
       FROM slots s LEFT JOIN counts c ON c.t = s.t ORDER BY s.t`,
      [...scopeParams(ws), hours],
    )
    return {
      kind: 'series',
      series: 'leads_per_hour',
      keys: ['hot', 'warm', 'cold'],
      points: rows.map((r) => ({
        t: r.t.toISOString(),
        hot: Number(r.hot),
        warm: Number(r.warm),
        cold: Number(r.cold),
      })),
    }
  }
  const days = config.range ?? 30
  const { rows } = await db.query<{ t: string; gmv_cents: string }>(
    `WITH ${scopeCte}, today AS (SELECT date_trunc('day', now() AT TIME ZONE $4) AS d),
     slots AS (SELECT generate_series((SELECT d FROM today) - make_interval(days => $3 - 1), (SELECT d FROM today), interval '1 day') AS d)
     SELECT to_char(s.d, 'YYYY-MM-DD') AS t, coalesce(sum(o.amount_cents - o.refunded_cents), 0) AS gmv_cents
     FROM slots s LEFT JOIN sponsorship_orders o ON o.event_id IN (SELECT id FROM ev) AND o.funded_at IS NOT NULL
       AND o.escrow_state IN ('funded', 'locked', 'released') AND date_trunc('day', o.funded_at AT TIME ZONE $4) = s.d
     GROUP BY s.d ORDER BY s.d`,
    [...scopeParams(ws), days, tz],
  )
  return {
    kind: 'series',
    series: 'gmv_per_day',
    keys: ['gmv_cents'],
    points: rows.map((r) => ({ t: r.t, gmv_cents: Number(r.gmv_cents) })),
  }
}

const funnel = (metrics: MetricValues): FunnelData => ({
  kind: 'funnel',
  stages: [
    { stage: 'proposals_sent', count: metrics.proposals_sent },
    { stage: 'proposals_accepted', count: metrics.proposals_accepted },
    { stage: 'orders_funded', count: metrics.orders_funded },
    { stage: 'orders_released', count: metrics.orders_released },
  ],
})

async function leaderboard(
  db: Queryable,
  ws: Workspace,
  config: WidgetConfig<'leaderboard'>,
): Promise<LeaderboardData> {
  const limit = config.limit ?? 5
  const sql =
    config.board === 'sponsors_by_leads'
      ? `WITH ${scopeCte} SELECT s.id, s.company_name AS name, count(*) AS value FROM leads l JOIN sponsors s ON s.id = l.sponsor_id
       WHERE l.event_id IN (SELECT id FROM ev) GROUP BY s.id, s.company_name ORDER BY value DESC, name LIMIT $3`
      : `WITH ${scopeCte} SELECT u.id, u.name, count(*) AS value FROM leads l JOIN lead_captures c ON c.lead_id = l.id JOIN users u ON u.id = c.captured_by
       WHERE l.event_id IN (SELECT id FROM ev) GROUP BY u.id, u.name ORDER BY value DESC, name LIMIT $3`
  const { rows } = await db.query<{ id: string; name: string; value: string }>(sql, [...scopeParams(ws), limit])
  return {
    kind: 'leaderboard',
    board: config.board,
    rows: rows.map((r) => ({ id: r.id, name: r.name, value: Number(r.value) })),
  }
}

async function ticker(db: Queryable, ws: Workspace, config: WidgetConfig<'capture_ticker'>): Promise<TickerData> {
  const { rows } = await db.query<{ id: string; sponsor: string; intent_level: string; captured_at: Date }>(
    `WITH ${scopeCte} SELECT l.id, s.company_name AS sponsor, l.intent_level, l.last_captured_at AS captured_at
     FROM leads l JOIN sponsors s ON s.id = l.sponsor_id WHERE l.event_id IN (SELECT id FROM ev) ORDER BY l.last_captured_at DESC LIMIT $3`,
    [...scopeParams(ws), config.limit ?? 10],
  )
  return {
    kind: 'ticker',
    captures: rows.map((r) => ({
      id: r.id,
      sponsor: r.sponsor,
      intent_level: r.intent_level,
      captured_at: r.captured_at.toISOString(),
    })),
  }
}

async function marketplaceCard(
  db: Queryable,
  ws: Workspace,
  packageId: string | null,
  config: WidgetConfig<'marketplace_card'>,
): Promise<MarketplaceCardData> {
  const { rows } = await db.query<{
    id: string
    title: string
    tier: string
    price_cents: string
    currency: string
    sold: number
    inventory: number
    proposals: string
    orders: string
    leads: string
  }>(
    `SELECT p.id, p.title, p.tier, p.price_cents, p.currency, p.sold, p.inventory,
       (SELECT count(*) FROM proposal_threads t WHERE t.package_id = p.id AND t.status <> 'draft') AS proposals,
       (SELECT count(*) FROM sponsorship_orders o WHERE o.package_id = p.id AND o.funded_at IS NOT NULL) AS orders,
       (SELECT count(*) FROM leads l WHERE l.event_id = p.event_id AND l.sponsor_id IN (SELECT o.sponsor_id FROM sponsorship_orders o WHERE o.package_id = p.id AND o.funded_at IS NOT NULL)) AS leads
     FROM sponsorship_packages p WHERE p.id = $1 AND p.org_id = $2`,
    [packageId, ws.orgId],
  )
  const row = rows[0]
  if (!row)
    return {
      kind: 'marketplace_card',
      package: null,
      metrics: Object.fromEntries(config.metrics.map((m) => [m, null])),
    }
  const proposals = Number(row.proposals)
  const orders = Number(row.orders)
  const all: Record<string, number> = {
    leads: Number(row.leads),
    proposals,
    orders,
    sold: row.sold,
    conversion_rate: proposals ? Math.round((orders / proposals) * 1000) / 1000 : 0,
  }
  return {
    kind: 'marketplace_card',
    package: {
      id: row.id,
      title: row.title,
      tier: row.tier,
      price_cents: Number(row.price_cents),
      currency: row.currency,
      sold: row.sold,
      inventory: row.inventory,
    },
    metrics: Object.fromEntries(config.metrics.map((m) => [m, all[m] ?? null])),
  }
}

/** Builds the data of several widgets of one workspace, reading the shared metrics once. */
export async function buildWidgetData(
  db: Queryable,
  ws: Workspace,
  widgets: WidgetInput[],
): Promise<PromiseSettledResult<WidgetData>[]> {
  let metrics: Promise<MetricValues> | null = null
  const shared = () => (metrics ??= workspaceMetrics(db, ws))
  const one = async (widget: WidgetInput): Promise<WidgetData> => {
    const type = widget.widgetType as WidgetType
    switch (type) {
      case 'kpi_tile':
        return kpi(await shared(), ws, widget.config as WidgetConfig<'kpi_tile'>)
      case 'funnel':
        return funnel(await shared())
      case 'time_series':
        return series(db, ws, widget.config as WidgetConfig<'time_series'>)
      case 'leaderboard':
        return leaderboard(db, ws, widget.config as WidgetConfig<'leaderboard'>)
      case 'capture_ticker':
        return ticker(db, ws, widget.config as WidgetConfig<'capture_ticker'>)
      case 'marketplace_card':
        return marketplaceCard(db, ws, widget.packageId, widget.config as WidgetConfig<'marketplace_card'>)
      default:
        throw new Error(`unknown widget type ${widget.widgetType}`)
    }
  }
  const results: PromiseSettledResult<WidgetData>[] = []
  // One at a time: a pooled PGlite is one connection, and a workspace's widgets are few.
  for (const widget of widgets)
    results.push(
      await one(widget).then(
        (value) => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      ),
    )
  return results
}
