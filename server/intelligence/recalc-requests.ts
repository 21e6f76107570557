// POST /v1/matches/recompute (seed 001 §20.3) and seed 003's score-on-change contract: what a caller may
// queue. An organizer queues its own events (optionally narrowed to sponsors); a sponsor queues itself
// (optionally narrowed to events). Ids the caller cannot act on are a 404 and nothing is queued.
import type { Database } from '../db/database'
import type { OrgKind } from '../../shared/domain'
import { AppError, badRequest, notFound } from '../errors'
import { enqueueRecalc, type RecalcTarget } from './recalc-queue'

export interface RecalcRequest {
  event_id?: string | undefined
  sponsor_id?: string | undefined
  event_ids?: string[] | undefined
  sponsor_ids?: string[] | undefined
}

export interface RecalcAnswer {
  success: true
  queued: number
  operations: string[]
  duration_ms: number
  timestamp: string
}

const maxPairs = 10_000
const distinct = (one: string | undefined, many: string[] | undefined) => [
  ...new Set([...(one ? [one] : []), ...(many ?? [])]),
]

async function countOwned(db: Database, table: 'events' | 'sponsors', ids: string[], orgId: string | null) {
  if (ids.length === 0) return 0
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR org_id = $2)`,
    [ids, orgId],
  )
  return rows[0]!.n
}

/** Checks the request against the caller's organization and queues its targets. */
export async function queueRecalcRequest(
  db: Database,
  caller: { orgId: string; orgKind: OrgKind },
  body: RecalcRequest,
  reason: string,
): Promise<RecalcAnswer> {
  const started = performance.now()
  const events = distinct(body.event_id, body.event_ids)
  const sponsors = distinct(body.sponsor_id, body.sponsor_ids)
  const isOrganizer = caller.orgKind === 'organizer'
  const own = isOrganizer ? events : sponsors
  const other = isOrganizer ? sponsors : events
  if (own.length === 0) {
    throw badRequest(
      'invalid-request',
      isOrganizer
        ? 'Name the events to recompute: event_id or event_ids (your own events; sponsor ids narrow them to pairs).'
        : 'Name your sponsor: sponsor_id or sponsor_ids (event ids narrow it to pairs).',
    )
  }
  if (own.length * Math.max(1, other.length) > maxPairs) {
    throw new AppError(422, 'too-many-pairs', `At most ${maxPairs} pairs in one request; send fewer ids.`)
  }
  const ownTable = isOrganizer ? 'events' : 'sponsors'
  const otherTable = isOrganizer ? 'sponsors' : 'events'
  if ((await countOwned(db, ownTable, own, caller.orgId)) !== own.length)
    throw notFound(isOrganizer ? 'Event' : 'Sponsor')
  if ((await countOwned(db, otherTable, other, null)) !== other.length)
    throw notFound(isOrganizer ? 'Sponsor' : 'Event')

  let targets: RecalcTarget[]
  if (other.length === 0)
    targets = own.map((id) => (isOrganizer ? { eventId: id, sponsorId: null } : { eventId: null, sponsorId: id }))
  else
    targets = own.flatMap((a) =>
      other.map((b) => (isOrganizer ? { eventId: a, sponsorId: b } : { eventId: b, sponsorId: a })),
    )
  const queued = await enqueueRecalc(db, targets, reason)

  const operations: string[] = []
  const describe = (kind: 'event' | 'sponsor', ids: string[]) => {
    if (ids.length === 1) operations.push(`${kind}:${ids[0]}`)
    else if (ids.length > 1) operations.push(`bulk_${kind}s:${ids.length}`)
  }
  describe('event', events)
  describe('sponsor', sponsors)
  if (other.length > 0) operations.push(`pairs:${targets.length}`)
  return {
    success: true,
    queued,
    operations,
    duration_ms: Math.round(performance.now() - started),
    timestamp: new Date().toISOString(),
  }
}
