// The web host: serves the built renderer and carries the desktop API over one WebSocket (/api),
// so browsers, kiosks and tests get the same app where the Electron window is not available.
import { existsSync } from 'node:fs'
import Fastify from 'fastify'
import fastifyStatic from '@fastify/static'
import { WebSocketServer, type WebSocket } from 'ws'
import type { HostMessage, HostRequest } from '../../../shared/desktop-api'
import type { DesktopCore } from '../desktop-core'
import { DesktopError } from '../desktop-error'

export interface WebHostOptions {
  core: DesktopCore
  rendererDir: string
  port: number
  host?: string
}

export interface WebHost {
  url: string
  close(): Promise<void>
}

/** Room for an attendee file (the server takes up to 50 MiB of CSV in one import). */
const MAX_MESSAGE_BYTES = 52 * 1024 * 1024

export async function startWebHost({ core, rendererDir, port, host = '127.0.0.1' }: WebHostOptions): Promise<WebHost> {
  if (!existsSync(rendererDir)) {
    throw new Error(`The renderer is not built (${rendererDir} is missing): run "npm run build" first.`)
  }
  const app = Fastify({ logger: false })
  await app.register(fastifyStatic, { root: rendererDir })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  app.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://host')
    // Only pages this host served may drive the core: a foreign web page's socket is refused.
    const origin = request.headers.origin
    const isSameOrigin = !origin || origin === `http://${request.headers.host}`
    if (url.pathname !== '/api' || !isSameOrigin) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serve(ws, core))
  })

  const url = await app.listen({ port, host })
  return {
    url,
    close: async () => {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      await app.close()
    },
  }
}

function serve(ws: WebSocket, core: DesktopCore) {
  const send = (message: HostMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  const unsubscribe = core.subscribe((...event) => send({ type: 'event', event }))
  ws.on('close', unsubscribe)
  ws.on('message', async (data) => {
    let request: HostRequest
    try {
      request = JSON.parse(data.toString()) as HostRequest
      if (request.type !== 'invoke' || typeof request.id !== 'number') throw new Error('not an invoke')
    } catch {
      ws.close(1003, 'Messages must be {"type":"invoke","id":<number>,"command":<name>,"args":{...}}')
      return
    }
    try {
      send({ type: 'result', id: request.id, ok: true, result: await core.invoke(request.command, request.args) })
    } catch (error) {
      const known = error instanceof DesktopError
      send({
        type: 'result',
        id: request.id,
        ok: false,
        error: known
          ? { code: error.code, message: error.message }
          : { code: 'internal-error', message: 'The desktop core failed; see its log.' },
      })
      if (!known) console.error('desktop command failed', request.command, error)
    }
  })
}
