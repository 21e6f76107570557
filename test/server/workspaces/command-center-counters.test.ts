// The command center's counters (migration 0029) against the tables they count, on PGlite and Postgres: after
// captures made at the same time (on Postgres really at once), after an archive, an intent change, a deleted capture,
// a deleted lead and a deleted user, after orders, proposals and payouts move; the widgets read the same numbers,
// in a time zone half an hour off UTC; a rebuild and a fold change nothing.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends, raceTitle } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'
import type { Database } from '../../../server/db/database'
import { foldCounters } from '../../../server/workspaces/command-center-rollup'

const tz = 'Asia/Kolkata'

/** Each counter summed per key, and the same key counted from the base tables: equal when the counters are right. */
const counterChecks: Record<string, [counters: string, truth: string]> = {
  'leads by event, sponsor and intent': [
    `SELECT event_id, sponsor_id, intent_level, sum(leads)::int AS leads, sum(captures)::int AS captures
     FROM command_center_lead_counts GROUP BY 1, 2, 3 HAVING sum(leads) <> 0 OR sum(captures) <> 0 ORDER BY 1, 2, 3`,
    `SELECT event_id, sponsor_id, intent_level, count(*)::int AS leads, sum(capture_count)::int AS captures
     FROM leads GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ],
  'leads by event, hour and intent': [
    `SELECT event_id, hour, intent_level, sum(leads)::int AS leads FROM command_center_lead_hours
     GROUP BY 1, 2, 3 HAVING sum(leads) <> 0 ORDER BY 1, 2, 3`,
    `SELECT event_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, intent_level, count(*)::int AS leads
     FROM leads GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ],
  'captures by event and representative': [
    `SELECT event_id, user_id, sum(captures)::int AS captures FROM command_center_rep_captures
     GROUP BY 1, 2 HAVING sum(captures) <> 0 ORDER BY 1, 2`,
    `SELECT l.event_id, c.captured_by AS user_id, count(*)::int AS captures FROM lead_captures c JOIN leads l ON l.id = c.lead_id
     WHERE c.captured_by IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  'orders by event, package and escrow steps': [
    `SELECT event_id, package_id, escrow_state, is_funded, is_locked, is_released, is_paid_out, sum(orders)::int AS orders,
       sum(net_cents)::bigint AS net FROM command_center_order_counts GROUP BY 1, 2, 3, 4, 5, 6, 7
     HAVING sum(orders) <> 0 OR sum(net_cents) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    `SELECT event_id, package_id, escrow_state, funded_at IS NOT NULL AS is_funded, locked_at IS NOT NULL AS is_locked,
       released_at IS NOT NULL AS is_released, payout_status IS NOT DISTINCT FROM 'paid' AS is_paid_out, count(*)::int AS orders,
       sum(amount_cents - refunded_cents)::bigint AS net FROM sponsorship_orders GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  ],
  'GMV by event and hour funded': [
    `SELECT event_id, hour, sum(orders)::int AS orders, sum(net_cents)::bigint AS net FROM command_center_gmv_hours
     GROUP BY 1, 2 HAVING sum(orders) <> 0 OR sum(net_cents) <> 0 ORDER BY 1, 2`,
    `SELECT event_id, date_trunc('hour', funded_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, count(*)::int AS orders,
       sum(amount_cents - refunded_cents)::bigint AS net FROM sponsorship_orders
     WHERE funded_at IS NOT NULL AND escrow_state IN ('funded', 'locked', 'released') GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  'GMV by organization and hour funded': [
    `SELECT org_id, hour, sum(orders)::int AS orders, sum(net_cents)::bigint AS net FROM command_center_org_gmv_hours
     GROUP BY 1, 2 HAVING sum(orders) <> 0 OR sum(net_cents) <> 0 ORDER BY 1, 2`,
    `SELECT e.org_id, date_trunc('hour', o.funded_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, count(*)::int AS orders,
       sum(o.amount_cents - o.refunded_cents)::bigint AS net FROM sponsorship_orders o JOIN events e ON e.id = o.event_id
     WHERE o.funded_at IS NOT NULL AND o.escrow_state IN ('funded', 'locked', 'released') GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  'proposals by event, package and status': [
    `SELECT event_id, package_id, status, sum(threads)::int AS threads FROM command_center_proposal_counts
     GROUP BY 1, 2, 3 HAVING sum(threads) <> 0 ORDER BY 1, 2, 3`,
    `SELECT event_id, package_id, status, count(*)::int AS threads FROM proposal_threads GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ],
  'payouts by event': [
    `SELECT event_id, sum(payouts)::int AS payouts, sum(paid_cents)::bigint AS paid FROM command_center_payout_sums
     GROUP BY 1 HAVING sum(payouts) <> 0 OR sum(paid_cents) <> 0 ORDER BY 1`,
    `SELECT o.event_id, count(*)::int AS payouts, sum(p.amount_cents)::bigint AS paid FROM sponsorship_payouts p
     JOIN sponsorship_orders o ON o.id = p.order_id GROUP BY 1 ORDER BY 1`,
  ],
}

/** What differs between the counters and the tables they count (empty: nothing). */
async function mismatches(db: Database) {
  const out: Record<string, unknown> = {}
  for (const [name, [counters, truth]] of Object.entries(counterChecks)) {
    const [a, b] = [(await db.query(counters)).rows, (await db.query(truth)).rows]
    if (JSON.stringify(a) !== JSON.stringify(b)) out[name] = { counters: a, truth: b }
  }
  return out
}

const count = async (db: Database, sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n)

describeBackends('command center counters on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let world: SponsorWorld
  let rep: SignedUp
  let workspaceId: string
  const badges = Array.from({ length: 30 }, (_, i) => `K-${i}`)
  const asOrganizer = () => ({ token: world.organizer.access_token, orgId: world.organizer.orgId })
  const widgets = async () => {
    await server.db.query('UPDATE sponsorship_workspace_widget_cache SET is_stale = true WHERE workspace_id = $1', [
      workspaceId,
    ])
    const got = await api(server.url, 'GET', `/v1/sponsorship-workspaces/${workspaceId}/widgets`, asOrganizer())
    expect(got.status).toBe(200)
    return Object.fromEntries(got.body.data.map((w: { widget_id: string; data: unknown }) => [w.widget_id, w.data]))
  }

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LEAD_CAPTURES_PER_MINUTE: '100000' } })
    world = await sponsorWorld(server.url, 'Tally')
    rep = await representative(server.url, server.db, world, 'booth_staff', 'Booth Rep')
    const made = await api(server.url, 'POST', '/v1/sponsorship-workspaces', {
      ...asOrganizer(),
      body: { name: 'Counted', slug: 'counted', settings: { timezone: tz, goal_gmv_cents: 1_000_000 } },
    })
    workspaceId = made.body.id
    const put = (id: string, body: Record<string, unknown>) =>
      api(server.url, 'PUT', `/v1/sponsorship-workspaces/${workspaceId}/widgets/${id}`, { ...asOrganizer(), body })
    await put('hot', { widget_type: 'kpi_tile', config: { metric: 'hot_leads' } })
    await put('today', { widget_type: 'kpi_tile', config: { metric: 'leads_today' } })
    await put('gmv', { widget_type: 'kpi_tile', config: { metric: 'gmv' } })
    await put('orders', { widget_type: 'kpi_tile', config: { metric: 'orders_by_escrow' } })
    await put('payouts', { widget_type: 'kpi_tile', config: { metric: 'payouts' } })
    await put('open', { widget_type: 'kpi_tile', config: { metric: 'open_proposals' } })
    await put('funnel', { widget_type: 'funnel', config: {} })
    await put('per-hour', { widget_type: 'time_series', config: { series: 'leads_per_hour', range: 72 } })
    await put('per-hour-3', { widget_type: 'time_series', config: { series: 'leads_per_hour', range: 3 } })
    await put('gmv-day', { widget_type: 'time_series', config: { series: 'gmv_per_day', range: 4 } })
    await put('sponsors', { widget_type: 'leaderboard', config: { board: 'sponsors_by_leads', limit: 5 } })
    await put('reps', { widget_type: 'leaderboard', config: { board: 'representatives_by_captures', limit: 5 } })
    await put('reps-1', { widget_type: 'leaderboard', config: { board: 'representatives_by_captures', limit: 1 } })
    await addAttendees(
      server.url,
      world,
      badges.map((badge_code, i) => ({ badge_code, name: `Counted ${i}`, consent_to_share: true })),
    )
  })
  afterAll(async () => {
    await server.close()
  })

  it(
    raceTitle(backend, 'counts captures made at the same time exactly: the counters equal count(*) of the base tables'),
    async () => {
      const asOwner = capturer(server.url, world)
      const asRep = capturer(server.url, world, rep)
      // Every badge twice (a first capture and a repeat that can change the intent), by two people, 12 at a time.
      const jobs = badges.flatMap((badge_code, i) => [
        () => (i % 2 ? asRep : asOwner)({ badge_code, interaction: 'booth_visit' }),
        () => (i % 3 ? asOwner : asRep)({ badge_code, interaction: 'demo_request' }),
      ])
      const statuses: number[] = []
      let next = 0
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          while (next < jobs.length) statuses.push((await jobs[next++]!()).status)
        }),
      )
      expect(statuses.filter((s) => s !== 201 && s !== 200)).toEqual([])
      expect(await count(server.db, 'SELECT count(*) AS n FROM lead_captures')).toBe(60)
      expect(await mismatches(server.db)).toEqual({})

      const data = await widgets()
      const hot = await count(server.db, `SELECT count(*) AS n FROM leads WHERE intent_level = 'hot'`)
      expect(data.hot).toMatchObject({ value: hot })
      expect(data.sponsors.rows).toEqual([{ id: world.sponsorId, name: 'Tally Org', value: 30 }])
      const byRep = await server.db.query<{ id: string; value: number }>(
        `SELECT captured_by AS id, count(*)::int AS value FROM lead_captures GROUP BY 1 ORDER BY 2 DESC`,
      )
      expect(data.reps.rows.map((r: { id: string; value: number }) => ({ id: r.id, value: r.value }))).toEqual(
        byRep.rows,
      )
      expect(data['reps-1'].rows).toHaveLength(1)
      const perHour = data['per-hour'].points as { hot: number; warm: number; cold: number }[]
      expect(perHour).toHaveLength(72)
      expect(perHour.reduce((n, p) => n + p.hot + p.warm + p.cold, 0)).toBe(30)
      expect(data['per-hour-3'].points).toEqual(perHour.slice(-3))
    },
  )

  it(
    raceTitle(backend, 'stays exact when simultaneous writers share every counter row (the shard pinned to one)'),
    async () => {
      // Eight connections, each pinned to shard 3, each adding leads and captures and moving other leads' intent:
      // every increment lands on the same rows while the others hold them.
      const connections =
        backend === 'postgres'
          ? await Promise.all(
              Array.from({ length: 8 }, async () => {
                const client = new pg.Client({ connectionString: server.databaseUrl })
                await client.connect()
                return client
              }),
            )
          : [server.db]
      const existing = (await server.db.query<{ id: string }>('SELECT id FROM leads ORDER BY id')).rows.map((r) => r.id)
      // One statement per transaction, as a capture writes: a lead with its capture, or a repeat that moves an intent.
      const one = async (db: Pick<Database, 'query'>, i: number) => {
        await db.query('BEGIN')
        await db.query(`SET LOCAL command_center.shard = '3'`)
        if (i % 2)
          await db.query(`UPDATE leads SET capture_count = capture_count + 1, intent_level = $2 WHERE id = $1`, [
            existing[i % existing.length],
            ['warm', 'cold', 'hot'][i % 3],
          ])
        else
          await db.query(
            `WITH l AS (INSERT INTO leads (id, org_id, sponsor_id, event_id, name, consent_source, consent_confirmed_at, intent_score,
               intent_level, interactions, captured_by, first_captured_at, last_captured_at)
               VALUES ($1, $2, $3, $4, 'Pinned', 'confirmed_at_capture', now(), 50, $5, '[]', $6, now(), now()) RETURNING id)
             INSERT INTO lead_captures (id, lead_id, org_id, interaction, captured_by) SELECT $7, l.id, $2, 'booth_visit', $6 FROM l`,
            [
              randomUUID(),
              world.sponsorOwner.orgId,
              world.sponsorId,
              world.eventId,
              ['hot', 'warm', 'cold'][i % 3],
              rep.user.id,
              randomUUID(),
            ],
          )
        await db.query('COMMIT')
      }
      try {
        let next = 0
        await Promise.all(
          connections.map(async (db) => {
            while (next < 240) await one(db as Pick<Database, 'query'>, next++)
          }),
        )
      } finally {
        if (backend === 'postgres') await Promise.all(connections.map((c) => (c as pg.Client).end()))
      }
      expect(await count(server.db, `SELECT count(*) AS n FROM leads WHERE name = 'Pinned'`)).toBe(120)
      expect(
        await count(server.db, 'SELECT count(*) AS n FROM command_center_lead_counts WHERE shard = 3'),
      ).toBeGreaterThan(0)
      expect(await mismatches(server.db)).toEqual({})
      await server.db.query(`DELETE FROM leads WHERE name = 'Pinned'`)
      expect(await mismatches(server.db)).toEqual({})
    },
  )

  it('stays exact after an archive, an intent change, a deleted capture, a deleted lead and a deleted user', async () => {
    const leads = (await server.db.query<{ id: string }>('SELECT id FROM leads ORDER BY id')).rows.map((r) => r.id)
    await server.db.query('UPDATE leads SET is_archived = true WHERE id = $1', [leads[0]])
    await server.db.query(`UPDATE leads SET intent_level = CASE intent_level WHEN 'hot' THEN 'cold' ELSE 'hot' END`)
    expect(await mismatches(server.db)).toEqual({})
    await server.db.query(
      'DELETE FROM lead_captures WHERE id = (SELECT id FROM lead_captures WHERE lead_id = $1 ORDER BY captured_at LIMIT 1)',
      [leads[1]],
    )
    await server.db.query('DELETE FROM leads WHERE id = ANY($1::uuid[])', [[leads[2], leads[3]]])
    expect(await mismatches(server.db)).toEqual({})
    // A deleted user's captures stay, counted for no one (lead_captures.captured_by is set null).
    const gone = await signUp(server.url, 'organizer', 'Leaving Rep')
    await server.db.query('UPDATE lead_captures SET captured_by = $1 WHERE lead_id = $2', [gone.user.id, leads[4]])
    expect(await mismatches(server.db)).toEqual({})
    await server.db.query('DELETE FROM users WHERE id = $1', [gone.user.id])
    expect(await mismatches(server.db)).toEqual({})

    const data = await widgets()
    expect(data.sponsors.rows[0]).toMatchObject({ value: 28 })
    expect(data.hot).toMatchObject({
      value: await count(server.db, `SELECT count(*) AS n FROM leads WHERE intent_level = 'hot'`),
    })
  })

  it(`counts orders, proposals and payouts as the tables hold them, and days in ${tz} (UTC+5:30) exactly`, async () => {
    const db = server.db
    const day = `date_trunc('day', now() AT TIME ZONE '${tz}') AT TIME ZONE '${tz}'`
    // Leads and orders ten minutes either side of the last midnights there: inside the UTC hours that hold them.
    await db.query(`UPDATE leads SET created_at = now() - interval '3 days'`)
    const leads = (await db.query<{ id: string }>('SELECT id FROM leads ORDER BY id LIMIT 6')).rows.map((r) => r.id)
    const offsets = ['0 minutes', '-10 minutes', '10 minutes', '-1 day -10 minutes', '-1 day 10 minutes', '-1 day']
    for (const [i, id] of leads.entries())
      await db.query(`UPDATE leads SET created_at = ${day} + $2::interval WHERE id = $1`, [id, offsets[i]])
    const pkg = (
      await db.query<{ id: string }>(
        `INSERT INTO sponsorship_packages (org_id, event_id, title, tier, price_cents, currency, inventory)
         VALUES ($1, $2, 'Counted package', 'Gold', 50000, 'USD', 10) RETURNING id`,
        [world.organizer.orgId, world.eventId],
      )
    ).rows[0]!.id
    const order = async (funded: string | null, state: string, amount: number) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO sponsorship_orders (org_id, sponsor_org_id, sponsor_id, event_id, package_id, package_version,
             amount_cents, currency, escrow_state, funded_at)
           VALUES ($1, $2, $3, $4, $5, 1, $6, 'USD', $7, CASE WHEN $8::interval IS NULL THEN NULL ELSE ${day} + $8::interval END)
           RETURNING id`,
          [world.organizer.orgId, world.sponsorOwner.orgId, world.sponsorId, world.eventId, pkg, amount, state, funded],
        )
      ).rows[0]!.id
    const released = await order('10 minutes', 'funded', 10_000)
    await order('-10 minutes', 'funded', 20_000)
    const refunded = await order('-1 day 10 minutes', 'funded', 40_000)
    await order('-2 days -10 minutes', 'locked', 80_000)
    await order(null, 'pending', 160_000)
    await db.query(`UPDATE sponsorship_orders SET escrow_state = 'locked', locked_at = now() WHERE id = $1`, [released])
    await db.query(
      `UPDATE sponsorship_orders SET escrow_state = 'released', released_at = now(), payout_status = 'paid' WHERE id = $1`,
      [released],
    )
    await db.query('UPDATE sponsorship_orders SET refunded_cents = 15000 WHERE id = $1', [refunded])
    await db.query(
      `INSERT INTO sponsorship_payouts (order_id, org_id, amount_cents, fee_cents, currency, destination_account, stripe_transfer_id)
       VALUES ($1, $2, 9000, 1000, 'USD', 'acct_counted', 'tr_counted')`,
      [released, world.organizer.orgId],
    )
    for (const status of ['draft', 'sent', 'counter', 'accepted', 'sent'])
      await db.query(
        `INSERT INTO proposal_threads (org_id, sponsor_org_id, event_id, sponsor_id, package_id, status, created_by_side)
         VALUES ($1, $2, $3, $4, $5, $6, 'organizer')`,
        [world.organizer.orgId, world.sponsorOwner.orgId, world.eventId, world.sponsorId, pkg, status],
      )
    await db.query(`UPDATE proposal_threads SET status = 'rejected' WHERE status = 'counter'`)
    expect(await mismatches(db)).toEqual({})

    const data = await widgets()
    const today = await count(db, `SELECT count(*) AS n FROM leads WHERE created_at >= ${day}`)
    const yesterday = await count(
      db,
      `SELECT count(*) AS n FROM leads WHERE created_at >= ${day} - interval '1 day' AND created_at < ${day}`,
    )
    expect([today, yesterday]).toEqual([2, 3])
    expect(data.today).toMatchObject({ value: today, previous: yesterday })
    expect(data.gmv).toMatchObject({ value: 10_000 + 20_000 + 25_000 + 80_000 })
    expect(data.orders).toMatchObject({ breakdown: { funded: 4, locked: 1, released: 1 } })
    expect(data.payouts).toMatchObject({ breakdown: { paid_cents: 9000, pending_cents: 0 } })
    expect(data.open).toMatchObject({ value: 2 })
    expect(data.funnel.stages.map((s: { count: number }) => s.count)).toEqual([4, 1, 4, 1])
    const perDay = await db.query<{ t: string; gmv_cents: string }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS t, coalesce((SELECT sum(amount_cents - refunded_cents) FROM sponsorship_orders
         WHERE funded_at IS NOT NULL AND escrow_state IN ('funded', 'locked', 'released')
           AND date_trunc('day', funded_at AT TIME ZONE $1) = d), 0) AS gmv_cents
       FROM generate_series(date_trunc('day', now() AT TIME ZONE $1) - interval '3 days', date_trunc('day', now() AT TIME ZONE $1), interval '1 day') d
       ORDER BY d`,
      [tz],
    )
    expect(data['gmv-day'].points).toEqual(perDay.rows.map((r) => ({ t: r.t, gmv_cents: Number(r.gmv_cents) })))
    expect(data['gmv-day'].points.map((p: { gmv_cents: number }) => p.gmv_cents)).toEqual([80_000, 0, 45_000, 10_000])
    // A workspace covering the event by name reads the events' counters rather than the organization's: the same.
    const scoped = await api(server.url, 'POST', '/v1/sponsorship-workspaces', {
      ...asOrganizer(),
      body: { name: 'Scoped', slug: 'scoped', settings: { timezone: tz, event_ids: [world.eventId] } },
    })
    const scopedPut = (id: string, body: Record<string, unknown>) =>
      api(server.url, 'PUT', `/v1/sponsorship-workspaces/${scoped.body.id}/widgets/${id}`, { ...asOrganizer(), body })
    const gmvDay = { widget_type: 'time_series', config: { series: 'gmv_per_day', range: 4 } }
    expect((await scopedPut('gmv-day', gmvDay)).body.data).toEqual(data['gmv-day'])
    const todayTile = { widget_type: 'kpi_tile', config: { metric: 'leads_today' } }
    expect((await scopedPut('today', todayTile)).body.data).toEqual(data.today)
  })

  it('recounts to the same numbers, and folds its shards without changing a sum', async () => {
    const before = await mismatches(server.db)
    expect(before).toEqual({})
    // Writers use their connection's shard; one lead moved to another shard, as a second connection would have written it.
    await server.db.query(
      `WITH r AS (SELECT * FROM command_center_lead_counts WHERE leads > 1 LIMIT 1),
       d AS (UPDATE command_center_lead_counts c SET leads = c.leads - 1 FROM r
         WHERE (c.event_id, c.sponsor_id, c.intent_level, c.shard) = (r.event_id, r.sponsor_id, r.intent_level, r.shard))
       INSERT INTO command_center_lead_counts AS c SELECT event_id, sponsor_id, intent_level, CASE WHEN shard = 7 THEN 8 ELSE 7 END, 1, 0 FROM r
       ON CONFLICT (event_id, sponsor_id, intent_level, shard) DO UPDATE SET leads = c.leads + 1`,
    )
    expect(await mismatches(server.db)).toEqual({})
    expect(
      await count(server.db, 'SELECT count(*) AS n FROM command_center_lead_counts WHERE shard <> 0'),
    ).toBeGreaterThan(0)
    expect(await foldCounters(server.db)).toBeGreaterThan(0)
    expect(await count(server.db, 'SELECT count(*) AS n FROM command_center_lead_counts WHERE shard <> 0')).toBe(0)
    expect(await mismatches(server.db)).toEqual({})
    await server.db.query('SELECT command_center_rebuild_counters()')
    expect(await mismatches(server.db)).toEqual({})
  })
})
