// Live commerce for the desktop: each committed proposal, order and payout event goes, as `commerce.changed`,
// to the rooms of the organizations it concerns, so open screens reload the thing instead of waiting for a
// Refresh. Read from the outbox, so nothing uncommitted is announced and a change made by a job (a payout on
// a worker instance) is announced too; on Postgres the socket adapter reaches every instance's sockets.
import { realtimeEvents, type CommerceLiveEvent } from '../../shared/domain'
import { domainEventTypes, type DomainEvent } from '../outbox/domain-event-types'
import type { OutboxReaderSpec } from '../outbox/outbox-reader'
import type { Realtime } from './realtime'

export const commerceFeedReader = 'desktop_commerce_feed'

const commerceTypes = Object.values(domainEventTypes).filter((type) => /^(order|payout|proposal)\./.test(type))

/** A screen reloads on a live event; an event older than this (a new reader catching up on history) is not live. */
const liveForMs = 5 * 60_000

const id = (value: unknown) => (typeof value === 'string' ? value : null)

export function commerceLiveEvent(event: DomainEvent): CommerceLiveEvent {
  return { type: event.type, proposal_id: id(event.data.proposal_id), order_id: id(event.data.order_id) }
}

export function commerceFeed(realtime: Realtime, now: () => number = Date.now): OutboxReaderSpec<void> {
  return {
    name: commerceFeedReader,
    types: commerceTypes,
    handle: async () => undefined,
    afterCommit: (_result, events) => {
      for (const event of events) {
        if (now() - event.occurredAt.getTime() > liveForMs) continue
        const live = commerceLiveEvent(event)
        for (const orgId of new Set(event.orgIds)) realtime.toOrg(orgId, realtimeEvents.commerceChanged, live)
      }
    },
  }
}
