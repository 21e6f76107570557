// The core's socket.io connection to the server: connection state for the UI, and live domain events.
import { io, type Socket } from 'socket.io-client'
import { realtimeEvents, realtimeRequests, type CommerceLiveEvent, type EventRecord } from '../../../shared/domain'
import type {
  AttendeesImportProgress,
  CommerceChange,
  ConnectionState,
  LeadCountsChange,
} from '../../../shared/desktop-api'
import { leadRealtime } from '../../../shared/leads/lead-record'
import { syncPoke } from '../../../shared/sync/sync-protocol'
import { commandCenterRealtime, type CommandCenterDelta } from '../../../shared/command-center'

export interface RealtimeLinkOptions {
  serverUrl: string
  accessToken: () => string
  orgId: () => string | null
  refreshToken: () => Promise<void>
  onConnection: (state: ConnectionState) => void
  onEventUpdated: (event: EventRecord) => void
  /** Sponsors whose lead rooms to join: their changes poke a sync. */
  sponsorIds: () => string[]
  /** The server says this device's scope changed (or the network is back): time to sync. */
  onPoke: () => void
  /** A proposal, order or payout of the active organization changed: live commerce screens reload it. */
  onCommerceChanged?: (change: CommerceChange) => void
  /** Lead counts of a sponsor at one of the organizer's events changed. */
  onLeadCounts?: (counts: LeadCountsChange) => void
  /** An attendee import of the active organization moved on (rows read, then written). */
  onImportProgress?: (progress: AttendeesImportProgress) => void
  /** The command center on screen: its live stream is joined (again after a reconnect). */
  commandCenterWorkspace?: () => string | null
  onCommandCenterDelta?: (delta: CommandCenterDelta) => void
  onWidgetUpdated?: (update: { workspace_id: string; widget_id: string; deleted: boolean }) => void
}

/** Waits between attempts to refresh the token and reconnect while the server is away: 0.5 s doubling to 10 s. */
const retryDelayMs = (attempt: number) => (attempt === 0 ? 0 : Math.min(500 * 2 ** (attempt - 1), 10_000))

export class RealtimeLink {
  private readonly socket: Socket
  private isClosed = false
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private retryAttempts = 0

  constructor(private readonly options: RealtimeLinkOptions) {
    this.socket = io(options.serverUrl, {
      auth: (send) => send({ token: options.accessToken() }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
    })
    options.onConnection('connecting')
    this.socket.on('connect', () => {
      this.retryAttempts = 0
      options.onConnection('online')
      void this.joinOrg()
      void this.joinSponsors()
      void this.joinCommandCenter()
      options.onPoke()
    })
    this.socket.on('disconnect', (reason) => {
      options.onConnection('offline')
      // The server ended the socket (its token expired before it was renewed): reconnect with a fresh one.
      if (reason === 'io server disconnect') this.reconnectWithFreshToken()
    })
    // The token expires within a minute: renew in band, so rooms and live views stay as they are.
    this.socket.on(realtimeEvents.authExpiring, () => void this.renew())
    this.socket.on('connect_error', (error) => {
      options.onConnection('offline')
      // A refused handshake is not retried by socket.io itself: refresh the token, then reconnect.
      if (error.message.startsWith('unauthorized')) this.reconnectWithFreshToken()
    })
    this.socket.on(realtimeEvents.eventUpdated, (event: EventRecord) => options.onEventUpdated(event))
    for (const poke of [syncPoke, leadRealtime.capturedNew, leadRealtime.intentUpdated, leadRealtime.updated])
      this.socket.on(poke, () => options.onPoke())
    this.socket.on(realtimeEvents.commerceChanged, (event: CommerceLiveEvent) => {
      const change = commerceChange(event)
      if (change) options.onCommerceChanged?.(change)
    })
    // A deliverable moved (a proof in, a review done): both parties' fulfillment screens re-read.
    this.socket.on(realtimeEvents.deliverableUpdated, (data: { order_id?: unknown } | null) =>
      options.onCommerceChanged?.({
        kind: 'deliverable',
        type: realtimeEvents.deliverableUpdated,
        proposalId: null,
        orderId: typeof data?.order_id === 'string' ? data.order_id : null,
      }),
    )
    this.socket.on(
      realtimeEvents.attendeesImportProgress,
      (p: { event_id?: unknown; phase?: unknown; done?: unknown; total?: unknown }) => {
        if (
          typeof p?.event_id !== 'string' ||
          (p.phase !== 'reading' && p.phase !== 'writing') ||
          typeof p.done !== 'number'
        )
          return
        options.onImportProgress?.({
          eventId: p.event_id,
          phase: p.phase,
          done: p.done,
          total: typeof p.total === 'number' ? p.total : null,
        })
      },
    )
    this.socket.on(commandCenterRealtime.delta, (delta: CommandCenterDelta) => {
      if (typeof delta?.workspace_id === 'string' && Number.isInteger(delta.seq)) options.onCommandCenterDelta?.(delta)
    })
    this.socket.on(
      commandCenterRealtime.widgetUpdated,
      (update: { workspace_id?: unknown; widget_id?: unknown; deleted?: unknown }) => {
        if (typeof update?.workspace_id === 'string' && typeof update.widget_id === 'string') {
          options.onWidgetUpdated?.({
            workspace_id: update.workspace_id,
            widget_id: update.widget_id,
            deleted: update.deleted === true,
          })
        }
      },
    )
    this.socket.on(
      leadRealtime.countsChanged,
      (counts: {
        event_id?: unknown
        sponsor_id?: unknown
        new_leads?: unknown
        intent_level_delta?: Record<string, unknown>
      }) => {
        if (typeof counts?.event_id !== 'string' || typeof counts.sponsor_id !== 'string') return
        const delta = (level: string) => Number(counts.intent_level_delta?.[level] ?? 0) || 0
        options.onLeadCounts?.({
          eventId: counts.event_id,
          sponsorId: counts.sponsor_id,
          newLeads: Number(counts.new_leads ?? 0) || 0,
          intentLevelDelta: { hot: delta('hot'), warm: delta('warm'), cold: delta('cold') },
        })
      },
    )
  }

  /**
   * Refreshes the token, then reconnects. socket.io does not retry after the server ended the socket (a
   * graceful restart does exactly that) or refused the handshake, so this keeps trying with backoff until
   * the server answers: a failed refresh (server still down) used to end the attempts for good, leaving
   * the link "Offline" until sign-out. A refused refresh (401) signs out, which closes the link.
   */
  private reconnectWithFreshToken() {
    if (this.isClosed || this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.retryAttempts++
      this.options.refreshToken().then(
        () => {
          if (!this.isClosed && !this.socket.connected) this.socket.connect()
        },
        () => this.reconnectWithFreshToken(),
      )
    }, retryDelayMs(this.retryAttempts))
  }

  /** Sends a fresh access token on the open socket; if the server refuses it, starts over with a new connection. */
  private async renew() {
    try {
      await this.options.refreshToken()
      const reply = (await this.socket
        .timeout(5000)
        .emitWithAck(realtimeRequests.authRenew, { token: this.options.accessToken() })) as { ok: boolean }
      if (reply.ok) return
    } catch {
      // offline or no answer: the server disconnects at expiry and the reconnect below takes over
    }
    this.socket.disconnect()
    this.reconnectWithFreshToken()
  }

  /** Joins the lead rooms of the sponsors this device works for. */
  async joinSponsors(): Promise<void> {
    if (!this.socket.connected) return
    for (const sponsorId of this.options.sponsorIds()) {
      await this.socket
        .timeout(5000)
        .emitWithAck(leadRealtime.join, { sponsor_id: sponsorId })
        .catch(() => undefined)
    }
  }

  /** Joins the active organization's room (again after a reconnect or an org switch). */
  async joinOrg(): Promise<void> {
    const orgId = this.options.orgId()
    if (!orgId || !this.socket.connected) return
    await this.socket
      .timeout(5000)
      .emitWithAck(realtimeRequests.orgJoin, { org_id: orgId })
      .catch(() => undefined)
  }

  /** Follows the command center on screen: leaves the one it followed, joins this one's live stream. */
  async joinCommandCenter(previous?: string | null): Promise<boolean> {
    if (!this.socket.connected) return false
    if (previous) this.socket.emit(commandCenterRealtime.leave, { workspace_id: previous })
    const workspaceId = this.options.commandCenterWorkspace?.()
    if (!workspaceId) return false
    const reply = (await this.socket
      .timeout(5000)
      .emitWithAck(commandCenterRealtime.join, { workspace_id: workspaceId })
      .catch(() => null)) as { ok?: boolean } | null
    return reply?.ok === true
  }

  close(): void {
    this.isClosed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.socket.removeAllListeners()
    this.socket.disconnect()
  }
}

/** The server's commerce event as the desktop API's; null for anything that is not one (a newer server's). */
function commerceChange(event: CommerceLiveEvent | null | undefined): CommerceChange | null {
  const type = typeof event?.type === 'string' ? event.type : ''
  const kind = type.startsWith('proposal.')
    ? 'proposal'
    : type.startsWith('order.')
      ? 'order'
      : type.startsWith('payout.')
        ? 'payout'
        : null
  if (!kind || !event) return null
  const id = (value: unknown) => (typeof value === 'string' ? value : null)
  return { kind, type, proposalId: id(event.proposal_id), orderId: id(event.order_id) }
}
