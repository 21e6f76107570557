// Each widget type's data over the workspace's events, from the counters the database keeps (migration 0029;
// command-center-metrics.ts): counts and sums only. The capture ticker reads the latest leads of each event by index.
import { named, type Queryable } from '../db/database'
import type {
  FunnelData,
  KpiData,
  LeaderboardData,
  MarketplaceCardData,
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

/** Leads per UTC hour by intent over the last `hours` hours, oldest first (one point per hour, zeros included). */
async function leadsPerHour(db: Queryable, ws: Workspace, hours: number) {
  const { rows } = await db.query<{ t: Date; hot: string; warm: string; cold: string }>(
    named(
      'cc-leads-per-hour',
      `WITH ${scopeCte}, first AS (SELECT command_center_hour(now()) - make_interval(hours => $3 - 1) AS t),
     slots AS (SELECT generate_series((SELECT t FROM first), command_center_hour(now()), interval '1 hour') AS t),
     counts AS (SELECT hour AS t, sum(leads) FILTER (WHERE intent_level = 'hot') AS hot,
       sum(leads) FILTER (WHERE intent_level = 'warm') AS warm, sum(leads) FILTER (WHERE intent_level = 'cold') AS cold
       FROM command_center_lead_hours WHERE event_id IN (SELECT id FROM ev) AND hour >= (SELECT t FROM first) GROUP BY 1)
     SELECT s.t, coalesce(c.hot, 0) AS hot, coalesce(c.warm, 0) AS warm, coalesce(c.cold, 0) AS cold
     FROM slots s LEFT JOIN counts c ON c.t = s.t ORDER BY s.t`,
    ),
    [...scopeParams(ws), hours],
  )
  return rows.map((r) => ({ t: r.t.toISOString(), hot: Number(r.hot), warm: Number(r.warm), cold: Number(r.cold) }))
}

/**
 * GMV per day in the workspace's time zone over the last `days` days, oldest first, from the organization's hours
 * (a workspace covering all its events) or its events' hours (one covering some). Hours are assigned to the day
 * they start in; where a day starts inside an hour (zones a fraction of an hour off UTC) the part of that hour on
 * or after midnight is read from the orders themselves and moved to its day.
 */
async function gmvPerDay(db: Queryable, ws: Workspace, days: number) {
  const { rows } = await db.query<{ t: string; gmv_cents: string }>(
    named(
      'cc-gmv-per-day',
      `WITH ${scopeCte}, today AS (SELECT date_trunc('day', now() AT TIME ZONE $4) AS d),
     slots AS (SELECT generate_series((SELECT d FROM today) - make_interval(days => $3 - 1), (SELECT d FROM today) + interval '1 day', interval '1 day') AS d),
     bounds AS (SELECT d, d AT TIME ZONE $4 AS b FROM slots),
     first AS (SELECT command_center_hour(min(b)) AS hour FROM bounds),
     hours AS (SELECT date_trunc('day', hour AT TIME ZONE $4) AS d, sum(v) AS v FROM (
         SELECT hour, net_cents AS v FROM command_center_org_gmv_hours
         WHERE $2::uuid[] IS NULL AND org_id = $1 AND hour >= (SELECT hour FROM first)
         UNION ALL
         SELECT hour, net_cents FROM command_center_gmv_hours
         WHERE $2::uuid[] IS NOT NULL AND event_id IN (SELECT id FROM ev) AND hour >= (SELECT hour FROM first)) g
       GROUP BY 1),
     edges AS (SELECT x.d, CASE WHEN x.b = command_center_hour(x.b) THEN 0 ELSE (
       SELECT coalesce(sum(o.amount_cents - o.refunded_cents), 0) FROM sponsorship_orders o
       WHERE o.event_id IN (SELECT id FROM ev) AND o.funded_at >= x.b AND o.funded_at < command_center_hour(x.b) + interval '1 hour'
         AND o.escrow_state IN ('funded', 'locked', 'released')) END AS v FROM bounds x)
     SELECT to_char(s.d, 'YYYY-MM-DD') AS t, coalesce(h.v, 0) + e.v - n.v AS gmv_cents
     FROM slots s JOIN edges e ON e.d = s.d JOIN edges n ON n.d = s.d + interval '1 day' LEFT JOIN hours h ON h.d = s.d
     ORDER BY s.d`,
    ),
    [...scopeParams(ws), days, timezoneOf(ws)],
  )
  return rows.map((r) => ({ t: r.t, gmv_cents: Number(r.gmv_cents) }))
}

const lastOf = <T>(points: T[], n: number) => points.slice(Math.max(0, points.length - n))

const funnel = (metrics: MetricValues): FunnelData => ({
  kind: 'funnel',
  stages: [
    { stage: 'proposals_sent', count: metrics.proposals_sent },
    { stage: 'proposals_accepted', count: metrics.proposals_accepted },
    { stage: 'orders_funded', count: metrics.orders_funded },
    { stage: 'orders_released', count: metrics.orders_released },
  ],
})

/** The top `limit` of a leaderboard over the workspace's events, from the counters. */
async function leaderboardRows(db: Queryable, ws: Workspace, board: LeaderboardData['board'], limit: number) {
  const sql =
    board === 'sponsors_by_leads'
      ? named(
          'cc-board-sponsors',
          `WITH ${scopeCte}, c AS (SELECT sponsor_id AS id, sum(leads) AS value FROM command_center_lead_counts
           WHERE event_id IN (SELECT id FROM ev) GROUP BY 1 HAVING sum(leads) > 0)
         SELECT s.id, s.company_name AS name, c.value FROM c JOIN sponsors s ON s.id = c.id ORDER BY value DESC, name LIMIT $3`,
        )
      : named(
          'cc-board-representatives',
          `WITH ${scopeCte}, c AS (SELECT user_id AS id, sum(captures) AS value FROM command_center_rep_captures
           WHERE event_id IN (SELECT id FROM ev) GROUP BY 1 HAVING sum(captures) > 0)
         SELECT u.id, u.name, c.value FROM c JOIN users u ON u.id = c.id ORDER BY value DESC, name LIMIT $3`,
        )
  const { rows } = await db.query<{ id: string; name: string; value: string }>(sql, [...scopeParams(ws), limit])
  return rows.map((r) => ({ id: r.id, name: r.name, value: Number(r.value) }))
}

/** The latest captures over the workspace's events: the latest of each event (its index), then the latest of those. */
async function latestCaptures(db: Queryable, ws: Workspace, limit: number): Promise<TickerData['captures']> {
  const { rows } = await db.query<{ id: string; sponsor: string; intent_level: string; captured_at: Date }>(
    named(
      'cc-latest-captures',
      `WITH ${scopeCte}, latest AS (SELECT x.* FROM ev, LATERAL (SELECT l.id, l.sponsor_id, l.intent_level, l.last_captured_at
       FROM leads l WHERE l.event_id = ev.id ORDER BY l.last_captured_at DESC LIMIT $3) x ORDER BY x.last_captured_at DESC LIMIT $3)
     SELECT l.id, s.company_name AS sponsor, l.intent_level, l.last_captured_at AS captured_at
     FROM latest l JOIN sponsors s ON s.id = l.sponsor_id ORDER BY l.last_captured_at DESC`,
    ),
    [...scopeParams(ws), limit],
  )
  return rows.map((r) => ({
    id: r.id,
    sponsor: r.sponsor,
    intent_level: r.intent_level,
    captured_at: r.captured_at.toISOString(),
  }))
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
       (SELECT coalesce(sum(t.threads), 0) FROM command_center_proposal_counts t WHERE t.package_id = p.id AND t.status <> 'draft') AS proposals,
       (SELECT coalesce(sum(o.orders), 0) FROM command_center_order_counts o WHERE o.package_id = p.id AND o.is_funded) AS orders,
       (SELECT coalesce(sum(l.leads), 0) FROM command_center_lead_counts l WHERE l.event_id = p.event_id
          AND l.sponsor_id IN (SELECT o.sponsor_id FROM sponsorship_orders o WHERE o.package_id = p.id AND o.funded_at IS NOT NULL)) AS leads
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

/**
 * Builds the data of several widgets of one workspace. Each kind of read is made once for all the widgets that
 * need it, at the largest range or limit they ask for; each widget takes its part.
 */
export async function buildWidgetData(
  db: Queryable,
  ws: Workspace,
  widgets: WidgetInput[],
): Promise<PromiseSettledResult<WidgetData>[]> {
  const largest = (type: WidgetType, pick: (config: Record<string, unknown>) => number | null) =>
    Math.max(0, ...widgets.filter((w) => w.widgetType === type).map((w) => pick(w.config) ?? 0))
  const hourRange = (c: Record<string, unknown>) => (c.series === 'leads_per_hour' ? ((c.range as number) ?? 24) : null)
  const dayRange = (c: Record<string, unknown>) => (c.series === 'gmv_per_day' ? ((c.range as number) ?? 30) : null)
  const boardLimit = (board: string) => (c: Record<string, unknown>) =>
    c.board === board ? ((c.limit as number) ?? 5) : null
  const once = <T>(read: () => Promise<T>) => {
    let value: Promise<T> | null = null
    return () => (value ??= read())
  }
  const metrics = once(() => workspaceMetrics(db, ws))
  const hours = once(() => leadsPerHour(db, ws, largest('time_series', hourRange)))
  const days = once(() => gmvPerDay(db, ws, largest('time_series', dayRange)))
  const boards = {
    sponsors_by_leads: once(() =>
      leaderboardRows(db, ws, 'sponsors_by_leads', largest('leaderboard', boardLimit('sponsors_by_leads'))),
    ),
    representatives_by_captures: once(() =>
      leaderboardRows(
        db,
        ws,
        'representatives_by_captures',
        largest('leaderboard', boardLimit('representatives_by_captures')),
      ),
    ),
  }
  const captures = once(() =>
    latestCaptures(
      db,
      ws,
      largest('capture_ticker', (c) => (c.limit as number) ?? 10),
    ),
  )

  const one = async (widget: WidgetInput): Promise<WidgetData> => {
    const type = widget.widgetType as WidgetType
    switch (type) {
      case 'kpi_tile':
        return kpi(await metrics(), ws, widget.config as WidgetConfig<'kpi_tile'>)
      case 'funnel':
        return funnel(await metrics())
      case 'time_series': {
        const config = widget.config as WidgetConfig<'time_series'>
        return config.series === 'leads_per_hour'
          ? {
              kind: 'series',
              series: 'leads_per_hour',
              keys: ['hot', 'warm', 'cold'],
              points: lastOf(await hours(), config.range ?? 24),
            }
          : {
              kind: 'series',
              series: 'gmv_per_day',
              keys: ['gmv_cents'],
              points: lastOf(await days(), config.range ?? 30),
            }
      }
      case 'leaderboard': {
        const config = widget.config as WidgetConfig<'leaderboard'>
        return {
          kind: 'leaderboard',
          board: config.board,
          rows: (await boards[config.board]()).slice(0, config.limit ?? 5),
        }
      }
      case 'capture_ticker': {
        const config = widget.config as WidgetConfig<'capture_ticker'>
        return { kind: 'ticker', captures: (await captures()).slice(0, config.limit ?? 10) }
      }
      case 'marketplace_card':
        return marketplaceCard(db, ws, widget.packageId, widget.config as WidgetConfig<'marketplace_card'>)
      default:
        throw new Error(`unknown widget type ${widget.widgetType}`)
    }
  }
  // Every widget at once: the shared reads go out together (on Postgres, over several connections; a pooled
  // PGlite, one connection, queues them), each made once.
  return Promise.allSettled(widgets.map(one))
}
