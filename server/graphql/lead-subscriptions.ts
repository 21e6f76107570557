// Live GraphQL subscriptions to a sponsor's leads on this instance. Joining takes the lead room's rule
// (mayReadSponsorRoom: sponsor:leads:read at a sponsor still active somewhere); an access change announced
// on the feed bus (from any instance) re-checks every subscription of that sponsor and ends, with the error
// access-revoked, those whose user may no longer read it — as sockets are evicted from the room.
import type { FastifyInstance } from 'fastify'
import type { FeedBus, FeedMessage } from '../realtime/feed-bus'
import { mayReadSponsorRoom } from '../realtime/room-access'
import { AppError, forbidden } from '../errors'

type LeadMoment = Exclude<FeedMessage, { kind: 'access.changed' }>

/** At most this many undelivered moments per subscription; a consumer further behind is ended. */
const queueLimit = 1000

export const accessRevoked = () => new AppError(403, 'access-revoked', "Your access to this sponsor's leads has ended.")

class LiveSubscription implements AsyncIterableIterator<LeadMoment> {
  private readonly queue: LeadMoment[] = []
  private waiting: { resolve: (result: IteratorResult<LeadMoment>) => void; reject: (error: Error) => void } | null =
    null
  private failure: Error | null = null
  private isDone = false

  constructor(
    readonly userId: string,
    readonly sponsorId: string,
    readonly kind: LeadMoment['kind'],
    private readonly onEnd: (sub: LiveSubscription) => void,
  ) {}

  push(moment: LeadMoment) {
    if (this.isDone) return
    if (this.waiting) {
      const { resolve } = this.waiting
      this.waiting = null
      resolve({ value: moment, done: false })
    } else if (this.queue.length >= queueLimit) {
      this.fail(
        new AppError(
          429,
          'subscription-behind',
          'This subscription fell too far behind; subscribe again and reload the list.',
        ),
      )
    } else this.queue.push(moment)
  }

  /** Ends the subscription with an error the client receives. */
  fail(error: Error) {
    if (this.isDone) return
    this.failure = error
    if (this.waiting) {
      const { reject } = this.waiting
      this.waiting = null
      this.finish()
      reject(error)
    }
  }

  next(): Promise<IteratorResult<LeadMoment>> {
    const queued = this.queue.shift()
    if (queued) return Promise.resolve({ value: queued, done: false })
    if (this.failure) {
      const failure = this.failure
      this.finish()
      return Promise.reject(failure)
    }
    if (this.isDone) return Promise.resolve({ value: undefined, done: true })
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
    })
  }

  return(): Promise<IteratorResult<LeadMoment>> {
    this.finish()
    this.waiting?.resolve({ value: undefined, done: true })
    this.waiting = null
    return Promise.resolve({ value: undefined, done: true })
  }

  [Symbol.asyncIterator]() {
    return this
  }

  private finish() {
    if (this.isDone) return
    this.isDone = true
    this.queue.length = 0
    this.onEnd(this)
  }
}

export class LeadSubscriptions {
  private readonly bySponsor = new Map<string, Set<LiveSubscription>>()
  private readonly stopListening: () => void

  constructor(
    private readonly app: FastifyInstance,
    bus: FeedBus,
  ) {
    this.stopListening = bus.subscribe((message) => {
      if (message.kind === 'access.changed') void this.revalidate(message.sponsorId)
      else
        for (const sub of this.bySponsor.get(message.sponsorId) ?? []) if (sub.kind === message.kind) sub.push(message)
    })
  }

  /** Opens a subscription if the user may read the sponsor's lead feed (the socket room's rule); 403 otherwise. */
  async open(userId: string, sponsorId: string, kind: LeadMoment['kind']): Promise<AsyncIterableIterator<LeadMoment>> {
    if (!(await mayReadSponsorRoom(this.app, userId, sponsorId).catch(() => false))) {
      throw forbidden("Following a sponsor's leads needs the permission sponsor:leads:read for that sponsor.")
    }
    const sub = new LiveSubscription(userId, sponsorId, kind, (ended) =>
      this.bySponsor.get(ended.sponsorId)?.delete(ended),
    )
    let subs = this.bySponsor.get(sponsorId)
    if (!subs) {
      subs = new Set()
      this.bySponsor.set(sponsorId, subs)
    }
    subs.add(sub)
    return sub
  }

  /** How many subscriptions are open here (for tests and shutdown). */
  get size() {
    let n = 0
    for (const subs of this.bySponsor.values()) n += subs.size
    return n
  }

  close() {
    this.stopListening()
    for (const subs of this.bySponsor.values()) for (const sub of [...subs]) void sub.return()
    this.bySponsor.clear()
  }

  private async revalidate(sponsorId: string) {
    const subs = [...(this.bySponsor.get(sponsorId) ?? [])]
    const verdicts = new Map<string, Promise<boolean>>()
    for (const sub of subs) {
      if (!verdicts.has(sub.userId))
        verdicts.set(
          sub.userId,
          mayReadSponsorRoom(this.app, sub.userId, sponsorId).catch(() => false),
        )
      if (!(await verdicts.get(sub.userId)!)) sub.fail(accessRevoked())
    }
  }
}
