// What each domain event changes in a command center's numbers (counts and sums only: a lead's delta never
// carries who the lead is), and which workspaces it concerns: command centers enabled, not archived, of the
// event's organizer, covering its event.
import { named, type Queryable } from '../db/database'
import type { CommandCenterMetric } from '../../shared/command-center'
import { domainEventTypes, type DomainEvent } from '../outbox/domain-event-types'

export type MetricDelta = Partial<Record<CommandCenterMetric, number>>

export const deltaEventTypes = [
  domainEventTypes.leadCaptured,
  domainEventTypes.proposalSent,
  domainEventTypes.proposalCounter,
  domainEventTypes.proposalAccepted,
  domainEventTypes.proposalRejected,
  domainEventTypes.proposalExpired,
  domainEventTypes.orderFunded,
  domainEventTypes.orderLocked,
  domainEventTypes.orderReleased,
  domainEventTypes.orderRefunded,
  domainEventTypes.payoutCompleted,
  domainEventTypes.widgetUpdated,
  domainEventTypes.workspaceCreated,
] as const

const num = (value: unknown) =>
  typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : 0

/** The change one event makes; empty when it changes none of the numbers. */
export function metricDelta(event: DomainEvent): MetricDelta {
  const d = event.data
  switch (event.type) {
    case domainEventTypes.leadCaptured: {
      const isNew = d.is_repeat !== true
      const hot = d.intent_level === 'hot'
      const wasHot = !isNew && d.previous_intent_level === 'hot'
      const delta: MetricDelta = { captures: 1 }
      if (isNew) Object.assign(delta, { leads: 1, leads_today: 1 })
      if (hot !== wasHot) delta.hot_leads = hot ? 1 : -1
      return delta
    }
    case domainEventTypes.proposalSent:
      return { open_proposals: 1, proposals_sent: 1 }
    case domainEventTypes.proposalAccepted:
      return { open_proposals: -1, proposals_accepted: 1 }
    case domainEventTypes.proposalRejected:
    case domainEventTypes.proposalExpired:
      return { open_proposals: -1 }
    case domainEventTypes.orderFunded:
      return { orders_funded: 1, gmv_cents: num(d.amount_cents) - num(d.refunded_cents) }
    case domainEventTypes.orderLocked:
      return { orders_locked: 1 }
    case domainEventTypes.orderReleased:
      return { orders_released: 1, payouts_pending_cents: num(d.amount_cents) - num(d.refunded_cents) }
    case domainEventTypes.payoutCompleted:
      return { payouts_paid_cents: num(d.amount_cents) }
    default:
      return {}
  }
}

export function addDelta(into: MetricDelta, delta: MetricDelta) {
  for (const [key, value] of Object.entries(delta) as [CommandCenterMetric, number][])
    into[key] = (into[key] ?? 0) + value
  return into
}

export interface LiveWorkspace {
  id: string
  orgId: string
  eventIds: string[] | null
}

/**
 * The organizer of each of these events and the live (enabled, not archived) command centers of those organizers,
 * in one statement (the delta reader runs it for every batch).
 */
export async function liveWorkspacesOfEvents(db: Queryable, eventIds: readonly string[]) {
  if (!eventIds.length) return { organizers: new Map<string, string>(), workspaces: [] as LiveWorkspace[] }
  const { rows } = await db.query<{
    organizers: Record<string, string> | null
    workspaces: { id: string; org_id: string; event_ids: string[] | null }[]
  }>(
    named(
      'cc-live-workspaces-of-events',
      `WITH e AS (SELECT id, org_id FROM events WHERE id = ANY($1::uuid[]))
       SELECT (SELECT json_object_agg(id, org_id) FROM e) AS organizers,
         coalesce((SELECT json_agg(json_build_object('id', w.id, 'org_id', w.org_id, 'event_ids',
             CASE WHEN jsonb_typeof(w.settings->'event_ids') = 'array' AND jsonb_array_length(w.settings->'event_ids') > 0
               THEN w.settings->'event_ids' END))
           FROM sponsorship_workspaces w
           WHERE w.org_id IN (SELECT org_id FROM e) AND w.command_center_enabled AND w.archived_at IS NULL), '[]') AS workspaces`,
    ),
    [eventIds],
  )
  const row = rows[0]!
  return {
    organizers: new Map(Object.entries(row.organizers ?? {})),
    workspaces: row.workspaces.map((w) => ({ id: w.id, orgId: w.org_id, eventIds: w.event_ids })),
  }
}

/**
 * Marks the widget caches of `stale` workspaces for a rebuild and moves the delta sequence of each `live` one by one,
 * in one statement; returns the new numbers.
 */
export async function markStaleAndNumber(db: Queryable, stale: readonly string[], live: readonly LiveWorkspace[]) {
  if (!stale.length && !live.length) return new Map<string, number>()
  const { rows } = await db.query<{ workspace_id: string; last_seq: string }>(
    named(
      'cc-mark-stale-and-number',
      `WITH stale AS (UPDATE sponsorship_workspace_widget_cache SET is_stale = true
         WHERE workspace_id = ANY($1::uuid[]) AND NOT is_stale RETURNING 1)
       INSERT INTO sponsorship_command_center_streams AS s (workspace_id, org_id, last_seq)
       SELECT w, o, 1 FROM unnest($2::uuid[], $3::uuid[]) AS t(w, o) ORDER BY w
       ON CONFLICT (workspace_id) DO UPDATE SET last_seq = s.last_seq + 1, updated_at = now()
       RETURNING workspace_id, last_seq`,
    ),
    [stale, live.map((w) => w.id), live.map((w) => w.orgId)],
  )
  return new Map(rows.map((r) => [r.workspace_id, Number(r.last_seq)]))
}

/** The organizer of each event. */
export async function eventOrganizers(db: Queryable, eventIds: readonly string[]) {
  if (!eventIds.length) return new Map<string, string>()
  const { rows } = await db.query<{ id: string; org_id: string }>(
    'SELECT id, org_id FROM events WHERE id = ANY($1::uuid[])',
    [eventIds],
  )
  return new Map(rows.map((r) => [r.id, r.org_id]))
}
