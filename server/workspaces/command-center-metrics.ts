// The command center's numbers for one workspace, read from the system of record over the workspace's events
// (all the organization's, or those its settings list). Counts and sums only: no attendee contact details.
// Read as the server: the organizer may see counts of leads that belong to sponsor organizations.
import type { Queryable } from '../db/database'
import type { CommandCenterMetric } from '../../shared/command-center'
import type { Workspace } from '../repositories/workspaces-repository'
import { defaultTimezone } from './workspace-settings'

export type MetricValues = Record<CommandCenterMetric, number> & { leads_yesterday: number }

/** `$1` org, `$2` event ids (null: all): the events a workspace covers, as a CTE. */
export const scopeCte = `ev AS (SELECT id FROM events WHERE org_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])))`
export const scopeParams = (ws: Workspace) => [ws.orgId, ws.settings.event_ids?.length ? ws.settings.event_ids : null]
export const timezoneOf = (ws: Workspace) => ws.settings.timezone ?? defaultTimezone

export async function workspaceMetrics(db: Queryable, ws: Workspace): Promise<MetricValues> {
  const { rows } = await db.query<Record<string, string>>(
    `WITH ${scopeCte},
     day AS (SELECT (date_trunc('day', now() AT TIME ZONE $3) AT TIME ZONE $3) AS start),
     o AS (SELECT
       coalesce(sum(amount_cents - refunded_cents) FILTER (WHERE escrow_state IN ('funded', 'locked', 'released')), 0) AS gmv_cents,
       count(*) FILTER (WHERE funded_at IS NOT NULL) AS orders_funded,
       count(*) FILTER (WHERE locked_at IS NOT NULL) AS orders_locked,
       count(*) FILTER (WHERE released_at IS NOT NULL) AS orders_released,
       coalesce(sum(amount_cents - refunded_cents) FILTER (WHERE escrow_state = 'released' AND payout_status IS DISTINCT FROM 'paid'), 0) AS payouts_pending_cents
       FROM sponsorship_orders WHERE event_id IN (SELECT id FROM ev)),
     p AS (SELECT coalesce(sum(sold), 0) AS packages_sold, coalesce(sum(inventory), 0) AS packages_inventory
       FROM sponsorship_packages WHERE event_id IN (SELECT id FROM ev)),
     t AS (SELECT count(*) FILTER (WHERE status IN ('sent', 'counter')) AS open_proposals,
       count(*) FILTER (WHERE status <> 'draft') AS proposals_sent,
       count(*) FILTER (WHERE status = 'accepted') AS proposals_accepted
       FROM proposal_threads WHERE event_id IN (SELECT id FROM ev)),
     pay AS (SELECT coalesce(sum(py.amount_cents), 0) AS payouts_paid_cents
       FROM sponsorship_payouts py JOIN sponsorship_orders so ON so.id = py.order_id WHERE so.event_id IN (SELECT id FROM ev)),
     l AS (SELECT count(*) AS leads, count(*) FILTER (WHERE intent_level = 'hot') AS hot_leads,
       coalesce(sum(capture_count), 0) AS captures,
       count(*) FILTER (WHERE created_at >= (SELECT start FROM day)) AS leads_today,
       count(*) FILTER (WHERE created_at >= (SELECT start FROM day) - interval '1 day' AND created_at < (SELECT start FROM day)) AS leads_yesterday
       FROM leads WHERE event_id IN (SELECT id FROM ev))
     SELECT * FROM o, p, t, pay, l`,
    [...scopeParams(ws), timezoneOf(ws)],
  )
  const row = rows[0]!
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as MetricValues
}
