// The core's socket.io connection to the server: connection state for the UI, and live domain events.
import { io, type Socket } from 'socket.io-client'
import { realtimeEvents, realtimeRequests, type EventRecord } from '../../../shared/domain'
import type { ConnectionState } from '../../../shared/desktop-api'

export interface RealtimeLinkOptions {
  serverUrl: string
  accessToken: () => string
  orgId: () => string | null
  refreshToken: () => Promise<void>
  onConnection: (state: ConnectionState) => void
  onEventUpdated: (event: EventRecord) => void
}

export class RealtimeLink {
  private readonly socket: Socket

  constructor(private readonly options: RealtimeLinkOptions) {
    this.socket = io(options.serverUrl, {
      auth: (send) => send({ token: options.accessToken() }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
    })
    options.onConnection('connecting')
    this.socket.on('connect', () => {
      options.onConnection('online')
      void this.joinOrg()
    })
    this.socket.on('disconnect', () => options.onConnection('offline'))
    this.socket.on('connect_error', (error) => {
      options.onConnection('offline')
      // A refused handshake is not retried by socket.io itself: refresh the token, then reconnect.
      if (error.message.startsWith('unauthorized')) {
        options.refreshToken().then(
          () => this.socket.connect(),
          () => {},
        )
      }
    })
    this.socket.on(realtimeEvents.eventUpdated, (event: EventRecord) => options.onEventUpdated(event))
  }

  /** Joins the active organization's room (again after a reconnect or an org switch). */
  async joinOrg(): Promise<void> {
    const orgId = this.options.orgId()
    if (!orgId || !this.socket.connected) return
    await this.socket.timeout(5000).emitWithAck(realtimeRequests.orgJoin, { org_id: orgId }).catch(() => undefined)
  }

  close(): void {
    this.socket.removeAllListeners()
    this.socket.disconnect()
  }
}
