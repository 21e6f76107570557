// Lead moments and access changes for in-process listeners (GraphQL subscriptions), on every instance:
// delivered here at once and, on Postgres, to the other instances through the same socket.io Postgres
// adapter that shares the socket rooms (serverSideEmit), so two instances on one database behave as one.
import { EventEmitter } from 'node:events'
import type { Server } from 'socket.io'
import type { IntentLevel } from '../../shared/leads/intent-scoring'
import type { Lead } from '../repositories/leads-repository'

export type FeedMessage =
  | { kind: 'lead.captured'; sponsorId: string; lead: Lead }
  | { kind: 'lead.intent'; sponsorId: string; lead: Lead; previousLevel: IntentLevel | null }
  /** Who may read the sponsor's leads changed: live subscriptions re-check their permission. */
  | { kind: 'access.changed'; sponsorId: string }

const channel = 'yardpass:feed'

export class FeedBus {
  private readonly local = new EventEmitter().setMaxListeners(0)

  constructor(
    private readonly io: Server,
    private readonly isShared: boolean,
  ) {
    if (isShared) io.on(channel, (message: FeedMessage) => this.local.emit('message', message))
  }

  publish(message: FeedMessage) {
    this.local.emit('message', message)
    if (this.isShared) this.io.serverSideEmit(channel, message)
  }

  /** Returns the function that stops listening. */
  subscribe(listener: (message: FeedMessage) => void): () => void {
    this.local.on('message', listener)
    return () => this.local.off('message', listener)
  }
}
