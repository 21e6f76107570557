// The command center's numbers for one workspace over the workspace's events (all the organization's, or those its
// settings list), read from the counters the database keeps in step with leads, orders, proposals and payouts
// (migration 0029): a read sums a few hundred counter rows, whatever the number of leads. Counts and sums only:
// no attendee contact details. Read as the server: the organizer may see counts of leads that belong to sponsor
// organizations.
import { named, type Queryable } from '../db/database'
import type { CommandCenterMetric } from '../../shared/command-center'
import type { Workspace } from '../repositories/workspaces-repository'
import { defaultTimezone } from './workspace-settings'

export type MetricValues = Record<CommandCenterMetric, number> & { leads_yesterday: number }

/** `$1` org, `$2` event ids (null: all): the events a workspace covers, as a CTE. */
export const scopeCte = `ev AS (SELECT id FROM events WHERE org_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])))`
export const scopeParams = (ws: Workspace) => [ws.orgId, ws.settings.event_ids?.length ? ws.settings.event_ids : null]
export const timezoneOf = (ws: Workspace) => ws.settings.timezone ?? defaultTimezone

/**
 * Counters are kept by UTC hour; a day in a time zone a fraction of an hour off UTC starts inside an hour. The hour
 * holding a day start `b` is counted for the day before: this counts, from the leads themselves (index on event and
 * time), what of that hour falls on or after `b`, to be moved to its day. Zero, read from nothing, when `b` is on the hour.
 */
const leadsFrom = (b: string) =>
  `(CASE WHEN ${b} = command_center_hour(${b}) THEN 0 ELSE (SELECT count(*) FROM leads WHERE event_id IN (SELECT id FROM ev)
     AND created_at >= ${b} AND created_at < command_center_hour(${b}) + interval '1 hour') END)`

export async function workspaceMetrics(db: Queryable, ws: Workspace): Promise<MetricValues> {
  const { rows } = await db.query<Record<string, string>>(
    named(
      'cc-workspace-metrics',
      `WITH ${scopeCte},
     day AS (SELECT (date_trunc('day', now() AT TIME ZONE $3) AT TIME ZONE $3) AS today),
     b AS (SELECT today, today - interval '1 day' AS yesterday FROM day),
     o AS (SELECT
       coalesce(sum(net_cents) FILTER (WHERE escrow_state IN ('funded', 'locked', 'released')), 0) AS gmv_cents,
       coalesce(sum(orders) FILTER (WHERE is_funded), 0) AS orders_funded,
       coalesce(sum(orders) FILTER (WHERE is_locked), 0) AS orders_locked,
       coalesce(sum(orders) FILTER (WHERE is_released), 0) AS orders_released,
       coalesce(sum(net_cents) FILTER (WHERE escrow_state = 'released' AND NOT is_paid_out), 0) AS payouts_pending_cents
       FROM command_center_order_counts WHERE event_id IN (SELECT id FROM ev)),
     p AS (SELECT coalesce(sum(sold), 0) AS packages_sold, coalesce(sum(inventory), 0) AS packages_inventory
       FROM sponsorship_packages WHERE event_id IN (SELECT id FROM ev)),
     t AS (SELECT coalesce(sum(threads) FILTER (WHERE status IN ('sent', 'counter')), 0) AS open_proposals,
       coalesce(sum(threads) FILTER (WHERE status <> 'draft'), 0) AS proposals_sent,
       coalesce(sum(threads) FILTER (WHERE status = 'accepted'), 0) AS proposals_accepted
       FROM command_center_proposal_counts WHERE event_id IN (SELECT id FROM ev)),
     pay AS (SELECT coalesce(sum(paid_cents), 0) AS payouts_paid_cents
       FROM command_center_payout_sums WHERE event_id IN (SELECT id FROM ev)),
     l AS (SELECT coalesce(sum(leads), 0) AS leads, coalesce(sum(leads) FILTER (WHERE intent_level = 'hot'), 0) AS hot_leads,
       coalesce(sum(captures), 0) AS captures
       FROM command_center_lead_counts WHERE event_id IN (SELECT id FROM ev)),
     h AS (SELECT coalesce(sum(leads) FILTER (WHERE hour >= (SELECT today FROM b)), 0) AS today_hours,
       coalesce(sum(leads) FILTER (WHERE hour < (SELECT today FROM b)), 0) AS yesterday_hours
       FROM command_center_lead_hours WHERE event_id IN (SELECT id FROM ev) AND hour >= (SELECT yesterday FROM b)),
     edge AS (SELECT ${leadsFrom('b.today')} AS today_edge, ${leadsFrom('b.yesterday')} AS yesterday_edge FROM b)
     SELECT o.*, p.*, t.*, pay.*, l.*,
       h.today_hours + edge.today_edge AS leads_today,
       h.yesterday_hours + edge.yesterday_edge - edge.today_edge AS leads_yesterday
     FROM o, p, t, pay, l, h, edge`,
    ),
    [...scopeParams(ws), timezoneOf(ws)],
  )
  const row = rows[0]!
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as MetricValues
}
