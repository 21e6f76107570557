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
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight: number
  maxInFlight: number
  /** TCP connections opened to it so far (kept-alive sockets are reused, not reopened). */
  connections: number
  /** Ids answered 2xx, each once (a receiver dedupes on the envelope id). */
  deliveredIds(): Set<string>
  close(): Promise<void>
}

export interface ReceiverOptions {
  failRate?: number
  path?: string
  /** Each answer waits up to this long (at random), so requests overlap. */
  delayMs?: number
  /** Never answers (a hung receiver). */
  hang?: boolean
  /** The body of a 200 answer ('ok' by default). */
  okBody?: string
  /** How long an idle connection stays open (1 ms by default: every request on a fresh or just-closed socket). */
  keepAliveMs?: number
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const log: Received[] = []
  const receiver: Receiver = {
    url: '',
    log,
    failRate: options.failRate ?? 0,
    inFlight: 0,
    maxInFlight: 0,
    connections: 0,
    deliveredIds: () => new Set(log.filter((r) => r.answered < 300).map((r) => r.id)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    receiver.inFlight++
    receiver.maxInFlight = Math.max(receiver.maxInFlight, receiver.inFlight)
    response.on('close', () => receiver.inFlight--)
    request.on('end', () => {
      if (options.hang) return
      const body = Buffer.concat(chunks).toString('utf8')
      const answer = () => {
        const fail = receiver.failRate >= 1 || (receiver.failRate > 0 && Math.random() < receiver.failRate)
        const answered = fail ? 503 : 200
        log.push({
          id: String(request.headers['webhook-id']),
          type: String(request.headers['x-yardpass-event']),
          body,
          headers: request.headers,
          at: Date.now(),
          answered,
        })
        response
          .writeHead(answered, { 'content-type': 'text/plain' })
          .end(fail ? 'receiver unavailable' : (options.okBody ?? 'ok'))
      }
      if (options.delayMs) setTimeout(answer, Math.random() * options.delayMs)
      else answer()
    })
  })
  server.keepAliveTimeout = options.keepAliveMs ?? 1
  server.on('connection', () => receiver.connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.path ?? '/hooks'}`
  return receiver
}
