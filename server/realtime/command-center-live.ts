// The command center's live stream (seed 001 §20.3): an outbox reader turns committed lead, proposal, order
// and payout events into per-workspace deltas (counts only), numbered in the reader's transaction, marks the
// workspaces' widget caches stale, and — gathered to a few per second — emits them to `command_center:{id}`.
// widget.updated goes to the same room. Sockets join with command_center.join (members only).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io'
import { commandCenterRealtime, commandCenterRoom, type CommandCenterDelta } from '../../shared/command-center'
import { realtimeEvents } from '../../shared/domain'
import { isUuid } from '../../shared/ids'
import type { Queryable } from '../db/database'
import { domainEventTypes } from '../outbox/domain-event-types'
import type { OutboxReaderSpec } from '../outbox/outbox-reader'
import {
  addDelta,
  deltaEventTypes,
  liveWorkspacesOfEvents,
  markStaleAndNumber,
  metricDelta,
  type LiveWorkspace,
  type MetricDelta,
} from '../workspaces/command-center-deltas'
import { DeltaCoalescer } from './delta-coalescer'
import { notificationsReader } from '../workspaces/workspace-notifications'
import type { JoinAck } from './realtime'

export const commandCenterReader = 'command_center_deltas'
/** An event older than this (a new reader catching up on history) is not live: it marks caches stale only. */
const liveForMs = 5 * 60_000

declare module 'fastify' {
  interface FastifyInstance {
    commandCenterLive: CommandCenterLive
  }
}

export interface CommandCenterLive {
  /** Removes from the workspace's room every socket whose user is no longer a member (call after a removal). */
  accessChanged(workspaceId: string): Promise<void>
}

interface BatchResult {
  deltas: { workspaceId: string; seq: number; metrics: MetricDelta }[]
  widgets: { workspaceId: string; widgetId: string; deleted: boolean }[]
}

/** Whether the user may read the workspace's stream: a member of it, still a member of its organization. */
export async function mayJoinCommandCenter(db: Queryable, userId: string, workspaceId: string) {
  const { rowCount } = await db.query(
    `SELECT 1 FROM sponsorship_workspace_members m JOIN sponsorship_workspaces w ON w.id = m.workspace_id
     JOIN memberships om ON om.org_id = w.org_id AND om.user_id = m.user_id
     WHERE m.workspace_id = $1 AND m.user_id = $2`,
    [workspaceId, userId],
  )
  return rowCount === 1
}

export function commandCenterDeltaReader(
  onBatch: (result: BatchResult) => void,
  now: () => number = Date.now,
): OutboxReaderSpec<BatchResult> {
  return {
    name: commandCenterReader,
    types: deltaEventTypes,
    handle: async (tx, events) => {
      const widgets = events
        .filter((e) => e.type === domainEventTypes.widgetUpdated)
        .map((e) => ({
          workspaceId: String(e.data.workspace_id),
          widgetId: String(e.data.widget_id),
          deleted: e.data.deleted === true,
        }))
      const moments = events.filter(
        (e) => e.type !== domainEventTypes.widgetUpdated && e.type !== domainEventTypes.workspaceCreated && e.eventId,
      )
      // Two statements per batch: who is concerned, then the caches marked stale and the sequences moved.
      const { organizers, workspaces } = await liveWorkspacesOfEvents(tx, [...new Set(moments.map((e) => e.eventId!))])
      const stale = new Set<string>()
      const live = new Map<string, { workspace: LiveWorkspace; metrics: MetricDelta }>()
      for (const event of moments) {
        const orgId = organizers.get(event.eventId!)
        const delta = metricDelta(event)
        for (const workspace of workspaces) {
          if (workspace.orgId !== orgId || (workspace.eventIds && !workspace.eventIds.includes(event.eventId!)))
            continue
          stale.add(workspace.id)
          if (!Object.keys(delta).length || now() - event.occurredAt.getTime() > liveForMs) continue
          const entry = live.get(workspace.id) ?? { workspace, metrics: {} }
          addDelta(entry.metrics, delta)
          live.set(workspace.id, entry)
        }
      }
      const seqs = await markStaleAndNumber(
        tx,
        [...stale],
        [...live.values()].map((e) => e.workspace),
      )
      return {
        widgets,
        deltas: [...live.values()].map((e) => ({
          workspaceId: e.workspace.id,
          seq: seqs.get(e.workspace.id)!,
          metrics: e.metrics,
        })),
      }
    },
    afterCommit: (result) => onBatch(result),
  }
}

function handleJoins(app: FastifyInstance, socket: Socket) {
  socket.on(commandCenterRealtime.join, async (args: unknown, ack: unknown) => {
    const reply: JoinAck = typeof ack === 'function' ? (ack as JoinAck) : () => {}
    const workspaceId = (args as { workspace_id?: unknown } | null)?.workspace_id
    if (!isUuid(workspaceId))
      return reply({ ok: false, error: { code: 'invalid-request', message: 'Send { workspace_id: <uuid> }.' } })
    const allowed = await mayJoinCommandCenter(app.db, socket.data.userId as string, workspaceId).catch(() => false)
    if (!allowed)
      return reply({ ok: false, error: { code: 'forbidden', message: 'You are not a member of that workspace.' } })
    await socket.join(commandCenterRoom(workspaceId))
    reply({ ok: true })
  })
  socket.on(commandCenterRealtime.leave, async (args: unknown) => {
    const workspaceId = (args as { workspace_id?: unknown } | null)?.workspace_id
    if (isUuid(workspaceId)) await socket.leave(commandCenterRoom(workspaceId))
  })
}

export default fp(
  async (app) => {
    const io = app.realtime.io
    const coalescer = new DeltaCoalescer((delta: CommandCenterDelta) =>
      io.to(commandCenterRoom(delta.workspace_id)).emit(commandCenterRealtime.delta, delta),
    )
    app.outbox.add(
      commandCenterDeltaReader((result) => {
        for (const delta of result.deltas) coalescer.push(delta.workspaceId, delta.seq, delta.metrics)
        for (const widget of result.widgets) {
          io.to(commandCenterRoom(widget.workspaceId)).emit(commandCenterRealtime.widgetUpdated, {
            workspace_id: widget.workspaceId,
            widget_id: widget.widgetId,
            deleted: widget.deleted,
          })
        }
      }),
    )
    io.on('connection', (socket: Socket) => handleJoins(app, socket))
    // Slack-format notifications read the same outbox; their jobs are delivered by the workers.
    app.outbox.add(notificationsReader(() => app.jobQueue.boss))
    app.decorate('commandCenterLive', {
      accessChanged: async (workspaceId: string) => {
        const room = commandCenterRoom(workspaceId)
        try {
          for (const socket of await io.in(room).fetchSockets()) {
            if (await mayJoinCommandCenter(app.db, socket.data.userId as string, workspaceId)) continue
            socket.leave(room)
            socket.emit(realtimeEvents.accessRevoked, { room, reason: 'Your access to this command center has ended.' })
          }
        } catch (error) {
          app.log.error(
            { err: error, workspaceId },
            'could not re-check the command center room after an access change',
          )
        }
      },
    })
    app.addHook('preClose', async () => coalescer.flush())
  },
  { name: 'command-center-live', dependencies: ['realtime', 'outbox'] },
)
