// What keeps commit → receiver short: a commit wakes the outbox readers at once (Postgres NOTIFY; the poll
// here is a minute, so only the wake-up can deliver in time), and deliveries reuse kept-alive connections
// instead of opening one per request.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { as, eventually } from '../../support/commerce-fixtures'
import { startReceiver, type Receiver } from '../../support/webhook-receiver'
import { recordDomainEvent } from '../../../server/repositories/domain-events-repository'

describeBackends('webhook delivery latency on %s', (backend) => {
  let server: TestServer
  let org: SignedUp
  let receiver: Receiver

  beforeAll(async () => {
    // Readers and workers poll once a minute: anything faster is the commit's wake-up.
    server = await startTestServer({ backend, env: { OUTBOX_POLL_MS: '60000', WEBHOOK_POLL_MS: '60000' } })
    org = await signUp(server.url, 'organizer', 'Latency Org')
    receiver = await startReceiver({ keepAliveMs: 5000 })
    const made = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/webhook-endpoints`, {
      ...as(org),
      body: { url: receiver.url, events: ['order.funded'] },
    })
    expect(made.status).toBe(201)
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  const emit = (i: number) =>
    server.db.transaction((tx) =>
      recordDomainEvent(tx, {
        type: 'order.funded',
        orgIds: [org.orgId],
        data: { order_id: crypto.randomUUID(), amount_cents: 100 + i },
      }),
    )

  it.skipIf(backend === 'pglite')(
    'delivers a committed event within a second though nothing polls for a minute (Postgres NOTIFY)',
    async () => {
      // Let the first polls (at start) pass, so the next one is a minute away.
      await new Promise((resolve) => setTimeout(resolve, 500))
      const committed = Date.now()
      const id = await emit(0)
      const got = await eventually(async () => receiver.log.find((r) => r.id === id), Boolean, 5_000)
      expect(got!.at - committed).toBeLessThan(1_000)
    },
  )

  it('reuses kept-alive connections for a stream of deliveries', async () => {
    const before = receiver.connections
    const ids: string[] = []
    for (let i = 0; i < 40; i++) ids.push(await emit(i))
    server.app.outbox.kick()
    await eventually(
      async () => receiver.deliveredIds(),
      (delivered) => ids.every((id) => delivered.has(id)),
    )
    // At most one connection per concurrent send (8), not one per request (40).
    expect(receiver.connections - before).toBeLessThanOrEqual(server.config.webhooks.concurrencyPerEndpoint)
  })
})
