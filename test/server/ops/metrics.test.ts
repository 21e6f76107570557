// GET /metrics (Prometheus text behind METRICS_TOKEN) and the platform administrators' Operations overview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const metricsToken = 'metrics-token-0123456789abcdef'

/** The value of one sample line, e.g. sample(text, 'yardpass_queue_depth', { queue: 'x' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    const matches = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))
    if (matches) return Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return undefined
}

describeBackends('operations metrics on %s', (backend) => {
  let server: TestServer
  let organizer: SignedUp
  let admin: SignedUp
  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
    expect(response.status).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    server = await startTestServer({ backend, jobs: true, env: { METRICS_TOKEN: metricsToken } })
    organizer = await signUp(server.url, 'organizer', 'Organizer')
    admin = await signUp(server.url, 'organizer', 'Platform')
    await server.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [admin.user.id])
  }, 60_000)
  afterAll(() => server?.close())

  it('answers 401 without the token and with a wrong one, and never in the JSON error shape of another route', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
    const wrong = await api(server.url, 'GET', '/metrics', {
      headers: { authorization: 'Bearer not-the-token-0123456789' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('unauthorized')
    const asUser = await api(server.url, 'GET', '/metrics', { token: organizer.access_token })
    expect(asUser.status).toBe(401)
  })

  it('times requests by route template and status', async () => {
    await api(server.url, 'GET', '/v1/events', { token: organizer.access_token, orgId: organizer.orgId })
    await api(server.url, 'GET', `/v1/events/${randomUUID()}`, {
      token: organizer.access_token,
      orgId: organizer.orgId,
    })
    const text = await scrape()
    expect(
      sample(text, 'yardpass_http_request_duration_seconds_count', {
        route: '/v1/events',
        method: 'GET',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      sample(text, 'yardpass_http_request_duration_seconds_count', { route: '/v1/events/:id', status_code: '404' }),
    ).toBe(1)
    expect(text).not.toContain(organizer.access_token)
    expect(
      sample(text, 'yardpass_db_query_duration_seconds_count', { kind: 'transaction', outcome: 'ok' }),
    ).toBeGreaterThan(0)
    expect(sample(text, 'yardpass_process_resident_memory_bytes')).toBeGreaterThan(0)
    expect(sample(text, 'yardpass_nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
  })

  it('counts pushed mutations by outcome, and rejected ones apart', async () => {
    const clientId = randomUUID()
    const push = await api(server.url, 'POST', '/v1/sync/push', {
      token: organizer.access_token,
      body: {
        client_id: clientId,
        mutations: [
          {
            mutation_id: 1,
            name: 'lead.capture',
            args: {
              lead_id: randomUUID(),
              event_id: randomUUID(),
              sponsor_id: randomUUID(),
              badge_code: 'X-1',
              interaction: 'booth_visit',
              captured_at: new Date().toISOString(),
            },
          },
        ],
      },
    })
    expect(push.status).toBe(200)
    expect(push.body.results[0].status).toBe('rejected')
    expect(sample(await scrape(), 'yardpass_sync_push_mutations_total', { outcome: 'rejected' })).toBe(1)
  })

  it('reads queue depth and lag from the job tables, the same on every instance', async () => {
    const queue = `ops-test-${randomUUID().slice(0, 8)}`
    const boss = server.app.jobQueue.boss!
    await boss.createQueue(queue)
    for (let i = 0; i < 3; i++) await boss.send(queue, { i })
    // One job has waited ten minutes: the lag SLO (5 minutes) is breached.
    await server.db.query(
      `UPDATE pgboss.job SET start_after = now() - interval '10 minutes', created_on = now() - interval '10 minutes' WHERE id = (SELECT id FROM pgboss.job WHERE name = $1 LIMIT 1)`,
      [queue],
    )
    const text = await scrape()
    expect(sample(text, 'yardpass_queue_depth', { queue })).toBe(3)
    expect(sample(text, 'yardpass_queue_lag_seconds', { queue })).toBeGreaterThanOrEqual(599)

    const overview = await api(server.url, 'GET', '/v1/ops/overview', { token: admin.access_token })
    expect(overview.status).toBe(200)
    const lag = overview.body.slos.find((slo: { key: string }) => slo.key === 'queue_lag')
    expect(lag.state).toBe('breached')
    expect(overview.body.queues.find((q: { queue: string }) => q.queue === queue).depth).toBe(3)
    await server.db.query(`DELETE FROM pgboss.job WHERE name = $1`, [queue])
  })

  it('shows the SLOs to platform administrators only, with no data where nothing was measured', async () => {
    const refused = await api(server.url, 'GET', '/v1/ops/overview', {
      token: organizer.access_token,
      orgId: organizer.orgId,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('platform-admin-only')
    const overview = await api(server.url, 'GET', '/v1/ops/overview', { token: admin.access_token })
    expect(overview.status).toBe(200)
    const byKey = Object.fromEntries(overview.body.slos.map((slo: { key: string }) => [slo.key, slo]))
    expect(Object.keys(byKey)).toEqual(
      expect.arrayContaining([
        'api_p95',
        'db_p95',
        'queue_lag',
        'queue_depth',
        'payout_success',
        'webhook_first_delivery',
      ]),
    )
    // Judged against its target, whatever the figure is on this machine (tests never assert timings).
    expect(byKey.api_p95.value).toBeGreaterThan(0)
    expect(byKey.api_p95.state).toBe(byKey.api_p95.value < 250 ? 'met' : 'breached')
    expect(byKey.payout_success.state).toBe('no-data')
  })

  it('lists alerts for people and lets a platform administrator acknowledge them', async () => {
    const { rows } = await server.db.query<{ id: string }>(
      `INSERT INTO admin_alerts (kind, subject_id, message) VALUES ('payout-failed', $1, 'A payout failed three times') RETURNING id`,
      [randomUUID()],
    )
    const alertId = rows[0]!.id
    expect(sample(await scrape(), 'yardpass_admin_alerts_open')).toBe(1)
    const refused = await api(server.url, 'POST', `/v1/ops/alerts/${alertId}/acknowledge`, {
      token: organizer.access_token,
    })
    expect(refused.status).toBe(403)
    const before = await api(server.url, 'GET', '/v1/ops/overview', { token: admin.access_token })
    expect(before.body.alerts[0]).toMatchObject({ id: alertId, acknowledged_at: null })
    const acknowledged = await api(server.url, 'POST', `/v1/ops/alerts/${alertId}/acknowledge`, {
      token: admin.access_token,
    })
    expect(acknowledged.status).toBe(200)
    expect(acknowledged.body.acknowledged_at).toEqual(expect.any(String))
    expect(sample(await scrape(), 'yardpass_admin_alerts_open')).toBe(0)
    const missing = await api(server.url, 'POST', `/v1/ops/alerts/${randomUUID()}/acknowledge`, {
      token: admin.access_token,
    })
    expect(missing.status).toBe(404)
  })
})

describe('metrics without METRICS_TOKEN', () => {
  it('are off, and say how to turn them on', async () => {
    const server = await startTestServer({ backend: 'pglite' })
    try {
      const response = await api(server.url, 'GET', '/metrics')
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('metrics-disabled')
      expect(response.body.error.message).toContain('METRICS_TOKEN')
    } finally {
      await server.close()
    }
  })
})
