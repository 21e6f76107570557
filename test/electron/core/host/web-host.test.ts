import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DesktopCore } from '../../../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../../../electron/core/host/web-host'
import type { HostMessage } from '../../../../shared/desktop-api'

describe('web host', () => {
  let core: DesktopCore
  let host: WebHost
  beforeAll(async () => {
    const rendererDir = join(mkdtempSync(join(tmpdir(), 'yp-renderer-')), 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Yardpass</title>')
    core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-host-')),
      defaultServerUrl: 'http://127.0.0.1:8787',
    })
    host = await startWebHost({ core, rendererDir, port: 0 })
  })
  afterAll(async () => {
    await host.close()
    await core.close()
  })

  const wsUrl = () => host.url.replace('http', 'ws') + '/api'

  function openSocket(headers: Record<string, string> = {}) {
    return new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(wsUrl(), { headers })
      socket.once('open', () => resolve(socket))
      socket.once('error', reject)
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    })
  }

  function call(socket: WebSocket, id: number, command: string, args: unknown) {
    return new Promise<HostMessage>((resolve) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as HostMessage
        if (message.type === 'result' && message.id === id) resolve(message)
      })
      socket.send(JSON.stringify({ type: 'invoke', id, command, args }))
    })
  }

  it('serves the built renderer', async () => {
    const page = await fetch(host.url)
    expect(await page.text()).toContain('<title>Yardpass</title>')
  })

  it('carries commands and their results over the WebSocket', async () => {
    const socket = await openSocket()
    try {
      expect(await call(socket, 1, 'session-status', {})).toEqual({
        type: 'result',
        id: 1,
        ok: true,
        result: { state: 'signed-out', defaultServerUrl: 'http://127.0.0.1:8787' },
      })
      expect(await call(socket, 2, 'no-such-command', {})).toMatchObject({
        ok: false,
        error: { code: 'unknown-command' },
      })
    } finally {
      socket.close()
    }
  })

  it("refuses a WebSocket opened by another site's page", async () => {
    await expect(openSocket({ origin: 'https://evil.example' })).rejects.toThrow(/403/)
  })
})
