// The preload: exposes the typed desktop API as window.desktop, and nothing else.
// Sandboxed, so it is bundled to CommonJS and may import only electron and type-only modules.
import { contextBridge, ipcRenderer } from 'electron'
import type { DesktopBridge, DesktopEvent, SaveFileResult } from '../../shared/desktop-api'
import { ipcChannels } from '../../shared/ipc-channels'

const bridge = {
  invoke: async (command, args) => {
    const reply = await ipcRenderer.invoke(ipcChannels.invoke, command, args)
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
    return reply.result
  },
  subscribe: (listener) => {
    // The main process sends each event as the core emitted it: a [name, payload] pair of the contract.
    const handler = (_event: unknown, ...event: DesktopEvent) => listener(...event)
    ipcRenderer.on(ipcChannels.event, handler)
    return () => ipcRenderer.off(ipcChannels.event, handler)
  },
  saveFile: (request): Promise<SaveFileResult> => ipcRenderer.invoke(ipcChannels.saveFile, request),
} satisfies DesktopBridge

contextBridge.exposeInMainWorld('desktop', bridge)
