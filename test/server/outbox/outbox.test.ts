// The domain-event outbox: events commit with their change or not at all, every reader sees each
// committed event once and in order — also one that commits late, and across two instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeBackends, createPostgresDatabase, testDatabaseUrl } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld, sentProposal } from '../../support/commerce-fixtures'
import { api } from '../../support/api-client'
import { sponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer } from '../../support/lead-fixtures'
import { openDatabase } from '../../../server/db/open-database'
import { migrate } from '../../../server/db/migrate'
import type { Database } from '../../../server/db/database'
import { recordDomainEvent } from '../../../server/repositories/domain-events-repository'
import { readNextBatch, type OutboxReaderSpec } from '../../../server/outbox/outbox-reader'
import type { DomainEvent } from '../../../server/outbox/domain-event-types'

const orgA = '00000000-0000-4000-8000-00000000000a'

/** A reader that collects what it is handed. */
function collector(
  name: string,
  seen: DomainEvent[] = [],
  options: Partial<OutboxReaderSpec> = {},
): OutboxReaderSpec<void> & { seen: DomainEvent[] } {
  return { name, seen, ...options, handle: async (_tx, events) => void seen.push(...events) }
}

async function drain(db: Database, reader: OutboxReaderSpec<void>) {
  for (;;) {
    const outcome = await readNextBatch(db, reader)
    if (outcome.kind === 'read' && !outcome.isFull) return
  }
}

describeBackends('domain-event outbox on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(async () => server.close())

  const typesOf = async (type: string) =>
    (
      await server.db.query<{ data: Record<string, unknown>; org_ids: string[] }>(
        'SELECT data, org_ids FROM domain_events WHERE type = $1 ORDER BY pending_id',
        [type],
      )
    ).rows

  it('records nothing for a transaction that rolls back', async () => {
    const reader = collector(`rollback-${backend}`)
    await drain(server.db, reader)
    await expect(
      server.db.transaction(async (tx) => {
        await recordDomainEvent(tx, { type: 'test.rolled_back', orgIds: [orgA], data: { n: 1 } })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    await server.db.transaction((tx) =>
      recordDomainEvent(tx, { type: 'test.committed', orgIds: [orgA], data: { n: 2 } }),
    )
    await drain(server.db, reader)
    expect(reader.seen.map((e) => e.type)).toEqual(['test.committed'])
  })

  it('hands a reader each event once, in order, in batches, and only the types it asked for', async () => {
    const all = collector(`order-${backend}`, [], { batchSize: 7 })
    const some = collector(`some-${backend}`, [], { types: ['test.even'] })
    await drain(server.db, all)
    await drain(server.db, some)
    all.seen.length = 0
    some.seen.length = 0
    for (let i = 0; i < 30; i++) {
      await server.db.transaction((tx) =>
        recordDomainEvent(tx, { type: i % 2 ? 'test.odd' : 'test.even', orgIds: [orgA], data: { i } }),
      )
    }
    await drain(server.db, all)
    await drain(server.db, some)
    expect(all.seen.map((e) => e.data.i)).toEqual(Array.from({ length: 30 }, (_, i) => i))
    expect(some.seen.map((e) => e.data.i)).toEqual(Array.from({ length: 15 }, (_, i) => i * 2))
    await drain(server.db, all)
    expect(all.seen).toHaveLength(30)
  })

  it('leaves the cursor where it was when the handler fails, so the batch comes again', async () => {
    const seen: DomainEvent[] = []
    let fail = true
    const flaky: OutboxReaderSpec<void> = {
      name: `flaky-${backend}`,
      handle: async (_tx, events) => {
        if (fail) throw new Error('receiver down')
        seen.push(...events)
      },
    }
    await server.db.transaction((tx) => recordDomainEvent(tx, { type: 'test.retry', orgIds: [orgA], data: {} }))
    await expect(readNextBatch(server.db, flaky)).rejects.toThrow('receiver down')
    fail = false
    await drain(server.db, flaky)
    expect(seen.filter((e) => e.type === 'test.retry')).toHaveLength(1)
  })

  it('writes the commerce moments in the transaction that makes them, with the seed fields of order.funded', async () => {
    const world = await commerceWorld(server.url)
    const acme = await buyer(server.url)
    const threadId = await sentProposal(world, acme)
    expect((await typesOf('proposal.sent')).map((r) => r.data.proposal_id)).toContain(threadId)
    const accepted = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))
    expect(accepted.status).toBe(200)
    const orderId: string = accepted.body.order.id
    const funded = await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
      ...as(acme.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(funded.status).toBe(200)
    const [event] = (await typesOf('order.funded')).filter((r) => r.data.order_id === orderId)
    expect(event!.org_ids.sort()).toEqual([world.organizer.orgId, acme.owner.orgId].sort())
    expect(event!.data).toMatchObject({
      order_id: orderId,
      event_id: world.eventId,
      sponsor_id: acme.sponsorId,
      amount_cents: 140000,
      escrow_state: 'funded',
      stripe_payment_intent_id: expect.stringMatching(/^pi_/),
      application_fee_cents: 14000,
    })
    expect((await typesOf('proposal.accepted')).map((r) => r.data.order_id)).toContain(orderId)
  })

  it('announces each capture to the sponsor alone, a repeat visit as a repeat', async () => {
    const world = await sponsorWorld(server.url, 'Outbox Co')
    await addAttendees(server.url, world, [
      { badge_code: 'OB-1', name: 'Ada', email: 'ada@example.com', consent_to_share: true },
    ])
    const capture = capturer(server.url, world)
    expect((await capture({ badge_code: 'OB-1', interaction: 'booth_visit' })).status).toBe(201)
    expect((await capture({ badge_code: 'OB-1', interaction: 'demo_request' })).status).toBe(200)
    const events = (await typesOf('lead.captured')).filter((r) => r.data.sponsor_id === world.sponsorId)
    expect(events.map((r) => [r.data.capture_count, r.data.is_repeat])).toEqual([
      [1, false],
      [2, true],
    ])
    expect(events.every((r) => r.org_ids.length === 1 && r.org_ids[0] === world.sponsorOwner.orgId)).toBe(true)
    expect(events[1]!.data).toMatchObject({ intent_level: expect.any(String), attendee: { email: 'ada@example.com' } })
  })
})

describe.skipIf(!testDatabaseUrl)(
  'domain-event outbox with concurrent writers and two instances (needs Postgres: TEST_DATABASE_URL unset)',
  () => {
    let url: string
    let drop: () => Promise<void>
    let first: Database
    let second: Database
    beforeAll(async () => {
      const fresh = await createPostgresDatabase()
      url = fresh.url
      drop = fresh.drop
      first = await openDatabase({ databaseUrl: url, dataDir: 'memory://' })
      await migrate(first)
      second = await openDatabase({ databaseUrl: url, dataDir: 'memory://' })
    })
    afterAll(async () => {
      await first.close()
      await second.close()
      await drop()
    })

    it('still hands over an event whose transaction commits after a later one was read', async () => {
      const reader = collector('late')
      const late = await first.pool.connect()
      await late.query('BEGIN')
      await recordDomainEvent(late, { type: 'test.late', orgIds: [orgA], data: {} })
      await first.transaction((tx) => recordDomainEvent(tx, { type: 'test.early', orgIds: [orgA], data: {} }))
      await drain(first, reader)
      expect(reader.seen.map((e) => e.type)).toEqual(['test.early'])
      await late.query('COMMIT')
      late.release()
      await drain(first, reader)
      expect(reader.seen.map((e) => e.type)).toEqual(['test.early', 'test.late'])
    })

    it('gives each event to exactly one of two instances reading at once', async () => {
      const seen: DomainEvent[] = []
      const writers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 50; i++)
            await (i % 2 ? first : second).transaction((tx) =>
              recordDomainEvent(tx, { type: 'test.shared', orgIds: [orgA], data: { w, i } }),
            )
        })(),
      )
      let isWriting = true
      const pumps = [first, second].map(async (db) => {
        const reader = collector('shared', seen, { batchSize: 16, types: ['test.shared'] })
        while (isWriting || seen.length < 400) await readNextBatch(db, reader)
      })
      await Promise.all(writers)
      isWriting = false
      await Promise.all(pumps)
      // Nothing more comes to either instance once all is read.
      for (const db of [first, second]) await drain(db, collector('shared', seen, { types: ['test.shared'] }))
      expect(seen).toHaveLength(400)
      expect(new Set(seen.map((e) => e.id)).size).toBe(400)
      const seqs = seen.map((e) => e.seq)
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs.slice().sort((a, b) => a - b))
    })
  },
)
