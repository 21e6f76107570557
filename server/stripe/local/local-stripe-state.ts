// The objects a local Stripe-compatible server keeps: Connect accounts, PaymentIntents and their
// charges, refunds, transfers and reversals, and the events they raise. Shapes follow Stripe's API.
import { randomBytes } from 'node:crypto'
import { testPaymentMethods } from './test-cards'

export type StripeObject = Record<string, unknown> & { id: string; object: string }

/** An error in Stripe's shape: `{ error: { type, code, message, ... } }` with its HTTP status. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      type: string
      code?: string
      message: string
      param?: string
      decline_code?: string
      payment_intent?: StripeObject
    },
  ) {
    super(body.message)
  }
}

const now = () => Math.floor(Date.now() / 1000)
export const stripeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`
const missing = (kind: string, id: string, param = 'id') =>
  new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param,
  })
const invalid = (message: string, param?: string) =>
  new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    message,
    ...(param ? { param } : {}),
  })

export type Params = Record<string, unknown>

const str = (params: Params, key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined)
function int(params: Params, key: string, required = false): number | undefined {
  const raw = params[key]
  if (raw === undefined) {
    if (required)
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        message: `Missing required param: ${key}.`,
        param: key,
      })
    return undefined
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw invalid(`Invalid integer: ${String(raw)}`, key)
  return value
}
const metadataOf = (params: Params) =>
  typeof params.metadata === 'object' && params.metadata ? (params.metadata as Record<string, string>) : {}

export interface StateSnapshot {
  objects: Record<string, StripeObject>
  events: StripeObject[]
}

/** Every object by id, and the events in order; a caller delivers the events a mutation appended, even when it failed. */
export class LocalStripeState {
  objects = new Map<string, StripeObject>()
  events: StripeObject[] = []
  /** Where the 3-D Secure test pages are served (the server's own address). */
  baseUrl = ''

  static from(snapshot: StateSnapshot | undefined): LocalStripeState {
    const state = new LocalStripeState()
    if (snapshot) {
      for (const [id, object] of Object.entries(snapshot.objects)) state.objects.set(id, object)
      state.events = snapshot.events
    }
    return state
  }

  snapshot(): StateSnapshot {
    return { objects: Object.fromEntries(this.objects), events: this.events }
  }

  get(kind: string, id: string): StripeObject {
    const object = this.objects.get(id)
    if (!object || object.object !== kind) throw missing(kind, id)
    return object
  }

  list(kind: string, filter: (object: StripeObject) => boolean = () => true): StripeObject[] {
    return [...this.objects.values()]
      .filter((o) => o.object === kind && filter(o))
      .sort((a, b) => Number(b.created) - Number(a.created))
  }

  private save(object: StripeObject) {
    this.objects.set(object.id, object)
    return object
  }

  private event(type: string, object: StripeObject): StripeObject {
    const event = {
      id: stripeId('evt'),
      object: 'event',
      api_version: '2025-01-27.acacia',
      created: now(),
      type,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    }
    this.events.push(event)
    return event
  }

  createAccount(params: Params): StripeObject {
    const account = this.save({
      id: stripeId('acct'),
      object: 'account',
      type: str(params, 'type') ?? 'express',
      country: str(params, 'country') ?? 'US',
      email: str(params, 'email') ?? null,
      business_profile: params.business_profile ?? {},
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      created: now(),
      metadata: metadataOf(params),
    })
    this.event('account.updated', account)
    return account
  }

  createPaymentIntent(params: Params): StripeObject {
    const amount = int(params, 'amount', true)!
    if (amount < 50) throw invalid('Amount must be at least $0.50 usd', 'amount')
    const currency = str(params, 'currency')
    if (!currency)
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        message: 'Missing required param: currency.',
        param: 'currency',
      })
    const id = stripeId('pi')
    const intent = this.save({
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency: currency.toLowerCase(),
      status: 'requires_payment_method',
      payment_method: str(params, 'payment_method') ?? null,
      client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      transfer_group: str(params, 'transfer_group') ?? null,
      description: str(params, 'description') ?? null,
      metadata: metadataOf(params),
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      created: now(),
      livemode: false,
    })
    if (intent.payment_method) intent.status = 'requires_confirmation'
    this.event('payment_intent.created', intent)
    if (params.confirm === 'true' || params.confirm === true) this.confirm(intent, str(params, 'return_url'))
    return intent
  }

  confirmPaymentIntent(id: string, params: Params): StripeObject {
    const intent = this.get('payment_intent', id)
    if (str(params, 'payment_method')) intent.payment_method = str(params, 'payment_method')
    if (!['requires_payment_method', 'requires_confirmation'].includes(String(intent.status))) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `This PaymentIntent's status is ${String(intent.status)}; it cannot be confirmed.`,
        payment_intent: intent,
      })
    }
    this.confirm(intent, str(params, 'return_url'))
    return intent
  }

  private confirm(intent: StripeObject, returnUrl: string | undefined): void {
    const method = intent.payment_method as string | null
    if (!method)
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: "You cannot confirm this PaymentIntent because it's missing a payment method.",
        param: 'payment_method',
      })
    const outcome = testPaymentMethods[method]
    if (!outcome) throw missing('PaymentMethod', method, 'payment_method')
    if (outcome.kind === 'declines') {
      intent.status = 'requires_payment_method'
      intent.last_payment_error = {
        type: 'card_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        payment_method: { id: method },
      }
      this.event('payment_intent.payment_failed', intent)
      throw new StripeApiError(402, {
        type: 'card_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        param: 'payment_method',
        payment_intent: structuredClone(intent),
      })
    }
    if (outcome.kind === 'requires-authentication') {
      intent.status = 'requires_action'
      intent.next_action = {
        type: 'redirect_to_url',
        redirect_to_url: { url: `${this.baseUrl}/_test/3ds/${intent.id}`, return_url: returnUrl ?? null },
      }
      this.event('payment_intent.requires_action', intent)
      return
    }
    this.succeed(intent)
  }

  private succeed(intent: StripeObject): void {
    const charge = this.save({
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      refunded: false,
      currency: intent.currency,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      status: 'succeeded',
      paid: true,
      transfer_group: intent.transfer_group,
      balance_transaction: stripeId('txn'),
      created: now(),
      metadata: intent.metadata,
    })
    Object.assign(intent, {
      status: 'succeeded',
      amount_received: intent.amount,
      latest_charge: charge.id,
      next_action: null,
      last_payment_error: null,
    })
    this.event('charge.succeeded', charge)
    this.event('payment_intent.succeeded', intent)
  }

  cancelPaymentIntent(id: string, params: Params): StripeObject {
    const intent = this.get('payment_intent', id)
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(String(intent.status))) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}.`,
        payment_intent: structuredClone(intent),
      })
    }
    Object.assign(intent, {
      status: 'canceled',
      next_action: null,
      cancellation_reason: str(params, 'cancellation_reason') ?? null,
      canceled_at: now(),
    })
    this.event('payment_intent.canceled', intent)
    return intent
  }

  /** The test page's answer to a 3-D Secure challenge. */
  authenticate(id: string, approve: boolean): StripeObject {
    const intent = this.get('payment_intent', id)
    if (intent.status !== 'requires_action')
      throw invalid(`This PaymentIntent's status is ${String(intent.status)}; nothing to authenticate.`)
    if (approve) {
      this.succeed(intent)
      return intent
    }
    intent.status = 'requires_payment_method'
    intent.next_action = null
    intent.last_payment_error = {
      type: 'card_error',
      code: 'payment_intent_authentication_failure',
      message: 'The customer failed authentication.',
    }
    this.event('payment_intent.payment_failed', intent)
    return intent
  }

  createRefund(params: Params): StripeObject {
    const intentId = str(params, 'payment_intent')
    const charge = intentId
      ? this.get('charge', String(this.get('payment_intent', intentId).latest_charge ?? 'none'))
      : this.get('charge', str(params, 'charge') ?? '')
    const refundable = Number(charge.amount) - Number(charge.amount_refunded)
    const amount = int(params, 'amount') ?? refundable
    if (amount <= 0 || amount > refundable) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable}).`,
        param: 'amount',
      })
    }
    const refund = this.save({
      id: stripeId('re'),
      object: 'refund',
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: 'succeeded',
      reason: str(params, 'reason') ?? null,
      metadata: metadataOf(params),
      created: now(),
    })
    charge.amount_refunded = Number(charge.amount_refunded) + amount
    charge.refunded = charge.amount_refunded === charge.amount
    this.event('refund.created', refund)
    this.event('charge.refunded', charge)
    return refund
  }

  createTransfer(params: Params): StripeObject {
    const amount = int(params, 'amount', true)!
    const destination = str(params, 'destination') ?? ''
    this.get('account', destination)
    const sourceId = str(params, 'source_transaction')
    if (sourceId) {
      const source = this.get('charge', sourceId)
      const moved = this.list('transfer', (t) => t.source_transaction === sourceId).reduce(
        (sum, t) => sum + Number(t.amount) - Number(t.amount_reversed),
        0,
      )
      const available = Number(source.amount) - Number(source.amount_refunded) - moved
      if (amount > available) {
        throw new StripeApiError(400, {
          type: 'invalid_request_error',
          code: 'balance_insufficient',
          message: `The transfer amount (${amount}) exceeds what remains of source_transaction ${sourceId} (${available}).`,
          param: 'amount',
        })
      }
    }
    const id = stripeId('tr')
    const transfer = this.save({
      id,
      object: 'transfer',
      amount,
      amount_reversed: 0,
      currency: str(params, 'currency') ?? 'usd',
      destination,
      source_transaction: sourceId ?? null,
      transfer_group: str(params, 'transfer_group') ?? null,
      reversed: false,
      reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
      description: str(params, 'description') ?? null,
      metadata: metadataOf(params),
      created: now(),
      livemode: false,
    })
    this.event('transfer.created', transfer)
    return transfer
  }

  createReversal(transferId: string, params: Params): StripeObject {
    const transfer = this.get('transfer', transferId)
    const remaining = Number(transfer.amount) - Number(transfer.amount_reversed)
    const amount = int(params, 'amount') ?? remaining
    if (amount <= 0 || amount > remaining) {
      throw invalid(
        `Reversal amount (${amount}) exceeds what remains of transfer ${transferId} (${remaining}).`,
        'amount',
      )
    }
    const reversal = this.save({
      id: stripeId('trr'),
      object: 'transfer_reversal',
      amount,
      currency: transfer.currency,
      transfer: transfer.id,
      metadata: metadataOf(params),
      created: now(),
    })
    transfer.amount_reversed = Number(transfer.amount_reversed) + amount
    transfer.reversed = transfer.amount_reversed === transfer.amount
    const reversals = transfer.reversals as { data: StripeObject[] }
    reversals.data.push(reversal)
    this.event('transfer.reversed', transfer)
    return reversal
  }
}
