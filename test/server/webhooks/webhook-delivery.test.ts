// Webhook delivery end to end, with real receivers on loopback: signatures verify with the Standard
// Webhooks library and the sha256= header; a rolled-back change sends nothing; a receiver failing 30 % of
// the time gets every event exactly once after dedupe; one that is down past the last retry yields dead
// letters that replay cleanly with the original ids; an endpoint failing too long is disabled and its
// admins emailed; the address is checked again at connect time.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { createHmac } from 'node:crypto'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { as, buyer, commerceWorld, eventually, sentProposal } from '../../support/commerce-fixtures'
import { startReceiver, type Receiver } from '../../support/webhook-receiver'
import { recordDomainEvent } from '../../../server/repositories/domain-events-repository'
import { WebhookDeliveryWorker } from '../../../server/webhooks/delivery-worker'

const retries = '10,10,20,20,40,40,80,80,80'

describeBackends('webhook delivery on %s', (backend) => {
  let server: TestServer
  let org: SignedUp
  const receivers: Receiver[] = []

  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: { WEBHOOK_RETRY_SCHEDULE_MS: retries, WEBHOOK_POLL_MS: '20', OUTBOX_POLL_MS: '20' },
    })
    org = await signUp(server.url, 'organizer', 'Delivery Org')
  })
  afterEach(async () => {
    // Each test's endpoints go, so later tests' events reach only their own receiver.
    await server.db.query('UPDATE webhook_endpoints SET enabled = false WHERE org_id = $1', [org.orgId])
  })
  afterAll(async () => {
    await server.close()
    await Promise.all(receivers.map((r) => r.close()))
  })

  const receiver = async (failRate = 0) => {
    const r = await startReceiver({ failRate })
    receivers.push(r)
    return r
  }
  const endpoint = async (url: string, events = ['order.funded'], who = org) => {
    const made = await api(server.url, 'POST', `/v1/organizations/${who.orgId}/webhook-endpoints`, {
      ...as(who),
      body: { url, events },
    })
    expect(made.status).toBe(201)
    return made.body as { id: string; secret: string }
  }
  /** n order.funded events, each committed in its own transaction, as the trigger would write them. */
  const emit = async (n: number, orgIds = [org.orgId]) => {
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      ids.push(
        await server.db.transaction((tx) =>
          recordDomainEvent(tx, {
            type: 'order.funded',
            orgIds,
            data: {
              order_id: crypto.randomUUID(),
              event_id: crypto.randomUUID(),
              sponsor_id: crypto.randomUUID(),
              amount_cents: 1000 + i,
              currency: 'usd',
              escrow_state: 'funded',
              stripe_payment_intent_id: `pi_${i}`,
              application_fee_cents: 100,
              package_id: null,
            },
          }),
        ),
      )
    }
    server.app.outbox.kick()
    return ids
  }

  it('signs each envelope so the Standard Webhooks library and the sha256= header both verify it', async () => {
    const r = await receiver()
    const hook = await endpoint(r.url)
    const [id] = await emit(1)
    await eventually(
      async () => r.log.length,
      (n) => n >= 1,
    )
    const got = r.log[0]!
    const envelope = new Webhook(hook.secret).verify(got.body, got.headers as Record<string, string>) as Record<
      string,
      unknown
    >
    expect(Object.keys(envelope)).toEqual(['type', 'data', 'timestamp', 'id'])
    expect(envelope).toMatchObject({ type: 'order.funded', id })
    expect(got.headers['webhook-id']).toBe(id)
    expect(got.headers['x-yardpass-event']).toBe('order.funded')
    const key = Buffer.from(hook.secret.slice(6), 'base64')
    expect(got.headers['x-yardpass-signature']).toBe(
      `sha256=${createHmac('sha256', key).update(got.body).digest('hex')}`,
    )
    // The Standard Webhooks algorithm, independently: base64 HMAC-SHA256 of "<id>.<timestamp>.<body>".
    const timestamp = String(got.headers['webhook-timestamp'])
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300)
    expect(got.headers['webhook-signature']).toBe(
      `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${got.body}`).digest('base64')}`,
    )
    expect(JSON.parse(got.body).timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    // A tampered body or another secret does not verify.
    expect(() =>
      new Webhook(hook.secret).verify(got.body.replace('funded', 'refunded'), got.headers as Record<string, string>),
    ).toThrow()
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).verify(
        got.body,
        got.headers as Record<string, string>,
      ),
    ).toThrow()
  })

  it('signs with both secrets during a rotation', async () => {
    const r = await receiver()
    const hook = await endpoint(r.url)
    const rotated = await api(
      server.url,
      'POST',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}:rotate-secret`,
      as(org),
    )
    await emit(1)
    await eventually(
      async () => r.log.length,
      (n) => n >= 1,
    )
    const got = r.log[0]!
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2)
    for (const secret of [hook.secret, rotated.body.secret])
      expect(() => new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).not.toThrow()
    // X-Yardpass-Signature carries both too, the new secret's first.
    const hex = (secret: string, body = got.body) =>
      `sha256=${createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
        .update(body)
        .digest('hex')}`
    expect(got.headers['x-yardpass-signature']).toBe(`${hex(rotated.body.secret)} ${hex(hook.secret)}`)
    // Once the 24 hours are over, only the new secret signs.
    await server.db.query(
      "UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1",
      [hook.id],
    )
    await emit(1)
    await eventually(
      async () => r.log.length,
      (n) => n >= 2,
    )
    expect(r.log[1]!.headers['x-yardpass-signature']).toBe(hex(rotated.body.secret, r.log[1]!.body))
    expect(() => new Webhook(hook.secret).verify(r.log[1]!.body, r.log[1]!.headers as Record<string, string>)).toThrow()
  })

  it('delivers order.funded with the seed fields from a real funded order', async () => {
    const world = await commerceWorld(server.url)
    const acme = await buyer(server.url)
    const r = await receiver()
    await endpoint(r.url, ['order.funded', 'proposal.sent'], world.organizer)
    const threadId = await sentProposal(world, acme)
    const accepted = await api(server.url, 'POST', `/v1/proposals/${threadId}:accept`, as(world.organizer))
    const orderId: string = accepted.body.order.id
    expect(
      (
        await api(server.url, 'POST', `/v1/sponsorship-orders/${orderId}:fund`, {
          ...as(acme.owner),
          body: { payment_method_id: 'pm_card_visa' },
        })
      ).status,
    ).toBe(200)
    await eventually(
      async () => r.log.filter((x) => x.type === 'order.funded').length,
      (n) => n >= 1,
    )
    const funded = JSON.parse(r.log.find((x) => x.type === 'order.funded')!.body)
    expect(funded.data).toMatchObject({
      order_id: orderId,
      event_id: world.eventId,
      sponsor_id: acme.sponsorId,
      amount_cents: 140000,
      escrow_state: 'funded',
      stripe_payment_intent_id: expect.stringMatching(/^pi_/),
      application_fee_cents: 14000,
    })
    expect(r.log.some((x) => x.type === 'proposal.sent' && JSON.parse(x.body).data.proposal_id === threadId)).toBe(true)
  })

  it("sends lead.captured to the sponsor's own endpoint with the attendee's consented contact fields only", async () => {
    const sponsor = await signUp(server.url, 'sponsor', 'Lead Hooks Sponsor')
    const r = await receiver()
    await endpoint(r.url, ['lead.captured'], sponsor)
    const organizerSide = await receiver()
    await endpoint(organizerSide.url, ['order.funded', 'proposal.sent', 'deliverable.approved'])
    const leadId = crypto.randomUUID()
    await server.db.transaction((tx) =>
      recordDomainEvent(tx, {
        type: 'lead.captured',
        orgIds: [sponsor.orgId],
        data: {
          lead_id: leadId,
          sponsor_id: crypto.randomUUID(),
          event_id: crypto.randomUUID(),
          intent_score: 91,
          intent_level: 'hot',
          previous_intent_level: null,
          capture_count: 1,
          is_repeat: false,
          captured_at: new Date().toISOString(),
          notes: 'private booth notes',
          qualifiers: { budget: 'secret' },
          attendee: {
            badge_code: 'B-1',
            name: 'Ada Lovelace',
            email: 'ada@example.com',
            company: 'Engines',
            title: 'CTO',
            phone: null,
            home_address: 'not shared',
          },
        },
      }),
    )
    server.app.outbox.kick()
    await eventually(
      async () => r.log.length,
      (n) => n >= 1,
    )
    const data = JSON.parse(r.log[0]!.body).data
    expect(data).toMatchObject({
      lead_id: leadId,
      intent_level: 'hot',
      attendee: { name: 'Ada Lovelace', email: 'ada@example.com' },
    })
    expect(Object.keys(data.attendee).sort()).toEqual(['badge_code', 'company', 'email', 'name', 'phone', 'title'])
    expect(r.log[0]!.body).not.toContain('private booth notes')
    expect(r.log[0]!.body).not.toContain('secret')
    expect(r.log[0]!.body).not.toContain('not shared')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(organizerSide.log).toHaveLength(0)
  })

  it('delivers fulfillment and sponsorship events from the outbox (deliverable.approved, event_sponsorship.updated)', async () => {
    const r = await receiver()
    await endpoint(r.url, ['deliverable.approved', 'event_sponsorship.updated'])
    const deliverableId = crypto.randomUUID()
    await server.db.transaction(async (tx) => {
      await recordDomainEvent(tx, {
        type: 'deliverable.approved',
        orgIds: [org.orgId],
        data: {
          deliverable_id: deliverableId,
          event_id: crypto.randomUUID(),
          sponsor_id: crypto.randomUUID(),
          status: 'approved',
          previous_status: 'submitted',
          type: 'logo_placement',
          proof_count: 2,
        },
      })
      await recordDomainEvent(tx, {
        type: 'deliverable.needs_changes',
        orgIds: [org.orgId],
        data: { deliverable_id: deliverableId },
      })
      await recordDomainEvent(tx, {
        type: 'event_sponsorship.updated',
        orgIds: [org.orgId],
        data: { event_sponsorship_id: crypto.randomUUID(), activation_status: 'complete' },
      })
    })
    server.app.outbox.kick()
    await eventually(
      async () => r.log.length,
      (n) => n >= 2,
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(r.log.map((x) => x.type)).toEqual(['deliverable.approved', 'event_sponsorship.updated'])
    expect(JSON.parse(r.log[0]!.body).data).toMatchObject({
      deliverable_id: deliverableId,
      status: 'approved',
      proof_count: 2,
    })
  })

  it('sends nothing for a change whose transaction rolled back', async () => {
    const r = await receiver()
    await endpoint(r.url)
    await expect(
      server.db.transaction(async (tx) => {
        await recordDomainEvent(tx, { type: 'order.funded', orgIds: [org.orgId], data: { order_id: 'rolled-back' } })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const [committed] = await emit(1)
    await eventually(
      async () => r.log.length,
      (n) => n >= 1,
    )
    // The committed event came after the rolled-back one: had that one been delivered, it would be here first.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(r.log.map((x) => x.id)).toEqual([committed])
    expect(r.log.some((x) => x.body.includes('rolled-back'))).toBe(false)
  })

  it('gets every event exactly once after dedupe through a receiver that fails 30 % of the time, each attempt logged', async () => {
    const r = await receiver(0.3)
    const hook = await endpoint(r.url)
    const ids = await emit(150)
    await eventually(
      async () => r.deliveredIds().size,
      (n) => n >= ids.length,
      30_000,
    )
    expect([...r.deliveredIds()].sort()).toEqual([...ids].sort())
    expect(r.log.filter((x) => x.answered >= 300).length).toBeGreaterThan(0)
    // Each id was answered 2xx once: no event was sent again after it succeeded.
    const successes = r.log.filter((x) => x.answered < 300).map((x) => x.id)
    expect(successes.length).toBe(new Set(successes).size)
    // The receiver answered before the last attempts were settled: wait until every delivery has settled.
    const counts = await eventually(
      async () =>
        (
          await server.db.query<{ attempts: number; logged: number; unsettled: number }>(
            `SELECT (SELECT count(*)::int FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1) AS logged,
              (SELECT coalesce(sum(attempt_count), 0)::int FROM webhook_deliveries WHERE endpoint_id = $1) AS attempts,
              (SELECT count(*)::int FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> 'succeeded') AS unsettled`,
            [hook.id],
          )
        ).rows[0]!,
      (c) => c.unsettled === 0,
    )
    expect(counts.logged).toBe(r.log.length)
    expect(counts.attempts).toBe(r.log.length)
  })

  it('dead-letters deliveries to a receiver down past the last retry, and replays them cleanly with their ids', async () => {
    const r = await receiver(1)
    const hook = await endpoint(r.url)
    const ids = await emit(5)
    const dead = await eventually(
      async () =>
        (
          await server.db.query(
            'SELECT webhook_type, payload, original_timestamp, failure_reason, retry_count, delivery_id FROM dead_letter_webhooks WHERE endpoint_id = $1',
            [hook.id],
          )
        ).rows,
      (rows) => rows.length === ids.length,
      20_000,
    )
    expect(
      dead.every((d) => d.webhook_type === 'order.funded' && d.retry_count === 10 && d.failure_reason === 'HTTP 503'),
    ).toBe(true)
    expect(dead.map((d) => d.payload.id).sort()).toEqual([...ids].sort())
    expect(r.log).toHaveLength(ids.length * 10)
    const deliveries = await api(
      server.url,
      'GET',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}/deliveries?status=dead`,
      as(org),
    )
    expect(deliveries.body.data).toHaveLength(5)
    const detail = await api(
      server.url,
      'GET',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}/deliveries/${deliveries.body.data[0].id}`,
      as(org),
    )
    expect(detail.body.attempts).toHaveLength(10)
    expect(detail.body.attempts[0]).toMatchObject({
      attempt_number: 1,
      succeeded: false,
      status_code: 503,
      response_excerpt: 'receiver unavailable',
    })

    r.failRate = 0
    const replay = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}:replay`, {
      ...as(org),
      body: {},
    })
    expect(replay.body).toEqual({ replayed: 5 })
    await eventually(
      async () => r.deliveredIds().size,
      (n) => n >= 5,
    )
    expect([...r.deliveredIds()].sort()).toEqual([...ids].sort())
    const again = (
      await server.db.query(
        'SELECT count(*)::int AS n FROM dead_letter_webhooks WHERE endpoint_id = $1 AND replayed_at IS NULL',
        [hook.id],
      )
    ).rows[0]
    expect(again).toEqual({ n: 0 })
    // The replay's attempt is logged after the ten that failed.
    const replayed = await eventually(
      async () =>
        (
          await api(
            server.url,
            'GET',
            `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}/deliveries/${deliveries.body.data[0].id}`,
            as(org),
          )
        ).body,
      (d) => d.status === 'succeeded' && d.attempts.length === 11,
    )
    expect(replayed.attempts[10]).toMatchObject({
      attempt_number: 11,
      succeeded: true,
      status_code: 200,
      response_excerpt: 'ok',
    })
  })

  it('replays one delivery and a time range with the original event id, and sends a test event', async () => {
    const r = await receiver()
    const hook = await endpoint(r.url)
    const from = new Date(Date.now() - 1000).toISOString()
    const ids = await emit(3)
    await eventually(
      async () => r.log.length,
      (n) => n >= 3,
    )
    const list = await api(
      server.url,
      'GET',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}/deliveries?status=succeeded&type=order.funded&limit=2`,
      as(org),
    )
    expect(list.body.data).toHaveLength(2)
    const one = await api(
      server.url,
      'POST',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}/deliveries/${list.body.data[0].id}:replay`,
      as(org),
    )
    expect(one.status).toBe(202)
    await eventually(
      async () => r.log.length,
      (n) => n >= 4,
    )
    expect(r.log[3]!.id).toBe(list.body.data[0].event_id)
    const range = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}:replay`, {
      ...as(org),
      body: { from, to: new Date(Date.now() + 1000).toISOString() },
    })
    expect(range.body).toEqual({ replayed: 3 })
    await eventually(
      async () => r.log.length,
      (n) => n >= 7,
    )
    expect(
      r.log
        .slice(4)
        .map((x) => x.id)
        .sort(),
    ).toEqual([...ids].sort())
    const test = await api(
      server.url,
      'POST',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}:test`,
      as(org),
    )
    expect(test.status).toBe(202)
    await eventually(
      async () => r.log.length,
      (n) => n >= 8,
    )
    expect(r.log[7]!.type).toBe('webhook.test')
    expect(() =>
      new Webhook(hook.secret).verify(r.log[7]!.body, r.log[7]!.headers as Record<string, string>),
    ).not.toThrow()
  })

  it('disables an endpoint failing for 5 days and emails the organization admins', async () => {
    const r = await receiver(1)
    const hook = await endpoint(r.url)
    await server.db.query("UPDATE webhook_endpoints SET failing_since = now() - interval '121 hours' WHERE id = $1", [
      hook.id,
    ])
    await emit(1)
    const after = await eventually(
      async () =>
        (await api(server.url, 'GET', `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.id}`, as(org))).body,
      (e) => e.enabled === false,
    )
    expect(after.disabled_reason).toContain('HTTP 503')
    const dir = join(server.config.dataDir, 'outbox')
    const mail = await eventually(
      async () => (existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')) : []),
      (m) => m.some((t) => t.includes('webhook endpoint was disabled')),
    )
    expect(mail.find((t) => t.includes('webhook endpoint was disabled'))).toContain(org.user.email)
  })

  it('checks the address again at connect time and sends nothing to a refused one', async () => {
    const r = await receiver()
    const hook = await endpoint(r.url)
    await server.app.webhooks.stop()
    try {
      // Another instance whose operator does not allow loopback: the saved URL is refused when dialled.
      const strict = new WebhookDeliveryWorker({
        db: server.db,
        config: { ...server.config.webhooks, allowLoopback: false },
        mailer: server.app.mailer,
        log: server.app.log,
        appUrl: '',
      })
      await emit(1)
      await eventually(
        async () =>
          (await server.db.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1', [hook.id]))
            .rows[0]!.n,
        (n) => n === 1,
      )
      expect(await strict.drainOnce()).toBe(1)
      const attempt = (
        await server.db.query(
          'SELECT a.error, a.status_code FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1',
          [hook.id],
        )
      ).rows
      expect(attempt).toEqual([{ error: expect.stringContaining('refused at connect time'), status_code: null }])
      expect(r.log).toHaveLength(0)
    } finally {
      server.app.webhooks.start()
    }
  })
})
