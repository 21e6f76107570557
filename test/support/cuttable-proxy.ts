// A TCP proxy on loopback whose network can fail the ways a venue's does: cut (connections reset), silent
// (connections stay open and nothing comes back: timeouts, not resets), slow (every chunk late), or one
// response cut half-way. A fault can be armed to fire when a given sync pull page starts coming back, so a
// test hits the middle of a pull instead of a random moment.
import net from 'node:net'

export type NetworkFault = 'cut' | 'silent' | 'slow' | 'half'

export interface FiredFault {
  fault: NetworkFault
  /** How many pull pages had started coming back before this one (≥ 1: mid-pull). */
  pagesBefore: number
}

export interface CuttableProxy {
  url: string
  /** Drops every open connection and refuses new ones until restored. */
  cut(): void
  /** Keeps connections open but forwards nothing either way until restored (then drops them). */
  silence(): void
  /** Delays every chunk either way by delayMs until restored. */
  slow(delayMs: number): void
  /** Back to a healthy network. */
  restore(): void
  /** The fault fires when the pull response after `pagesBefore` earlier ones starts; counts from now. */
  armAtPullPage(fault: NetworkFault, pagesBefore: number, slowMs?: number): void
  /** The armed fault once it fired, else undefined. */
  fired(): FiredFault | undefined
  /** Forwards new connections to another server (a restarted one on a new port). */
  retarget(target: string): void
  close(): Promise<void>
}

type Mode = { kind: 'open' } | { kind: 'cut' } | { kind: 'silent' } | { kind: 'slow'; delayMs: number }

export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  let { hostname, port } = new URL(target)
  const sockets = new Set<net.Socket>()
  let mode: Mode = { kind: 'open' }
  let armed: { fault: NetworkFault; pagesBefore: number; slowMs: number } | undefined
  let firedFault: FiredFault | undefined
  let pullResponses = 0

  const cutAll = () => {
    for (const socket of sockets) socket.destroy()
  }

  const server = net.createServer((client) => {
    if (mode.kind === 'cut') return client.destroy()
    const upstream = net.connect(Number(port), hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    // As pipe() would: an end on one side ends the other once what was forwarded is written.
    client.on('end', () => upstream.end())
    upstream.on('end', () => client.end())
    let awaitingPull = false
    // A response cut half-way: how many more bytes of it may pass before both ends are dropped.
    let halfBudget: number | undefined
    const queues = new Map<net.Socket, Promise<void>>()
    const forward = (to: net.Socket, data: Buffer) => {
      if (mode.kind === 'silent' || mode.kind === 'cut') return
      if (mode.kind === 'slow') {
        const delayMs = mode.delayMs
        const queued = (queues.get(to) ?? Promise.resolve()).then(
          () =>
            new Promise<void>((resolve) =>
              setTimeout(() => {
                if (!to.destroyed) to.write(data)
                resolve()
              }, delayMs),
            ),
        )
        queues.set(to, queued)
        return
      }
      to.write(data)
    }
    client.on('data', (data: Buffer) => {
      if (/^POST \/v1\/sync\/pull[ ?]/.test(data.subarray(0, 40).toString('latin1'))) awaitingPull = true
      forward(upstream, data)
    })
    upstream.on('data', (data: Buffer) => {
      if (awaitingPull) {
        awaitingPull = false
        const pagesBefore = pullResponses++
        if (armed && pagesBefore === armed.pagesBefore) {
          const { fault, slowMs } = armed
          armed = undefined
          firedFault = { fault, pagesBefore }
          if (fault === 'cut') proxy.cut()
          else if (fault === 'silent') proxy.silence()
          else if (fault === 'slow') proxy.slow(slowMs)
          else halfBudget = Math.floor(responseLength(data) / 2)
        }
      }
      if (halfBudget !== undefined) {
        const passing = data.subarray(0, halfBudget)
        halfBudget -= passing.length
        if (passing.length > 0) client.write(passing)
        if (halfBudget <= 0) {
          client.destroy()
          upstream.destroy()
        }
        return
      }
      forward(client, data)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  const proxy: CuttableProxy = {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      mode = { kind: 'cut' }
      cutAll()
    },
    silence() {
      mode = { kind: 'silent' }
    },
    slow(delayMs) {
      mode = { kind: 'slow', delayMs }
    },
    restore() {
      // A silenced connection never recovers (its requests timed out on the other side): drop them.
      if (mode.kind === 'silent') cutAll()
      mode = { kind: 'open' }
    },
    armAtPullPage(fault, pagesBefore, slowMs = 100) {
      armed = { fault, pagesBefore, slowMs }
      firedFault = undefined
      pullResponses = 0
    },
    fired: () => firedFault,
    retarget(next) {
      ;({ hostname, port } = new URL(next))
    },
    close: () => {
      cutAll()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
  return proxy
}

/** Header bytes plus Content-Length of the response starting in `first`; the chunk's own length without one. */
function responseLength(first: Buffer): number {
  const text = first.toString('latin1')
  const headerEnd = text.indexOf('\r\n\r\n')
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text)
  return headerEnd >= 0 && length ? headerEnd + 4 + Number(length[1]) : first.length
}
