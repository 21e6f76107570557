// The delivery log over HTTP: every attempt with its status, latency and a response excerpt bounded to
// 1 KiB; a receiver that never answers times out (the timeout is a setting: 10 s in production, short
// here); filters by status, type and time; bad filters are 4xx.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { as, eventually } from '../../support/commerce-fixtures'
import { startReceiver, type Receiver } from '../../support/webhook-receiver'
import { recordDomainEvent } from '../../../server/repositories/domain-events-repository'

describeBackends('webhook delivery log on %s', (backend) => {
  let server: TestServer
  let org: SignedUp
  const receivers: Receiver[] = []
  const hooks = () => `/v1/organizations/${org.orgId}/webhook-endpoints`

  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: { WEBHOOK_RETRY_SCHEDULE_MS: '10', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_POLL_MS: '20', OUTBOX_POLL_MS: '20' },
    })
    org = await signUp(server.url, 'organizer', 'Log Org')
  })
  afterAll(async () => {
    await server.close()
    await Promise.all(receivers.map((r) => r.close()))
  })

  const endpointFor = async (r: Receiver, events = ['order.funded']) => {
    receivers.push(r)
    const made = await api(server.url, 'POST', hooks(), { ...as(org), body: { url: r.url, events } })
    expect(made.status).toBe(201)
    return made.body.id as string
  }
  const emit = async (type: string) => {
    const id = await server.db.transaction((tx) =>
      recordDomainEvent(tx, {
        type,
        orgIds: [org.orgId],
        data: { order_id: crypto.randomUUID(), deliverable_id: crypto.randomUUID() },
      }),
    )
    server.app.outbox.kick()
    return id
  }
  const detail = (endpointId: string, deliveryId: string) =>
    api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries/${deliveryId}`, as(org))

  it('logs each attempt with status, latency and at most 1 KiB of the answer', async () => {
    const r = await startReceiver({ okBody: 'x'.repeat(5000) })
    const endpointId = await endpointFor(r)
    const eventId = await emit('order.funded')
    const list = await eventually(
      async () => (await api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries`, as(org))).body.data,
      (d) => d.length === 1 && d[0].status === 'succeeded',
    )
    expect(list[0]).toMatchObject({ event_id: eventId, type: 'order.funded', last_status_code: 200 })
    const { body } = await detail(endpointId, list[0].id)
    expect(body.data).toMatchObject({ amount_cents: null, escrow_state: null })
    expect(body.attempts).toHaveLength(list[0].attempt_count)
    const last = body.attempts.at(-1)
    expect(last).toMatchObject({
      attempt_number: list[0].attempt_count,
      succeeded: true,
      status_code: 200,
      error: null,
      worker_id: expect.any(String),
    })
    expect(last.latency_ms).toBeGreaterThanOrEqual(0)
    expect(last.response_excerpt).toBe('x'.repeat(1024))
  })

  it('times out a receiver that never answers and logs why', async () => {
    const r = await startReceiver({ hang: true })
    const endpointId = await endpointFor(r)
    await emit('order.funded')
    const dead = await eventually(
      async () => (await api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries?status=dead`, as(org))).body.data,
      (d) => d.length === 1,
      10_000,
    )
    const { body } = await detail(endpointId, dead[0].id)
    expect(body.attempts).toHaveLength(2)
    for (const attempt of body.attempts)
      expect(attempt).toMatchObject({ succeeded: false, status_code: null, error: 'timed out after 1000 ms' })
    const letter = (
      await server.db.query('SELECT failure_reason, retry_count FROM dead_letter_webhooks WHERE delivery_id = $1', [
        dead[0].id,
      ])
    ).rows
    expect(letter).toEqual([{ failure_reason: 'timed out after 1000 ms', retry_count: 2 }])
  })

  it('filters the log by status, type and when the event happened; a backwards range is a 400', async () => {
    const r = await startReceiver()
    const endpointId = await endpointFor(r, ['order.funded', 'deliverable.approved'])
    const first = await emit('order.funded')
    await eventually(
      async () => r.log.length,
      (n) => n === 1,
    )
    const between = new Date()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const second = await emit('deliverable.approved')
    await eventually(
      async () =>
        (await api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries?status=succeeded`, as(org))).body.data,
      (d) => d.length === 2,
    )
    const ids = async (query: string) =>
      (await api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries?${query}`, as(org))).body.data.map(
        (d: { event_id: string }) => d.event_id,
      )
    expect(await ids('type=deliverable.approved')).toEqual([second])
    expect(await ids(`to=${encodeURIComponent(between.toISOString())}`)).toEqual([first])
    expect(await ids(`from=${encodeURIComponent(between.toISOString())}`)).toEqual([second])
    expect(await ids('status=dead')).toEqual([])
    const backwards = await api(
      server.url,
      'GET',
      `${hooks()}/${endpointId}/deliveries?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(between.toISOString())}`,
      as(org),
    )
    expect(backwards.status).toBe(400)
    expect((await api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries?status=lost`, as(org))).status).toBe(400)
    expect(
      (await api(server.url, 'GET', `${hooks()}/${endpointId}/deliveries/${crypto.randomUUID()}`, as(org))).status,
    ).toBe(404)
    expect(
      (
        await api(server.url, 'POST', `${hooks()}/${endpointId}:replay`, {
          ...as(org),
          body: { from: new Date().toISOString(), to: between.toISOString() },
        })
      ).status,
    ).toBe(400)
  })
})
