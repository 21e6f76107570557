// A local Stripe-compatible server for test mode and tests (this machine cannot reach Stripe):
// form-encoded requests, Stripe's object and error shapes, Idempotency-Key replay, test cards,
// 3-D Secure test pages and signed webhook delivery. The official SDK points at it by host and port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import qs from 'qs'
import Stripe from 'stripe'
import { LocalStripeState, StripeApiError, type Params, type StripeObject } from './local-stripe-state'
import { WebhookDelivery } from './webhook-delivery'
import { threeDSecurePage } from './three-d-secure-page'

export interface LocalStripeOptions {
  apiKey: string
  /** Where state is kept across restarts (test mode of a running server); in memory without it. */
  stateFile?: string
  port?: number
}

interface StoredResponse {
  fingerprint: string
  status: number
  body: string
}

/** A rule a test sets to simulate trouble on the next matching request. */
interface Fault {
  method: string
  path: RegExp
  /**
   * 'stall': do the work, never answer (a crash after Stripe acted). 'fail': answer 500 before the request
   * began executing (nothing done, nothing saved for its key). 'error': do the work, then answer 500, which
   * is saved for the key and replayed, as Stripe does for a request that began executing.
   */
  mode: 'stall' | 'fail' | 'error'
  remaining: number
}

type Route = (params: Params, match: RegExpMatchArray) => StripeObject | Record<string, unknown>

export class LocalStripeServer {
  readonly webhooks: WebhookDelivery
  private readonly state: LocalStripeState
  private readonly idempotent = new Map<string, StoredResponse>()
  private readonly faults: Fault[] = []
  private readonly stalled = new Set<ServerResponse>()
  private server: Server | undefined
  url = ''

  constructor(private readonly options: LocalStripeOptions) {
    const saved = options.stateFile ? readSaved(options.stateFile) : undefined
    this.state = LocalStripeState.from(saved?.state)
    for (const [key, value] of Object.entries(saved?.idempotent ?? {})) this.idempotent.set(key, value)
    this.webhooks = new WebhookDelivery(new Stripe(options.apiKey).webhooks)
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    this.state.baseUrl = this.url
    return this.url
  }

  async close() {
    await this.webhooks.close()
    for (const res of this.stalled) res.destroy()
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** The next `times` matching requests are acted on but never answered, or refused with a 500. */
  injectFault(method: string, path: RegExp, mode: Fault['mode'], times = 1) {
    this.faults.push({ method, path, mode, remaining: times })
  }

  clearFaults() {
    this.faults.length = 0
  }

  /** Objects of a kind, newest first (for tests and the ledger check). */
  list(kind: string, filter?: (object: StripeObject) => boolean) {
    return this.state.list(kind, filter)
  }

  private readonly routes: [string, RegExp, Route][] = [
    ['POST', /^\/v1\/accounts$/, (p) => this.state.createAccount(p)],
    ['GET', /^\/v1\/accounts\/([\w]+)$/, (_, m) => this.state.get('account', m[1]!)],
    ['POST', /^\/v1\/payment_intents$/, (p) => this.state.createPaymentIntent(p)],
    ['GET', /^\/v1\/payment_intents$/, (p) => this.page('payment_intent', p, () => true)],
    ['GET', /^\/v1\/payment_intents\/(\w+)$/, (_, m) => this.state.get('payment_intent', m[1]!)],
    ['POST', /^\/v1\/payment_intents\/(\w+)\/confirm$/, (p, m) => this.state.confirmPaymentIntent(m[1]!, p)],
    ['POST', /^\/v1\/payment_intents\/(\w+)\/cancel$/, (p, m) => this.state.cancelPaymentIntent(m[1]!, p)],
    ['POST', /^\/v1\/refunds$/, (p) => this.state.createRefund(p)],
    [
      'GET',
      /^\/v1\/refunds$/,
      (p) => this.page('refund', p, (o) => !p.payment_intent || o.payment_intent === p.payment_intent),
    ],
    ['POST', /^\/v1\/transfers$/, (p) => this.state.createTransfer(p)],
    [
      'GET',
      /^\/v1\/transfers$/,
      (p) => this.page('transfer', p, (o) => !p.transfer_group || o.transfer_group === p.transfer_group),
    ],
    ['GET', /^\/v1\/transfers\/(\w+)$/, (_, m) => this.state.get('transfer', m[1]!)],
    ['POST', /^\/v1\/transfers\/(\w+)\/reversals$/, (p, m) => this.state.createReversal(m[1]!, p)],
    [
      'GET',
      /^\/v1\/events\/(\w+)$/,
      (_, m) => this.state.events.find((e) => e.id === m[1]) ?? this.state.get('event', m[1]!),
    ],
  ]

  private page(kind: string, params: Params, filter: (o: StripeObject) => boolean) {
    const limit = Math.min(Number(params.limit ?? 10) || 10, 100)
    const all = this.state.list(kind, filter)
    return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: `/v1/${kind}s` }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local')
    const raw = await readBody(req)
    if (url.pathname.startsWith('/_test/3ds/')) return this.threeDSecure(req.method ?? 'GET', url, raw, res)

    if (req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } })
    }
    const method = req.method ?? 'GET'
    const params = (method === 'GET' ? qs.parse(url.search.slice(1)) : qs.parse(raw)) as Params
    const route = this.routes.find(([m, pattern]) => m === method && pattern.test(url.pathname))
    if (!route)
      return send(res, 404, {
        error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}).` },
      })

    const key = method === 'POST' ? req.headers['idempotency-key'] : undefined
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${raw}`).digest('hex')
    if (typeof key === 'string') {
      const stored = this.idempotent.get(key)
      if (stored && stored.fingerprint !== fingerprint) {
        return send(res, 400, {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        })
      }
      // Stripe replays a saved 5xx too, and tells the SDK that retrying it is pointless.
      if (stored)
        return send(res, stored.status, stored.body, {
          'idempotent-replayed': 'true',
          ...(stored.status >= 500 ? { 'stripe-should-retry': 'false' } : {}),
        })
    }

    const fault = this.takeFault(method, url.pathname)
    if (fault?.mode === 'fail')
      return send(res, 500, {
        error: { type: 'api_error', message: 'An unexpected error occurred (injected by a test).' },
      })

    const eventsBefore = this.state.events.length
    let status = 200
    let body: unknown
    try {
      body = route[2](params, url.pathname.match(route[1])!)
      if (fault?.mode === 'error') throw new Error('injected by a test after the request acted')
    } catch (error) {
      if (error instanceof StripeApiError) {
        status = error.status
        body = { error: { ...error.body, request_log_url: null } }
      } else {
        status = 500
        body = {
          error: {
            type: 'api_error',
            message: `An unexpected error occurred (${error instanceof Error ? error.message : String(error)}).`,
          },
        }
      }
    }
    const text = JSON.stringify(body)
    // Stripe saves the result of every request that began executing, a 500 included; not a failed validation.
    if (typeof key === 'string' && isSaved(status, body)) this.idempotent.set(key, { fingerprint, status, body: text })
    this.persist()
    this.webhooks.enqueue(this.state.events.slice(eventsBefore))
    if (fault?.mode === 'stall') {
      this.stalled.add(res)
      return
    }
    send(res, status, text, typeof key === 'string' ? { 'idempotency-key': key } : {})
  }

  private threeDSecure(method: string, url: URL, raw: string, res: ServerResponse) {
    const intentId = url.pathname.split('/')[3] ?? ''
    try {
      if (method === 'POST') {
        const answer = qs.parse(raw).outcome === 'fail' ? false : true
        const before = this.state.events.length
        const intent = this.state.authenticate(intentId, answer)
        this.persist()
        this.webhooks.enqueue(this.state.events.slice(before))
        return sendHtml(res, 200, threeDSecurePage(intent, answer ? 'approved' : 'failed'))
      }
      return sendHtml(res, 200, threeDSecurePage(this.state.get('payment_intent', intentId), 'pending'))
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error
      return sendHtml(res, error.status, `<p>${error.message.replace(/[<>&]/g, '')}</p>`)
    }
  }

  private takeFault(method: string, path: string) {
    const fault = this.faults.find((f) => f.method === method && f.path.test(path) && f.remaining > 0)
    if (fault) fault.remaining -= 1
    return fault
  }

  private persist() {
    if (!this.options.stateFile) return
    const temp = `${this.options.stateFile}.tmp`
    writeFileSync(
      temp,
      JSON.stringify({ state: this.state.snapshot(), idempotent: Object.fromEntries(this.idempotent) }),
    )
    renameSync(temp, this.options.stateFile)
  }
}

const validationCodes = new Set(['parameter_missing', 'parameter_invalid', 'parameter_unknown'])

/** Whether Stripe keeps this answer for its idempotency key: not for failed parameter validation or a rate limit. */
function isSaved(status: number, body: unknown) {
  if (status === 429) return false
  const code = (body as { error?: { code?: string } }).error?.code
  return !(status === 400 && code !== undefined && validationCodes.has(code))
}

function readSaved(
  file: string,
): { state: ReturnType<LocalStripeState['snapshot']>; idempotent: Record<string, StoredResponse> } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': `req_${Date.now().toString(36)}`,
    ...headers,
  })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  res.end(html)
}
