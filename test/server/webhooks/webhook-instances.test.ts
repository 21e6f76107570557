// Several server instances share delivery: on Postgres two real servers on one database, on PGlite a
// second delivery worker on the same database. Against a receiver that fails 30 % of the time and answers
// slowly, every event arrives, no attempt is ever sent twice (each request the receiver saw is exactly one
// logged attempt), both instances did part of the work, and the per-endpoint concurrency limit holds
// across instances.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { as, eventually } from '../../support/commerce-fixtures'
import { startReceiver, type Receiver } from '../../support/webhook-receiver'
import { recordDomainEvent } from '../../../server/repositories/domain-events-repository'
import { WebhookDeliveryWorker } from '../../../server/webhooks/delivery-worker'

const env = {
  WEBHOOK_RETRY_SCHEDULE_MS: '10,10,20,20,40,40,80,80,80',
  WEBHOOK_POLL_MS: '20',
  OUTBOX_POLL_MS: '20',
  WEBHOOK_CONCURRENCY_PER_ENDPOINT: '3',
}

describeBackends('webhook delivery by two instances on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let second: TestServer | undefined
  let extraWorker: WebhookDeliveryWorker | undefined
  let org: SignedUp
  let receiver: Receiver

  beforeAll(async () => {
    server = await startTestServer({ backend, env })
    if (backend === 'postgres') second = await startTestServer({ backend, databaseUrl: server.databaseUrl!, env })
    else {
      extraWorker = new WebhookDeliveryWorker({
        db: server.db,
        config: server.config.webhooks,
        mailer: server.app.mailer,
        log: server.app.log,
        appUrl: '',
      })
      extraWorker.start()
    }
    org = await signUp(server.url, 'organizer', 'Two Instances Org')
    receiver = await startReceiver({ failRate: 0.3, delayMs: 30 })
  })
  afterAll(async () => {
    await extraWorker?.stop()
    await second?.close()
    await server.close()
    await receiver.close()
  })

  it('delivers every event once after dedupe, never sends an attempt twice, and keeps the per-endpoint limit across instances', async () => {
    const made = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/webhook-endpoints`, {
      ...as(org),
      body: { url: receiver.url, events: ['order.funded'] },
    })
    expect(made.status).toBe(201)
    const ids: string[] = []
    // PGlite runs every statement on one connection: fewer events keep the test short on a loaded machine.
    for (let i = 0; i < (backend === 'postgres' ? 200 : 80); i++) {
      ids.push(
        await server.db.transaction((tx) =>
          recordDomainEvent(tx, {
            type: 'order.funded',
            orgIds: [org.orgId],
            data: { order_id: crypto.randomUUID(), amount_cents: i },
          }),
        ),
      )
    }
    server.app.outbox.kick()
    const settled = await eventually(
      async () =>
        (
          await server.db.query<{
            logged: number
            attempts: number
            unsettled: number
            total: number
            workers: number
          }>(
            `SELECT (SELECT count(*)::int FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1) AS logged,
              (SELECT coalesce(sum(attempt_count), 0)::int FROM webhook_deliveries WHERE endpoint_id = $1) AS attempts,
              (SELECT count(*)::int FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> 'succeeded') AS unsettled,
              (SELECT count(*)::int FROM webhook_deliveries WHERE endpoint_id = $1) AS total,
              (SELECT count(DISTINCT a.worker_id)::int FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1) AS workers`,
            [made.body.id],
          )
        ).rows[0]!,
      (c) => c.total === ids.length && c.unsettled === 0,
      25_000,
    )

    expect([...receiver.deliveredIds()].sort()).toEqual([...ids].sort())
    const successes = receiver.log.filter((x) => x.answered < 300).map((x) => x.id)
    expect(successes).toHaveLength(ids.length)
    // Every request the receiver saw is one logged attempt, and every claimed attempt was logged once.
    expect(settled.logged).toBe(receiver.log.length)
    expect(settled.attempts).toBe(receiver.log.length)
    expect(receiver.log.length).toBeGreaterThan(ids.length)
    expect(settled.workers).toBe(2)
    expect(receiver.maxInFlight).toBeGreaterThan(0)
    expect(receiver.maxInFlight).toBeLessThanOrEqual(3)
  })
})
