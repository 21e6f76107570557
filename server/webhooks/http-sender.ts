// One POST to a receiver: a timeout, redirects not followed, and the SSRF check made again on the address
// each new socket dials (a DNS answer that changed since the endpoint was saved is still refused). Sockets
// are kept alive and reused per receiver (one TLS handshake, not one per delivery); the number in use per
// endpoint is bounded by the worker's claims (WEBHOOK_CONCURRENCY_PER_ENDPOINT).
import http from 'node:http'
import https from 'node:https'
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { refusedAddress, type UrlPolicy } from './url-guard'

export interface SendOutcome {
  ok: boolean
  statusCode: number | null
  latencyMs: number
  /** At most 1 KiB of the answer. */
  excerpt: string | null
  error: string | null
}

const excerptBytes = 1024

function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      for (const a of addresses) {
        const reason = refusedAddress(a.address, policy)
        if (reason)
          return callback(
            Object.assign(new Error(`refused at connect time: ${reason}`), { code: 'EWEBHOOKREFUSED' }),
            '',
            0,
          )
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}

// Idle sockets close after 4 s: before the common 5 s keep-alive of servers, so a reused socket is rarely one
// the receiver is closing. A request on a reused socket that was reset before any answer is sent again on a
// new socket once (the receiver closed it idle and never read the request).
const agentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: Infinity, maxFreeSockets: 256, timeout: 4000 }
// One pool per address policy: a socket dialled under a looser policy is never reused under a stricter one.
const agentsByPolicy = new Map<string, { http: http.Agent; https: https.Agent }>()
function agentFor(policy: UrlPolicy, isHttps: boolean) {
  const key = `${policy.allowLoopback}:${policy.allowPrivateNetworks}`
  let agents = agentsByPolicy.get(key)
  if (!agents) {
    agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) }
    agentsByPolicy.set(key, agents)
  }
  return isHttps ? agents.https : agents.http
}

export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: UrlPolicy },
): Promise<SendOutcome> {
  return sendOnce(url, body, headers, options, true)
}

function sendOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: UrlPolicy },
  mayRetryStale: boolean,
): Promise<SendOutcome> {
  const started = performance.now()
  const target = new URL(url)
  const isHttps = target.protocol === 'https:'
  const client = isHttps ? https : http
  // A literal IP never goes through lookup: check it here.
  const literal = target.hostname.replace(/^\[|\]$/g, '')
  return new Promise((resolve) => {
    const done = (outcome: Omit<SendOutcome, 'latencyMs'>) =>
      resolve({ ...outcome, latencyMs: Math.round(performance.now() - started) })
    const reason = /^[\d.]+$|:/.test(literal) ? refusedAddress(literal, options.policy) : null
    if (reason) return done({ ok: false, statusCode: null, excerpt: null, error: `refused at connect time: ${reason}` })
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.policy),
        timeout: options.timeoutMs,
        agent: agentFor(options.policy, isHttps),
      },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          if (size < excerptBytes) chunks.push(chunk)
          size += chunk.length
        })
        response.on('end', () => {
          const status = response.statusCode ?? 0
          const excerpt = Buffer.concat(chunks).subarray(0, excerptBytes).toString('utf8').slice(0, excerptBytes)
          done({
            ok: status >= 200 && status < 300,
            statusCode: status,
            excerpt,
            error: status >= 200 && status < 300 ? null : `HTTP ${status}`,
          })
        })
        response.on('error', (error) =>
          done({ ok: false, statusCode: response.statusCode ?? null, excerpt: null, error: error.message }),
        )
      },
    )
    // The timeout covers the whole exchange, not only idle sockets.
    const timer = setTimeout(
      () => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    )
    request.on('timeout', () => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)))
    let isAnswered = false
    request.on('response', () => {
      isAnswered = true
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (mayRetryStale && request.reusedSocket && !isAnswered && error.code === 'ECONNRESET') {
        clearTimeout(timer)
        return void sendOnce(url, body, headers, options, false).then(resolve)
      }
      done({ ok: false, statusCode: null, excerpt: null, error: error.message })
    })
    request.on('close', () => clearTimeout(timer))
    request.end(body)
  })
}
