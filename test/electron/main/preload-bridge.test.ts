// window.desktop over an in-process IPC pair whose main side is the real invoke handler and a real core:
// invoke unwraps replies (refusals become errors with their code), subscribe delivers and unsubscribes.
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../electron/core/desktop-core'
import { createInvokeHandler } from '../../../electron/main/invoke-handler'
import { createBridge, type RendererIpc } from '../../../electron/preload/bridge'
import { ipcChannels } from '../../../shared/ipc-channels'

describe('the preload bridge', () => {
  const core = new DesktopCore({
    dataDir: mkdtempSync(join(tmpdir(), 'yp-bridge-')),
    defaultServerUrl: 'http://127.0.0.1:9',
  })
  afterAll(() => core.close())
  const frame = {}
  const contents = { mainFrame: frame }
  const handler = createInvokeHandler(core, () => [contents])
  const events = new EventEmitter()
  const invoked: string[] = []
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push(channel)
      return handler({ sender: contents, senderFrame: frame }, args[0], args[1])
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => events.on(channel, listener),
    off: (channel: string, listener: (...args: unknown[]) => void) => events.off(channel, listener),
  } as unknown as RendererIpc
  const bridge = createBridge(ipc)

  it('exposes exactly invoke, subscribe and saveFile', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'saveFile', 'subscribe'])
  })

  it('resolves with the core result and rejects a refusal with its code, on the one invoke channel', async () => {
    expect(await bridge.invoke('session-status', {})).toMatchObject({ state: 'signed-out' })
    await expect(bridge.invoke('format-disk' as never, {} as never)).rejects.toMatchObject({
      code: 'unknown-command',
      message: 'There is no command "format-disk".',
    })
    expect(new Set(invoked)).toEqual(new Set([ipcChannels.invoke]))
  })

  it('delivers events by name until unsubscribed', () => {
    const seen: [string, unknown][] = []
    const unsubscribe = bridge.subscribe((name, payload) => seen.push([name, payload]))
    events.emit(ipcChannels.event, {}, 'sync-changed', { pending: 1 })
    unsubscribe()
    events.emit(ipcChannels.event, {}, 'sync-changed', { pending: 2 })
    expect(seen).toEqual([['sync-changed', { pending: 1 }]])
    expect(events.listenerCount(ipcChannels.event)).toBe(0)
  })
})
