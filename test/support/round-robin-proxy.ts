// A load balancer on loopback for several server instances: each HTTP request and each WebSocket goes
// to the next instance in turn; an instance that refuses the connection (killed) is skipped, as a
// balancer's health check would, and nothing already sent is ever sent twice.
import http from 'node:http'
import net from 'node:net'

export interface RoundRobinProxy {
  url: string
  /** How many requests and sockets each target received. */
  counts: Map<string, number>
  close(): Promise<void>
}

export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const upstreams = targets.map((target) => new URL(target))
  const counts = new Map(targets.map((target) => [target, 0]))
  const sockets = new Set<net.Socket>()
  let next = 0

  /** Tries each instance once, starting with the next in turn, until one accepts the connection. */
  function connect(onConnected: (socket: net.Socket, target: URL) => void, onFailed: () => void) {
    const start = next++
    const attempt = (tried: number) => {
      if (tried === upstreams.length) return onFailed()
      const target = upstreams[(start + tried) % upstreams.length]!
      const socket = net.connect(Number(target.port), target.hostname)
      let connected = false
      socket.once('connect', () => {
        connected = true
        counts.set(target.origin, (counts.get(target.origin) ?? 0) + 1)
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
        onConnected(socket, target)
      })
      socket.on('error', () => {
        // Refused before anything was sent: the next instance gets the request instead.
        if (!connected) attempt(tried + 1)
      })
    }
    attempt(0)
  }

  const server = http.createServer((request, response) => {
    connect(
      (socket, target) => {
        const upstream = http.request(
          {
            createConnection: () => socket,
            host: target.hostname,
            port: target.port,
            method: request.method,
            path: request.url,
            headers: { ...request.headers, connection: 'close' },
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(response)
          },
        )
        upstream.on('error', () => {
          // The instance died after the request was sent: the client sees a failed request and retries it.
          if (!response.headersSent)
            response
              .writeHead(502, { 'content-type': 'application/json' })
              .end(JSON.stringify({ error: { code: 'bad-gateway', message: 'The instance went away.' } }))
          else response.destroy()
        })
        request.pipe(upstream)
      },
      () =>
        response
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'no-instance', message: 'No instance is up.' } })),
    )
  })
  server.keepAliveTimeout = 1000
  server.on('upgrade', (request, client, head) => {
    client.on('error', () => {})
    connect(
      (socket) => {
        const lines = [
          `${request.method} ${request.url} HTTP/1.1`,
          ...Object.entries(request.headers).flatMap(([key, value]) => [value].flat().map((v) => `${key}: ${v}`)),
          '',
          '',
        ]
        socket.write(lines.join('\r\n'))
        if (head.length) socket.write(head)
        socket.pipe(client).pipe(socket)
        socket.on('close', () => client.destroy())
        client.on('close', () => socket.destroy())
        socket.on('error', () => client.destroy())
      },
      () => client.destroy(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
