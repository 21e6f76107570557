// command_center_rollup through pg-boss: enabled workspaces that capture rollups get their numbers in the feed
// (checked against the database), others none; the cleanup job drops workspace audit rows past 30 days.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer } from '../../support/lead-fixtures'
import { startJobs, type JobRunner } from '../../../server/jobs/job-runner'
import { queues } from '../../../server/jobs/queues'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

describeBackends('command center rollup on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let jobs: JobRunner
  let world: SponsorWorld
  let live: string
  let quiet: string
  beforeAll(async () => {
    server = await startTestServer({ backend })
    jobs = await startJobs({
      db: server.db,
      databaseUrl: server.databaseUrl,
      log: silent,
      isWorker: true,
      pollingIntervalSeconds: 0.5,
      stripe: server.app.stripe.client,
      payoutMaxAttempts: 3,
    })
    world = await sponsorWorld(server.url, 'Hooli')
    const as = { token: world.organizer.access_token, orgId: world.organizer.orgId }
    live = (
      await api(server.url, 'POST', '/v1/sponsorship-workspaces', { ...as, body: { name: 'Live', slug: 'live' } })
    ).body.id
    quiet = (
      await api(server.url, 'POST', '/v1/sponsorship-workspaces', { ...as, body: { name: 'Quiet', slug: 'quiet' } })
    ).body.id
    await api(server.url, 'POST', `/v1/sponsorship-workspaces/${live}/command-center`, {
      ...as,
      body: { capture_rollups: true },
    })
    await api(server.url, 'PUT', `/v1/sponsorship-workspaces/${live}/widgets/leads`, {
      ...as,
      body: { widget_type: 'kpi_tile', config: { metric: 'leads_today' } },
    })
    await addAttendees(server.url, world, [
      { badge_code: 'R-1', name: 'R One', consent_to_share: true },
      { badge_code: 'R-2', name: 'R Two', consent_to_share: true },
    ])
    const capture = capturer(server.url, world)
    await capture({ badge_code: 'R-1', interaction: 'demo_request' })
    await capture({ badge_code: 'R-2', interaction: 'booth_visit' })
    await capture({ badge_code: 'R-2', interaction: 'demo_request' })
  })
  afterAll(async () => {
    await jobs.stop()
    await server.close()
  })

  const runJob = async (queue: string) => {
    const jobId = await jobs.boss.send(queue, {})
    await expect
      .poll(async () => (await jobs.boss.getJobById(queue, jobId!))?.state, { timeout: 20_000, interval: 200 })
      .toBe('completed')
  }

  it('writes the enabled workspace numbers to the feed, as the database counts them, and rebuilds its widgets', async () => {
    await runJob(queues.commandCenterRollup)
    const feed = await server.db.query<{ metric: string; value: string }>(
      'SELECT metric, value FROM sponsorship_command_center_feed WHERE workspace_id = $1',
      [live],
    )
    const values = Object.fromEntries(feed.rows.map((r) => [r.metric, Number(r.value)]))
    const truth = (
      await server.db.query(
        "SELECT count(*)::int AS leads, sum(capture_count)::int AS captures, count(*) FILTER (WHERE intent_level = 'hot')::int AS hot FROM leads WHERE event_id = $1",
        [world.eventId],
      )
    ).rows[0]!
    expect(truth.leads).toBe(2)
    expect(values).toMatchObject({
      leads: truth.leads,
      leads_today: truth.leads,
      captures: truth.captures,
      hot_leads: truth.hot,
      gmv_cents: 0,
    })
    expect(
      (
        await server.db.query(
          'SELECT count(*)::int AS n FROM sponsorship_command_center_feed WHERE workspace_id = $1',
          [quiet],
        )
      ).rows[0]!.n,
    ).toBe(0)
    const cache = await server.db.query(
      `SELECT data FROM sponsorship_workspace_widget_cache WHERE workspace_id = $1 AND widget_id = 'leads'`,
      [live],
    )
    expect(cache.rows[0]!.data).toMatchObject({ value: 2 })
    const status = await api(server.url, 'GET', `/v1/sponsorship-workspaces/${live}/command-center`, {
      token: world.organizer.access_token,
      orgId: world.organizer.orgId,
    })
    expect(status.body.latest).toMatchObject({ leads: 2 })
    expect(status.body.as_of).not.toBeNull()
  })

  it('drops workspace audit rows older than 30 days in the cleanup job', async () => {
    await server.db.query(
      `UPDATE sponsorship_workspace_audit SET created_at = now() - interval '31 days' WHERE workspace_id = $1`,
      [quiet],
    )
    const kept = (
      await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_audit WHERE workspace_id = $1', [
        live,
      ])
    ).rows[0]!.n
    await runJob(queues.maintenanceCleanup)
    expect(
      (
        await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_audit WHERE workspace_id = $1', [
          quiet,
        ])
      ).rows[0]!.n,
    ).toBe(0)
    expect(
      (
        await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_audit WHERE workspace_id = $1', [
          live,
        ])
      ).rows[0]!.n,
    ).toBe(kept)
  })
})
