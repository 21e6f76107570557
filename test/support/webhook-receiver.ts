// A real webhook receiver on loopback: logs every request (raw body and headers), answers 200, or fails a
// share of requests at random, or is down (503) — switchable while it runs.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  id: string
  type: string
  body: string
  headers: http.IncomingHttpHeaders
  at: number
  answered: number
}

export interface Receiver {
  url: string
  log: Received[]
  /** 0 healthy, 1 down; in between, that share of requests fails at random. */
  failRate: number
  /** Ids answered 2xx, each once (a receiver dedupes on the envelope id). */
  deliveredIds(): Set<string>
  close(): Promise<void>
}

export async function startReceiver(options: { failRate?: number; path?: string } = {}): Promise<Receiver> {
  const log: Received[] = []
  const receiver: Receiver = {
    url: '',
    log,
    failRate: options.failRate ?? 0,
    deliveredIds: () => new Set(log.filter((r) => r.answered < 300).map((r) => r.id)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const fail = receiver.failRate >= 1 || (receiver.failRate > 0 && Math.random() < receiver.failRate)
      const answered = fail ? 503 : 200
      log.push({ id: String(request.headers['webhook-id']), type: String(request.headers['x-yardpass-event']), body, headers: request.headers, at: Date.now(), answered })
      response.writeHead(answered, { 'content-type': 'text/plain' }).end(fail ? 'receiver unavailable' : 'ok')
    })
  })
  server.keepAliveTimeout = 1
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.path ?? '/hooks'}`
  return receiver
}
