// A response cut half-way (headers and part of the body, then the socket dies) is a retryable network
// failure: requestJson retries it on a fresh connection and only then reports OfflineError; never a raw crash.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { requestJson } from '../../../../electron/core/session/server-client'
import { OfflineError } from '../../../../electron/core/desktop-error'

let server: Server | null = null
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

/** A real loopback server that cuts the first `cuts` answers half-way, then answers whole. */
async function cuttingServer(cuts: number) {
  let requests = 0
  server = createServer((_req, res) => {
    requests += 1
    const body = JSON.stringify({ ok: true, padding: 'x'.repeat(4096) })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) })
    if (requests <= cuts) {
      res.write(body.slice(0, body.length / 2), () => res.socket?.destroy())
    } else {
      res.end(body)
    }
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, requests: () => requests }
}

describe('server client: a response cut half-way', () => {
  it('retries once and returns the whole answer', async () => {
    const s = await cuttingServer(1)
    const body = await requestJson<{ ok: boolean }>(s.url, 'GET', '/v1/x')
    expect(body.ok).toBe(true)
    expect(s.requests()).toBe(2)
  })

  it('becomes OfflineError when every attempt is cut', async () => {
    const s = await cuttingServer(99)
    await expect(requestJson(s.url, 'GET', '/v1/x')).rejects.toBeInstanceOf(OfflineError)
    expect(s.requests()).toBe(2)
  })
})
