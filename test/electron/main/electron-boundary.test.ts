// electron/main and electron/preload wired to Electron, with Electron's modules faked at the boundary
// (its binary is not installed here): the window's locked-down preferences, its window-open and
// navigation handlers, the IPC registration and the preload's one exposed name.
import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  const windows: FakeWindow[] = []
  class FakeWebContents {
    readonly mainFrame = {}
    readonly listeners = new Map<string, Listener>()
    readonly sent: unknown[][] = []
    url = 'file:///app/out/renderer/index.html'
    openHandler: Listener | undefined
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener)
    }
    getURL() {
      return this.url
    }
    send(...args: unknown[]) {
      this.sent.push(args)
    }
  }
  class FakeWindow {
    readonly webContents = new FakeWebContents()
    loaded: string | undefined
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this)
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded = url
      return Promise.resolve()
    }
    loadFile(file: string) {
      this.loaded = file
      return Promise.resolve()
    }
    static getAllWindows() {
      return windows
    }
    static fromWebContents(contents: unknown) {
      return windows.find((window) => window.webContents === contents) ?? null
    }
  }
  return {
    windows,
    FakeWindow,
    opened: [] as string[],
    handlers: new Map<string, Listener>(),
    exposed: new Map<string, unknown>(),
    rendererCalls: [] as unknown[][],
    dialogs: [] as unknown[],
  }
})

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeWindow,
  shell: {
    openExternal: async (url: string) => {
      fake.opened.push(url)
    },
  },
  dialog: {
    showSaveDialog: async (...args: unknown[]) => {
      fake.dialogs.push(args)
      return { canceled: true }
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => fake.handlers.set(channel, handler),
  },
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => fake.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.rendererCalls.push(args)
      return { ok: true, result: 'pong' }
    },
    on() {},
    off() {},
  },
}))

describe('electron/main and electron/preload at the Electron boundary', () => {
  beforeEach(() => {
    fake.windows.length = 0
    fake.opened.length = 0
  })

  it('creates the window sandboxed, isolated and without Node, denying new windows and navigation away', async () => {
    const { createMainWindow } = await import('../../../electron/main/window')
    createMainWindow()
    const window = fake.windows[0]!
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    })
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/)
    const open = window.webContents.openHandler!
    expect(open({ url: 'https://yardpass.example/help' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(fake.opened).toEqual(['https://yardpass.example/help'])
    const navigate = window.webContents.listeners.get('will-navigate')!
    const away = {
      prevented: false,
      preventDefault() {
        this.prevented = true
      },
    }
    navigate(away, 'https://evil.example/')
    expect(away.prevented).toBe(true)
    const reload = {
      prevented: false,
      preventDefault() {
        this.prevented = true
      },
    }
    navigate(reload, window.webContents.url)
    expect(reload.prevented).toBe(false)
  })

  it('registers the invoke and save channels, both refusing a webContents that is not one of our windows', async () => {
    const { registerDesktopApi } = await import('../../../electron/main/ipc')
    const { ipcChannels } = await import('../../../shared/ipc-channels')
    const window = new fake.FakeWindow({})
    let listener: ((name: string, payload: unknown) => void) | undefined
    const core = {
      invoke: async (command: string) => ({ ran: command }),
      subscribe: (l: typeof listener) => {
        listener = l
        return () => {}
      },
    }
    registerDesktopApi(core as never)
    expect([...fake.handlers.keys()]).toEqual([ipcChannels.invoke, ipcChannels.saveFile])
    const handle = fake.handlers.get(ipcChannels.invoke)!
    const ours = window.webContents
    expect(await handle({ sender: ours, senderFrame: ours.mainFrame }, 'session-status', {})).toEqual({
      ok: true,
      result: { ran: 'session-status' },
    })
    const other = { mainFrame: {} }
    await expect(handle({ sender: other, senderFrame: other.mainFrame }, 'session-status', {})).rejects.toMatchObject({
      code: 'forbidden',
    })
    const save = fake.handlers.get(ipcChannels.saveFile)!
    const request = { suggestedName: 'leads.csv', content: 'a,b' }
    await expect(save({ sender: other, senderFrame: other.mainFrame }, request)).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(fake.dialogs).toEqual([])
    expect(await save({ sender: ours, senderFrame: ours.mainFrame }, request)).toEqual({ saved: false })
    expect(fake.dialogs).toHaveLength(1)
    listener!('sync-changed', { pending: 3 })
    expect(ours.sent).toEqual([[ipcChannels.event, 'sync-changed', { pending: 3 }]])
  })

  it('the preload exposes window.desktop only, calling the invoke channel', async () => {
    await import('../../../electron/preload/index')
    expect([...fake.exposed.keys()]).toEqual(['desktop'])
    const desktop = fake.exposed.get('desktop') as { invoke(c: string, a: unknown): Promise<unknown> }
    expect(await desktop.invoke('session-status', {})).toBe('pong')
    expect(fake.rendererCalls).toEqual([['desktop:invoke', 'session-status', {}]])
  })
})
