// The local Stripe-compatible server, through the official SDK: wire format, errors, idempotency and webhooks.
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Stripe from 'stripe'
import { LocalStripeServer } from '../../../server/stripe/local/local-stripe-server'
import { stripeClient } from '../../../server/stripe/stripe-gateway'

describe('local Stripe server', () => {
  const apiKey = 'sk_test_local_unit'
  let local: LocalStripeServer
  let stripe: Stripe

  beforeAll(async () => {
    local = new LocalStripeServer({ apiKey })
    stripe = stripeClient(apiKey, await local.listen())
  })
  afterAll(() => local.close())

  it('creates a PaymentIntent from form-encoded parameters and charges a test card', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      transfer_group: 'order-1',
      metadata: { order_id: 'order-1' },
    })
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount_received: 5000,
      transfer_group: 'order-1',
      metadata: { order_id: 'order-1' },
    })
    expect(intent.latest_charge).toMatch(/^ch_/)
  })

  it('answers with Stripe error shapes the SDK turns into its error classes', async () => {
    await expect(
      stripe.paymentIntents.create({
        amount: 5000,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      }),
    ).rejects.toMatchObject({ type: 'StripeCardError', code: 'card_declined', decline_code: 'generic_decline' })
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
    })
    await expect(stripeClient('sk_test_wrong', local.url).paymentIntents.retrieve('pi_x')).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
    })
  })

  it('replays an idempotent request and refuses the key with other parameters', async () => {
    const first = await stripe.paymentIntents.create(
      { amount: 7000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true },
      { idempotencyKey: 'same-key' },
    )
    const replay = await stripe.paymentIntents.create(
      { amount: 7000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true },
      { idempotencyKey: 'same-key' },
    )
    expect(replay.id).toBe(first.id)
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')
    await expect(
      stripe.paymentIntents.create({ amount: 7001, currency: 'usd' }, { idempotencyKey: 'same-key' }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError' })
  })

  it('saves a 500 answered after acting for its key and replays it, as Stripe does; the work is done once', async () => {
    const params = {
      amount: 6100,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      transfer_group: 'order-500',
    }
    local.injectFault('POST', /^\/v1\/payment_intents$/, 'error')
    // The SDK retries a 500 with the same key (maxNetworkRetries 2): the retry gets the saved 500, not a second charge.
    await expect(stripe.paymentIntents.create(params, { idempotencyKey: 'key-500' })).rejects.toMatchObject({
      type: 'StripeAPIError',
      statusCode: 500,
    })
    const again = await stripe.paymentIntents
      .create(params, { idempotencyKey: 'key-500' })
      .catch((error: unknown) => error as Stripe.errors.StripeError)
    expect(again).toMatchObject({ type: 'StripeAPIError', statusCode: 500 })
    expect((again as Stripe.errors.StripeError).headers?.['idempotent-replayed']).toBe('true')
    const made = local.list('payment_intent', (pi) => pi.transfer_group === 'order-500')
    expect(made.map((pi) => pi.status)).toEqual(['succeeded'])
    expect(local.list('charge', (ch) => ch.transfer_group === 'order-500')).toHaveLength(1)
  })

  it('saves nothing for a 500 before the request began executing, nor for failed validation: the key runs afresh', async () => {
    local.injectFault('POST', /^\/v1\/payment_intents$/, 'fail', 3) // the first call and both SDK retries
    const params = {
      amount: 6200,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      transfer_group: 'order-fail',
    }
    await expect(stripe.paymentIntents.create(params, { idempotencyKey: 'key-fail' })).rejects.toMatchObject({
      statusCode: 500,
    })
    expect(local.list('payment_intent', (pi) => pi.transfer_group === 'order-fail')).toHaveLength(0)
    const after = await stripe.paymentIntents.create(params, { idempotencyKey: 'key-fail' })
    expect(after.lastResponse.headers['idempotent-replayed']).toBeUndefined()
    expect(after.status).toBe('succeeded')
    // A missing currency fails validation: the same key with the parameters corrected is a new request.
    await expect(
      stripe.paymentIntents.create({ amount: 6300 } as Stripe.PaymentIntentCreateParams, {
        idempotencyKey: 'key-invalid',
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing' })
    const fixed = await stripe.paymentIntents.create(
      { amount: 6300, currency: 'usd' },
      { idempotencyKey: 'key-invalid' },
    )
    expect(fixed).toMatchObject({ object: 'payment_intent', amount: 6300 })
  })

  it('refuses a transfer larger than what is left of its source charge', async () => {
    const account = await stripe.accounts.create({ type: 'express' })
    const intent = await stripe.paymentIntents.create({
      amount: 10000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    await stripe.refunds.create({ payment_intent: intent.id, amount: 3000 })
    await expect(
      stripe.transfers.create({
        amount: 8000,
        currency: 'usd',
        destination: account.id,
        source_transaction: intent.latest_charge as string,
      }),
    ).rejects.toMatchObject({ code: 'balance_insufficient' })
    const transfer = await stripe.transfers.create({
      amount: 7000,
      currency: 'usd',
      destination: account.id,
      source_transaction: intent.latest_charge as string,
    })
    const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 2000 })
    expect(reversal).toMatchObject({ object: 'transfer_reversal', amount: 2000, transfer: transfer.id })
    expect((await stripe.transfers.retrieve(transfer.id)).amount_reversed).toBe(2000)
  })

  it('delivers events signed so that the SDK verifies them', async () => {
    const secret = 'whsec_unit_secret'
    const received: Stripe.Event[] = []
    const endpoint = createServer((req, res) => {
      const chunks: Buffer[] = []
      req
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => {
          received.push(
            stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), secret),
          )
          res.end('{}')
        })
    })
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve))
    local.webhooks.addEndpoint(`http://127.0.0.1:${(endpoint.address() as { port: number }).port}/hook`, secret)
    const intent = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    await local.webhooks.idle()
    endpoint.close()
    expect(received.filter((e) => (e.data.object as { id?: string }).id === intent.id).map((e) => e.type)).toEqual([
      'payment_intent.created',
      'payment_intent.succeeded',
    ])
  })
})
