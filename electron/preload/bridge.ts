// window.desktop, built over an ipcRenderer (tested with a real handler on the other end): invoke unwraps
// the main process's reply, subscribe returns its own unsubscribe, saveFile asks main's save dialog. Bundled into the sandboxed preload.
import type { IpcRenderer } from 'electron'
import type { DesktopBridge, DesktopEvent, SaveFileResult } from '../../shared/desktop-api'
import { ipcChannels } from '../../shared/ipc-channels'

/** The parts of Electron's ipcRenderer the bridge uses. */
export type RendererIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'off'>

type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

export function createBridge(ipc: RendererIpc): DesktopBridge {
  return {
    invoke: async (command, args) => {
      const reply = (await ipc.invoke(ipcChannels.invoke, command, args)) as Reply
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
      return reply.result as never
    },
    subscribe: (listener) => {
      // The main process sends each event as the core emitted it: a [name, payload] pair of the contract.
      const handler = (_event: unknown, ...event: DesktopEvent) => listener(...event)
      ipc.on(ipcChannels.event, handler)
      return () => ipc.off(ipcChannels.event, handler)
    },
    saveFile: (request): Promise<SaveFileResult> =>
      ipc.invoke(ipcChannels.saveFile, request) as Promise<SaveFileResult>,
  }
}
