// A TCP proxy on loopback whose network can be cut and restored, mid-request if need be.
import net from 'node:net'

export interface CuttableProxy {
  url: string
  /** Drops every open connection and refuses new ones until restored. */
  cut(): void
  restore(): void
  /** Forwards new connections to another server (a restarted one on a new port). */
  retarget(target: string): void
  close(): Promise<void>
}

export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  let { hostname, port } = new URL(target)
  const sockets = new Set<net.Socket>()
  let isCut = false
  const server = net.createServer((client) => {
    if (isCut) return client.destroy()
    const upstream = net.connect(Number(port), hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      isCut = true
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      isCut = false
    },
    retarget(next) {
      ;({ hostname, port } = new URL(next))
    },
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
