// The webhook endpoint: only Stripe's signature lets an event in, and the per-IP rate limit never delays one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { startTestServer, type TestServer } from '../../support/test-server'

describe('POST /v1/stripe/webhook', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { RATE_LIMIT_PER_MINUTE: '3' } })
  })
  afterAll(() => server.close())

  it('accepts a signed event once, acknowledges its redelivery, and is not rate limited', async () => {
    const payload = JSON.stringify({
      id: 'evt_signed_1',
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1' } },
    })
    const signature = server.app.stripe.client.webhooks.generateTestHeaderString({
      payload,
      secret: server.app.stripe.webhookSecret!,
    })
    const send = () =>
      api(server.url, 'POST', '/v1/stripe/webhook', { rawBody: payload, headers: { 'stripe-signature': signature } })
    expect((await send()).body).toEqual({ received: true, duplicate: false })
    for (let i = 0; i < 5; i += 1) expect((await send()).body).toEqual({ received: true, duplicate: true })
    const tampered = await api(server.url, 'POST', '/v1/stripe/webhook', {
      rawBody: payload.replace('cus_1', 'cus_2'),
      headers: { 'stripe-signature': signature },
    })
    expect(tampered.status).toBe(400)
    expect((await server.db.query(`SELECT count(*)::int AS n FROM stripe_events`)).rows).toEqual([{ n: 1 }])
  })

  it('answers a correctly signed body that is not an event with 400 and records nothing', async () => {
    const before = (await server.db.query(`SELECT count(*)::int AS n FROM stripe_events`)).rows[0]!.n
    for (const body of [
      { id: 'evt_null_object', object: 'event', type: 'payment_intent.succeeded', data: { object: null } },
      { object: 'event', data: { object: { id: 'pi_1' } } },
      [{ id: 'evt_in_array', type: 'charge.refunded', data: { object: {} } }],
    ]) {
      const payload = JSON.stringify(body)
      const signature = server.app.stripe.client.webhooks.generateTestHeaderString({
        payload,
        secret: server.app.stripe.webhookSecret!,
      })
      const response = await api(server.url, 'POST', '/v1/stripe/webhook', {
        rawBody: payload,
        headers: { 'stripe-signature': signature },
      })
      expect(response.status, payload).toBe(400)
      expect(response.body.error.code).toBe('invalid-event')
    }
    expect((await server.db.query(`SELECT count(*)::int AS n FROM stripe_events`)).rows[0]!.n).toBe(before)
  })
})
