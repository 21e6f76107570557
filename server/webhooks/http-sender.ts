// One POST to a receiver: a timeout, redirects not followed, and the SSRF check made again on the address
// the socket dials (a DNS answer that changed since the endpoint was saved is still refused).
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

export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: UrlPolicy },
): Promise<SendOutcome> {
  const started = performance.now()
  const target = new URL(url)
  const client = target.protocol === 'https:' ? https : http
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
        agent: false,
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
    request.on('error', (error) => done({ ok: false, statusCode: null, excerpt: null, error: error.message }))
    request.on('close', () => clearTimeout(timer))
    request.end(body)
  })
}
