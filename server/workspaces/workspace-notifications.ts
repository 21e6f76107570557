// Slack-format notifications of a command center (the seed's svc_sync_workspace_widgets): an order funded, the GMV
// goal crossing 25/50/75/100 %, a payout failed — to the workspace's notify_slack_webhook and reporting_webhook.
// An outbox reader decides what to say and enqueues one pg-boss job per hook in the same transaction; the job
// posts `{ text }` and is retried with backoff; every attempt is recorded in sponsorship_workspace_widget_events.
import type pg from 'pg'
import type { PgBoss } from 'pg-boss'
import type { Database, Queryable } from '../db/database'
import { formatMoney } from '../../shared/commerce/commerce-records'
import { domainEventTypes, type DomainEvent } from '../outbox/domain-event-types'
import type { OutboxReaderSpec } from '../outbox/outbox-reader'
import { recordWidgetEvent } from '../repositories/widgets-repository'
import { toWorkspace, workspaceColumns, type Workspace } from '../repositories/workspaces-repository'
import { eventOrganizers } from './command-center-deltas'
import { queues } from '../jobs/queues'
import { workspaceMetrics } from './command-center-metrics'

export const notificationReader = 'command_center_notifications'
export const notifyQueue = queues.commandCenterNotify
export const goalMarks = [25, 50, 75, 100] as const

export interface NotifyJob {
  workspaceId: string
  orgId: string
  url: string
  text: string
}

/** The goal marks the GMV has reached that were not announced yet. */
export function marksCrossed(
  gmvCents: number,
  goalCents: number | null | undefined,
  announced: readonly number[],
): number[] {
  if (!goalCents || goalCents <= 0) return []
  const share = (gmvCents / goalCents) * 100
  return goalMarks.filter((mark) => share >= mark && !announced.includes(mark))
}

const hooksOf = (ws: Workspace) => [
  ...new Set(
    [ws.notifySlackWebhook, ws.settings.reporting_webhook].filter(
      (u): u is string => typeof u === 'string' && u.length > 0,
    ),
  ),
]
const money = (value: unknown, currency: unknown) =>
  formatMoney(Number(value ?? 0), typeof currency === 'string' ? currency : 'USD')

async function notifiedWorkspaces(tx: Queryable, orgIds: string[]) {
  if (!orgIds.length) return []
  const { rows } = await tx.query(
    `SELECT ${workspaceColumns} FROM sponsorship_workspaces WHERE org_id = ANY($1::uuid[]) AND command_center_enabled AND archived_at IS NULL
       AND (notify_slack_webhook IS NOT NULL OR coalesce(settings->>'reporting_webhook', '') <> '')`,
    [orgIds],
  )
  return rows.map((row) => toWorkspace(row as Parameters<typeof toWorkspace>[0]))
}

async function announcedMarks(tx: Queryable, ws: Workspace) {
  const { rows } = await tx.query<{ goal_marks: number[] }>(
    `INSERT INTO sponsorship_command_center_streams (workspace_id, org_id) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id RETURNING goal_marks`,
    [ws.id, ws.orgId],
  )
  return rows[0]!.goal_marks
}

/** What each event says to each concerned workspace (several lines become one message per workspace). */
async function messagesFor(tx: pg.PoolClient, events: DomainEvent[]) {
  const organizers = await eventOrganizers(tx, [
    ...new Set(events.map((e) => e.eventId).filter((id): id is string => !!id)),
  ])
  const workspaces = await notifiedWorkspaces(tx, [...new Set(organizers.values())])
  const lines = new Map<string, { ws: Workspace; lines: string[] }>()
  const say = (ws: Workspace, line: string) => {
    const entry = lines.get(ws.id) ?? { ws, lines: [] }
    entry.lines.push(line)
    lines.set(ws.id, entry)
  }
  let fundedIn = new Set<string>()
  for (const event of events) {
    const orgId = event.eventId ? organizers.get(event.eventId) : undefined
    for (const ws of workspaces) {
      if (ws.orgId !== orgId || (ws.settings.event_ids?.length && !ws.settings.event_ids.includes(event.eventId!)))
        continue
      if (event.type === domainEventTypes.orderFunded) {
        say(ws, `:moneybag: Order funded: ${money(event.data.amount_cents, event.data.currency)} is held in escrow.`)
        fundedIn = fundedIn.add(ws.id)
      } else if (event.type === domainEventTypes.payoutFailed) {
        say(
          ws,
          `:warning: A payout of ${money(event.data.amount_cents, event.data.currency)} failed after its last attempt${typeof event.data.reason === 'string' ? `: ${event.data.reason}` : ''}. Check the payout account.`,
        )
      }
    }
  }
  for (const ws of workspaces.filter((w) => fundedIn.has(w.id))) {
    const announced = await announcedMarks(tx, ws)
    const metrics = await workspaceMetrics(tx, ws)
    const crossed = marksCrossed(metrics.gmv_cents, ws.settings.goal_gmv_cents, announced)
    if (!crossed.length) continue
    await tx.query(
      'UPDATE sponsorship_command_center_streams SET goal_marks = $2, updated_at = now() WHERE workspace_id = $1',
      [ws.id, [...announced, ...crossed]],
    )
    say(
      ws,
      `:dart: ${ws.name} reached ${Math.max(...crossed)} % of its GMV goal (${money(metrics.gmv_cents, 'USD')} of ${money(ws.settings.goal_gmv_cents, 'USD')}).`,
    )
  }
  return [...lines.values()]
}

export function notificationsReader(boss: () => PgBoss | null): OutboxReaderSpec<void> {
  return {
    name: notificationReader,
    types: [domainEventTypes.orderFunded, domainEventTypes.payoutFailed],
    batchSize: 100,
    handle: async (tx, events) => {
      const messages = await messagesFor(tx, events)
      if (!messages.length) return
      const queue = boss()
      // Without the job queue the batch waits (the cursor stays) rather than dropping what it would say.
      if (!queue) throw new Error('the job queue is not running yet; notifications wait')
      const db = {
        executeSql: async (text: string, values?: unknown[]) => ({ rows: (await tx.query(text, values)).rows }),
      }
      for (const { ws, lines } of messages) {
        for (const url of hooksOf(ws)) {
          const job: NotifyJob = { workspaceId: ws.id, orgId: ws.orgId, url, text: lines.join('\n') }
          await queue.send(notifyQueue, job, {
            retryLimit: 6,
            retryDelay: 1,
            retryBackoff: true,
            retryDelayMax: 300,
            db,
          })
        }
      }
    },
  }
}

/** Posts one notification; a failure is recorded and thrown so pg-boss retries it with backoff. */
export async function deliverNotification(db: Database, job: NotifyJob, timeoutMs = 5000) {
  try {
    const response = await fetch(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: job.text }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!response.ok) throw new Error(`the hook answered ${response.status}`)
    await recordWidgetEvent(db, {
      workspaceId: job.workspaceId,
      orgId: job.orgId,
      widgetId: null,
      kind: 'delivery',
      ok: true,
    })
  } catch (error) {
    // The hook's URL is a secret (its path is the key): only the outcome is recorded.
    const message = error instanceof Error ? error.message : String(error)
    await recordWidgetEvent(db, {
      workspaceId: job.workspaceId,
      orgId: job.orgId,
      widgetId: null,
      kind: 'delivery',
      ok: false,
      error: message,
    })
    throw new Error(`notification delivery failed: ${message}`)
  }
}
