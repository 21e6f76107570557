// HTTP to the sync server for the signed-in session: bearer token, X-Org-Id, and one silent refresh on expiry.
import { isErrorEnvelope } from '../../../shared/errors'
import type { AuthSession } from '../../../shared/domain'
import { DesktopError, OfflineError } from '../desktop-error'

/** How long a request may go unanswered (a silent network) before it counts as offline. */
const requestTimeoutMs = () => Number(process.env.YARDPASS_REQUEST_TIMEOUT_MS) || 15_000

export interface TokenPair {
  accessToken: string
  refreshToken: string
}

export interface ServerClientOptions {
  serverUrl: string
  tokens: () => TokenPair
  /** Called with rotated tokens; must persist them before returning. */
  onTokens: (session: AuthSession) => void
  /** Called when the refresh token is no longer accepted: the user must sign in again. */
  onSignedOut: () => void
}

export class ApiError extends DesktopError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    /** The error envelope's details (e.g. an import's problems by line). */
    readonly details?: unknown,
  ) {
    super(code, message)
  }
}

/** One request to the server, JSON in and out; network failures become OfflineError. */
export async function requestJson<T>(
  serverUrl: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; contentType?: string; timeoutMs?: number } = {},
): Promise<T> {
  // A body with its own content type (a CSV file) goes as it is, a form (a proof file) with its own boundary;
  // anything else as JSON.
  const raw = init.contentType !== undefined && typeof init.body === 'string'
  const isForm = init.body instanceof FormData
  // Status and the whole body in one attempt: a response cut half-way makes text() throw, and that is
  // a network failure like any other, so it is retried (on a fresh connection) and then becomes OfflineError.
  const send = async () => {
    const response = await fetch(new URL(path, serverUrl), {
      method,
      headers: {
        ...(init.body === undefined || isForm ? {} : { 'content-type': raw ? init.contentType! : 'application/json' }),
        ...init.headers,
      },
      body:
        init.body === undefined
          ? undefined
          : isForm
            ? (init.body as FormData)
            : raw
              ? (init.body as string)
              : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? requestTimeoutMs()),
    })
    return { response, text: await response.text() }
  }
  let response: Response
  let text: string
  try {
    ;({ response, text } = await send())
  } catch {
    // Once more on a fresh connection: a kept-alive one may have died with the network. Every request
    // the core sends is safe to repeat (sync mutations carry their ids).
    try {
      ;({ response, text } = await send())
    } catch {
      throw new OfflineError(serverUrl)
    }
  }
  const body: unknown = text ? safeJson(text) : null
  if (!response.ok) {
    if (isErrorEnvelope(body))
      throw new ApiError(response.status, body.error.code, body.error.message, body.error.details)
    throw new ApiError(response.status, 'server-error', `The server answered ${response.status}.`)
  }
  return body as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export class ServerClient {
  private refreshing: Promise<void> | null = null

  constructor(private readonly options: ServerClientOptions) {}

  get serverUrl() {
    return this.options.serverUrl
  }

  async request<T>(
    method: string,
    path: string,
    init: {
      body?: unknown
      orgId?: string | null
      idempotencyKey?: string
      contentType?: string
      timeoutMs?: number
    } = {},
  ): Promise<T> {
    try {
      return await this.send<T>(method, path, init)
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      await this.refresh()
      return this.send<T>(method, path, init)
    }
  }

  /** A non-JSON body (a CSV export) as text, with the same auth and refresh as request(). */
  async download(path: string, init: { orgId?: string | null; accept?: string } = {}): Promise<string> {
    return (await this.downloadBytes(path, init)).bytes.toString('utf8')
  }

  /** A file the server sends (a PDF, an image) as bytes with its type, with the same auth and refresh as request(). */
  async downloadBytes(
    path: string,
    init: { orgId?: string | null; accept?: string } = {},
  ): Promise<{ bytes: Buffer; contentType: string }> {
    const attempt = async () => {
      const headers: Record<string, string> = { authorization: `Bearer ${this.options.tokens().accessToken}` }
      if (init.orgId) headers['x-org-id'] = init.orgId
      if (init.accept) headers.accept = init.accept
      let response: Response
      let bytes: Buffer
      try {
        response = await fetch(new URL(path, this.serverUrl), { headers, signal: AbortSignal.timeout(120_000) })
        bytes = Buffer.from(await response.arrayBuffer()) // a body cut half-way throws here: offline, not a crash
      } catch {
        throw new OfflineError(this.serverUrl)
      }
      if (!response.ok) {
        const body = safeJson(bytes.toString('utf8'))
        if (isErrorEnvelope(body)) throw new ApiError(response.status, body.error.code, body.error.message)
        throw new ApiError(response.status, 'server-error', `The server answered ${response.status}.`)
      }
      return { bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' }
    }
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      await this.refresh()
      return attempt()
    }
  }

  /** Swaps the refresh token for a new pair; concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const session = await requestJson<AuthSession>(this.serverUrl, 'POST', '/v1/auth/refresh', {
          body: { refresh_token: this.options.tokens().refreshToken },
        })
        this.options.onTokens(session)
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) this.options.onSignedOut()
        throw error
      } finally {
        this.refreshing = null
      }
    })()
    return this.refreshing
  }

  private send<T>(
    method: string,
    path: string,
    init: { body?: unknown; orgId?: string | null; idempotencyKey?: string; contentType?: string; timeoutMs?: number },
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.tokens().accessToken}` }
    if (init.orgId) headers['x-org-id'] = init.orgId
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey
    return requestJson<T>(this.serverUrl, method, path, {
      body: init.body,
      headers,
      contentType: init.contentType,
      timeoutMs: init.timeoutMs,
    })
  }
}
