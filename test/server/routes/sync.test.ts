import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends, testDatabaseUrl } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, representative } from '../../support/lead-fixtures'
import { compactChangeLog } from '../../../server/repositories/sync-repository'

const anHourAgo = new Date(Date.now() - 3_600_000).toISOString()

const capture = (world: SponsorWorld, mutationId: number, badge: string, extra: Record<string, unknown> = {}) => ({
  mutation_id: mutationId,
  name: 'lead.capture',
  args: {
    sponsor_id: world.sponsorId,
    event_id: world.eventId,
    lead_id: randomUUID(),
    badge_code: badge,
    interaction: 'booth_visit',
    captured_at: anHourAgo,
    ...extra,
  },
})

async function pullAll(url: string, user: SignedUp, cursor = 0, limit = 1000) {
  const changes: any[] = []
  const remainders: number[] = []
  for (;;) {
    const page = await api(url, 'POST', '/v1/sync/pull', { token: user.access_token, body: { cursor, limit } })
    if (page.status !== 200) throw new Error(`pull: ${page.status} ${JSON.stringify(page.body)}`)
    changes.push(...page.body.changes)
    remainders.push(page.body.remaining)
    cursor = page.body.cursor
    if (page.body.remaining === 0) return { changes, cursor, remainders }
  }
}

describeBackends('sync pull and push on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let rep: SignedUp
  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await sponsorWorld(server.url)
    rep = await representative(server.url, server.db, world, 'representative', 'Syncing Rep')
    await addAttendees(server.url, world, [
      { badge_code: 'S-1', name: 'Sky', email: 'sky@example.com', consent_to_share: true },
      { badge_code: 'S-2', name: 'Sol', email: 'sol@example.com', consent_to_share: true },
      { badge_code: 'S-3', name: 'Shy', email: 'shy@example.com', consent_to_share: false },
    ])
  })
  afterAll(() => server.close())
  const push = (body: unknown, user = rep) =>
    api(server.url, 'POST', '/v1/sync/push', { token: user.access_token, body })

  it("pulls the event directory: consented attendees with contact fields, the others' badge codes only, then nothing new", async () => {
    const first = await pullAll(server.url, rep)
    const directory = first.changes.filter((c) => c.table === 'attendees')
    const consented = directory.filter((c) => c.row.consented)
    expect(consented.map((c) => c.row.badge_code).sort()).toEqual(['S-1', 'S-2'])
    expect(Object.keys(consented[0].row).sort()).toEqual([
      'badge_code',
      'company',
      'consented',
      'email',
      'event_id',
      'id',
      'name',
      'title',
    ])
    // A booth refuses these on the spot; it learns nothing about the person.
    const refused = directory.filter((c) => !c.row.consented)
    expect(refused.map((c) => c.row)).toEqual([
      { id: refused[0].id, event_id: world.eventId, badge_code: 'S-3', consented: false },
    ])
    const again = await pullAll(server.url, rep, first.cursor)
    expect(again.changes).toEqual([])
  })

  it('applies pushed captures once, acknowledges the last id, and treats a replay as duplicates', async () => {
    const clientId = `device-${randomUUID()}`
    const mutations = [
      capture(world, 1, 'S-1'),
      capture(world, 2, 'S-2', { interaction: 'demo_request' }),
      capture(world, 3, 'S-1', { interaction: 'direct_request' }),
    ]
    const first = await push({ client_id: clientId, mutations })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      last_mutation_id: 3,
      results: [{ status: 'applied' }, { status: 'applied' }, { status: 'applied' }],
    })
    const replay = await push({ client_id: clientId, mutations })
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ])
    const leads = await server.db.query(
      `SELECT badge_code, capture_count, intent_score, first_captured_at FROM leads WHERE sponsor_id = $1 ORDER BY badge_code`,
      [world.sponsorId],
    )
    expect(leads.rows).toMatchObject([
      { badge_code: 'S-1', capture_count: 2, intent_score: 50 },
      { badge_code: 'S-2', capture_count: 1, intent_score: 30 },
    ])
    expect(leads.rows[0]!.first_captured_at.toISOString()).toBe(anHourAgo)
    const pulled = await pullAll(server.url, rep)
    const leadRows = new Map(pulled.changes.filter((c) => c.table === 'leads').map((c) => [c.id, c.row]))
    expect([...leadRows.values()].map((row: any) => row.capture_count).sort()).toEqual([1, 2])
    // Each synced lead names the person who captured it (lead review's Representative column).
    expect([...leadRows.values()].map((row: any) => row.captured_by_name)).toEqual([rep.user.name, rep.user.name])
  })

  it('records a mutation that can never apply with its reason, and goes on with the next', async () => {
    const clientId = `device-${randomUUID()}`
    const result = await push({
      client_id: clientId,
      mutations: [capture(world, 10, 'S-3'), capture(world, 11, 'NOPE'), capture(world, 12, 'S-2')],
    })
    expect(result.body.last_mutation_id).toBe(12)
    expect(result.body.results).toMatchObject([
      { mutation_id: 10, status: 'rejected', error: { code: 'consent-missing' } },
      { mutation_id: 11, status: 'rejected', error: { code: 'not-found' } },
      { mutation_id: 12, status: 'applied' },
    ])
    const rejections = await server.db.query(
      'SELECT mutation_id, code FROM sync_rejections WHERE client_id = $1 ORDER BY mutation_id',
      [clientId],
    )
    expect(rejections.rows).toEqual([
      { mutation_id: '10', code: 'consent-missing' },
      { mutation_id: '11', code: 'not-found' },
    ])
  })

  it('rejects mutations of a representative whose access was revoked, and of a viewer who may not capture', async () => {
    const viewer = await representative(server.url, server.db, world, 'viewer', 'Viewer Device')
    const byViewer = await push({ client_id: `device-${randomUUID()}`, mutations: [capture(world, 1, 'S-1')] }, viewer)
    expect(byViewer.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } })
    await server.db.query('DELETE FROM sponsor_users WHERE user_id = $1', [viewer.user.id])
    await server.db.query('DELETE FROM memberships WHERE user_id = $1 AND org_id = $2', [
      viewer.user.id,
      world.sponsorOwner.orgId,
    ])
    const revoked = await push({ client_id: `device-${randomUUID()}`, mutations: [capture(world, 1, 'S-1')] }, viewer)
    expect(revoked.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } })
    expect((await pullAll(server.url, viewer)).changes).toEqual([])
  })

  it('says which sponsors and events a device may hold: read access only, and not a sponsor archived at its events', async () => {
    const own = await sponsorWorld(server.url, 'Access Co')
    const member = await representative(server.url, server.db, own, 'booth_staff', 'Access Rep')
    const access = async () =>
      (await api(server.url, 'POST', '/v1/sync/pull', { token: member.access_token, body: { cursor: 0, limit: 10 } }))
        .body.access
    expect(await access()).toEqual({ sponsors: [own.sponsorId], events: [own.eventId] })
    await server.db.query(`UPDATE sponsor_users SET permissions = '{sponsor:leads:capture}' WHERE user_id = $1`, [
      member.user.id,
    ])
    expect(await access()).toEqual({ sponsors: [], events: [] })
    await server.db.query(
      `UPDATE sponsor_users SET permissions = '{sponsor:leads:read,sponsor:leads:capture}' WHERE user_id = $1`,
      [member.user.id],
    )
    const organizer = { token: own.organizer.access_token, orgId: own.organizer.orgId }
    const path = `/v1/organizations/${own.organizer.orgId}/sponsors/${own.sponsorId}`
    expect((await api(server.url, 'DELETE', `${path}?event_id=${own.eventId}`, organizer)).status).toBe(200)
    expect(await access()).toEqual({ sponsors: [], events: [] })
    expect(
      (await api(server.url, 'PATCH', path, { ...organizer, body: { event_id: own.eventId, is_archived: false } }))
        .status,
    ).toBe(200)
    expect(await access()).toEqual({ sponsors: [own.sponsorId], events: [own.eventId] })
  })

  it('applies lead updates, strips the details of an attendee whose consent is withdrawn, and pages with what remains', async () => {
    const lead = (await server.db.query('SELECT id FROM leads WHERE badge_code = $1', ['S-2'])).rows[0]!
    const start = (await pullAll(server.url, rep)).cursor
    const updated = await push({
      client_id: `device-${randomUUID()}`,
      mutations: [
        {
          mutation_id: 1,
          name: 'lead.update',
          args: { sponsor_id: world.sponsorId, lead_id: lead.id, starred: true, follow_up_status: 'contacted' },
        },
      ],
    })
    expect(updated.body.results[0].status).toBe('applied')
    await addAttendees(server.url, world, [{ badge_code: 'S-1', name: 'Sky', consent_to_share: false }])
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 5 }, (_, i) => ({ badge_code: `P-${i}`, name: `Page ${i}`, consent_to_share: true })),
    )
    const paged = await pullAll(server.url, rep, start, 2)
    expect(paged.remainders[0]).toBe(paged.changes.length - 2)
    expect(paged.changes.find((c) => c.table === 'leads' && c.id === lead.id).row).toMatchObject({
      is_starred: true,
      follow_up_status: 'contacted',
    })
    expect(paged.changes.find((c) => c.table === 'attendees' && c.row?.badge_code === 'S-1').row).toEqual({
      id: expect.any(String),
      event_id: world.eventId,
      badge_code: 'S-1',
      consented: false,
    })
    expect(paged.changes.map((c) => c.version)).toEqual([...paged.changes.map((c) => c.version)].sort((a, b) => a - b))
  })

  it('applies a backlog in one batch exactly as one by one: merges, repeats within the batch, replays and rejections', async () => {
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 12 }, (_, i) => ({ badge_code: `K-${i}`, name: `Backlog ${i}`, consent_to_share: i !== 5 })),
    )
    const clientId = `device-${randomUUID()}`
    const first = capture(world, 1, 'K-0')
    const mutations = [
      first,
      ...Array.from({ length: 11 }, (_, i) => capture(world, i + 2, `K-${i + 1}`, { interaction: 'demo_request' })),
      capture(world, 13, 'K-0', { interaction: 'direct_request', notes: 'came back' }),
      { ...first, mutation_id: 14 },
      capture(world, 15, 'K-99'),
      {
        mutation_id: 16,
        name: 'lead.capture',
        args: {
          sponsor_id: world.sponsorId,
          event_id: world.eventId,
          lead_id: randomUUID(),
          manual: { name: 'Walk In', consent_confirmed: true },
          interaction: 'booth_visit',
          captured_at: anHourAgo,
        },
      },
      capture(world, 17, 'K-0', { interaction: 'content_view' }),
    ]
    const pushed = await push({ client_id: clientId, mutations })
    expect(pushed.body.last_mutation_id).toBe(17)
    const status = Object.fromEntries(
      pushed.body.results.map((r: { mutation_id: number; status: string; error?: { code: string } }) => [
        r.mutation_id,
        r.error?.code ?? r.status,
      ]),
    )
    expect(status).toMatchObject({
      1: 'applied',
      6: 'consent-missing',
      13: 'applied',
      14: 'duplicate',
      15: 'not-found',
      16: 'applied',
      17: 'applied',
    })
    const k0 = (
      await server.db.query(
        'SELECT id, capture_count, intent_score, notes, interactions FROM leads WHERE badge_code = $1 AND sponsor_id = $2',
        ['K-0', world.sponsorId],
      )
    ).rows
    expect(k0).toHaveLength(1)
    expect(k0[0]).toMatchObject({ id: first.args.lead_id, capture_count: 3, intent_score: 60, notes: 'came back' })
    expect(k0[0]!.interactions.map((i: { type: string }) => i.type)).toEqual([
      'booth_visit',
      'direct_request',
      'repeat_visit',
      'content_view',
      'repeat_visit',
    ])
    expect(
      (await server.db.query('SELECT count(*)::int AS n FROM leads WHERE badge_code = $1', ['K-5'])).rows[0]!.n,
    ).toBe(0)
    expect(
      (
        await server.db.query('SELECT count(*)::int AS n FROM lead_captures WHERE id = ANY($1)', [
          mutations.map((m) => m.args.lead_id),
        ])
      ).rows[0]!.n,
    ).toBe(14)
    expect(
      (
        await server.db.query(
          'SELECT mutation_id, code FROM sync_rejections WHERE client_id = $1 ORDER BY mutation_id',
          [clientId],
        )
      ).rows,
    ).toEqual([
      { mutation_id: '6', code: 'consent-missing' },
      { mutation_id: '15', code: 'not-found' },
    ])
    const again = await push({ client_id: clientId, mutations })
    expect(again.body.results.every((r: { status: string }) => r.status === 'duplicate')).toBe(true)
  })

  it('compacts superseded changes without changing what a device ends up with', async () => {
    const pulledBefore = await pullAll(server.url, rep)
    const state = (changes: any[]) => {
      const rows = new Map<string, unknown>()
      for (const change of changes) rows.set(`${change.table}:${change.id}`, change.op === 'delete' ? null : change.row)
      return rows
    }
    const removed = await compactChangeLog(server.db)
    expect(removed).toBeGreaterThan(0)
    const pulledAfter = await pullAll(server.url, rep)
    expect(pulledAfter.changes.length).toBeLessThan(pulledBefore.changes.length)
    expect(state(pulledAfter.changes)).toEqual(state(pulledBefore.changes))
  })

  it.each([
    [
      'a mutation id of 0',
      { client_id: 'device-zero-id', mutations: [{ mutation_id: 0, name: 'lead.capture', args: {} }] },
    ],
    [
      'an unknown mutation',
      { client_id: 'device-unknown', mutations: [{ mutation_id: 1, name: 'lead.delete', args: {} }] },
    ],
    ['an empty batch', { client_id: 'device-empty', mutations: [] }],
    ['a malformed client id', { client_id: 'no', mutations: [{ mutation_id: 1, name: 'lead.capture', args: {} }] }],
  ])('refuses %s with 400', async (_name, body) => {
    expect((await push(body)).status).toBe(400)
  })

  it("keeps each user's client ids to themselves: another user's push with the same id starts its own cursor", async () => {
    const clientId = `device-${randomUUID()}`
    const other = await representative(server.url, server.db, world, 'representative', 'Other Rep')
    const mine = await push({ client_id: clientId, mutations: [capture(world, 1, 'S-1'), capture(world, 2, 'S-2')] })
    expect(mine.body.last_mutation_id).toBe(2)
    const theirs = await push({ client_id: clientId, mutations: [capture(world, 1, 'S-2')] }, other)
    expect(theirs.status).toBe(200)
    expect(theirs.body).toMatchObject({ last_mutation_id: 1, results: [{ mutation_id: 1, status: 'applied' }] })
    // Neither moved the other's cursor.
    expect((await push({ client_id: clientId, mutations: [capture(world, 2, 'S-2')] })).body.results).toEqual([
      { mutation_id: 2, status: 'duplicate' },
    ])
  })
})

// A change whose transaction commits after a pull has moved on must still reach the device.
describe.skipIf(!testDatabaseUrl)('sync pull and late commits on postgres (needs TEST_DATABASE_URL)', () => {
  it('delivers a change committed after a later one was pulled', async () => {
    const server = await startTestServer({ backend: 'postgres' })
    try {
      const world = await sponsorWorld(server.url)
      await addAttendees(server.url, world, [{ badge_code: 'EARLY', name: 'Early', consent_to_share: true }])
      const slow = await server.db.pool.connect()
      await slow.query('BEGIN')
      await slow.query(
        `INSERT INTO attendees (org_id, event_id, badge_code, name, consent_to_share) VALUES ($1, $2, 'LATE', 'Late', true)`,
        [world.organizer.orgId, world.eventId],
      )
      await addAttendees(server.url, world, [{ badge_code: 'QUICK', name: 'Quick', consent_to_share: true }])
      const first = await pullAll(server.url, world.sponsorOwner)
      expect(first.changes.map((c) => c.row?.badge_code)).toEqual(['EARLY', 'QUICK'])
      await slow.query('COMMIT')
      slow.release()
      const second = await pullAll(server.url, world.sponsorOwner, first.cursor)
      expect(second.changes.map((c) => c.row?.badge_code)).toEqual(['LATE'])
    } finally {
      await server.close()
    }
  })
})
