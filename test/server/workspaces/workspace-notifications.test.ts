// Slack-format notifications to a loopback receiver: an order funded reaches the workspace's hook after the
// hook failed twice (pg-boss retries with backoff); every attempt is recorded; goal marks are said once.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { marksCrossed } from '../../../server/workspaces/workspace-notifications'

describe('goal marks', () => {
  it('says each mark the GMV reached once, and nothing without a goal', () => {
    expect(marksCrossed(30, 100, [])).toEqual([25])
    expect(marksCrossed(80, 100, [25])).toEqual([50, 75])
    expect(marksCrossed(120, 100, [25, 50, 75])).toEqual([100])
    expect(marksCrossed(120, 100, [25, 50, 75, 100])).toEqual([])
    expect(marksCrossed(120, null, [])).toEqual([])
  })
})

describeBackends('command center notifications on %s', (backend) => {
  let server: TestServer
  let receiver: Server
  let hookUrl: string
  let world: SponsorWorld
  let workspaceId: string
  const received: { status: number; body: { text?: string } }[] = []

  beforeAll(async () => {
    let calls = 0
    receiver = createServer((request, response) => {
      let raw = ''
      request.on('data', (chunk: Buffer) => {
        raw += chunk.toString()
      })
      request.on('end', () => {
        calls += 1
        const status = calls <= 2 ? 500 : 200
        received.push({ status, body: JSON.parse(raw) as { text?: string } })
        response.writeHead(status).end(status === 200 ? 'ok' : 'try later')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T000/B000/secret`
    server = await startTestServer({ backend, jobs: true, env: { OUTBOX_POLL_MS: '50' } })
    world = await sponsorWorld(server.url, 'Vandelay')
    const as = { token: world.organizer.access_token, orgId: world.organizer.orgId }
    workspaceId = (
      await api(server.url, 'POST', '/v1/sponsorship-workspaces', { ...as, body: { name: 'Alerts', slug: 'alerts' } })
    ).body.id
    const enabled = await api(server.url, 'POST', `/v1/sponsorship-workspaces/${workspaceId}/command-center`, {
      ...as,
      body: { notify_slack_webhook: hookUrl },
    })
    expect(enabled.status).toBe(200)
  })
  afterAll(async () => {
    await server.close()
    await new Promise((resolve) => receiver.close(resolve))
  })

  it('delivers "order funded" in Slack format after two failed attempts, recording each attempt', async () => {
    await server.db.query(`SELECT record_domain_event('order.funded', ARRAY[$1::uuid], $2::uuid, $3::jsonb)`, [
      world.organizer.orgId,
      world.eventId,
      JSON.stringify({
        order_id: '00000000-0000-4000-8000-00000000f00d',
        event_id: world.eventId,
        amount_cents: 50_000,
        currency: 'USD',
      }),
    ])
    await expect.poll(() => received.filter((r) => r.status === 200).length, { timeout: 60_000, interval: 200 }).toBe(1)
    expect(received.map((r) => r.status)).toEqual([500, 500, 200])
    expect(received[2]!.body.text).toMatch(/Order funded: \$500\.00/)
    const attempts = await server.db.query<{ ok: boolean; error: string | null }>(
      `SELECT ok, error FROM sponsorship_workspace_widget_events WHERE workspace_id = $1 AND kind = 'delivery' ORDER BY id`,
      [workspaceId],
    )
    expect(attempts.rows.map((r) => r.ok)).toEqual([false, false, true])
    expect(JSON.stringify(attempts.rows)).not.toContain('secret')
  })
})
