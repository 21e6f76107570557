// The desktop API over Electron IPC: one invoke channel, one event channel, the save dialog; senders checked
// (invoke-handler.ts).
import { writeFile } from 'node:fs/promises'
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { ipcChannels } from '../../shared/ipc-channels'
import type { SaveFileResult } from '../../shared/desktop-api'
import type { DesktopCore } from '../core/desktop-core'
import { DesktopError } from '../core/desktop-error'
import { createInvokeHandler, isTrustedSender } from './invoke-handler'

export function registerDesktopApi(core: DesktopCore) {
  const ownContents = () => BrowserWindow.getAllWindows().map((window) => window.webContents)
  ipcMain.handle(ipcChannels.invoke, createInvokeHandler(core, ownContents))

  // The user picks the place in the system's dialog: the renderer never names a path on this disk.
  ipcMain.handle(ipcChannels.saveFile, async (event: IpcMainInvokeEvent, request: unknown): Promise<SaveFileResult> => {
    if (!isTrustedSender(event, ownContents()))
      throw new DesktopError('forbidden', 'Only the app window may save files.')
    const { suggestedName, content, encoding, filters } = parseSaveRequest(request)
    const window = BrowserWindow.fromWebContents(event.sender)
    const options = { defaultPath: suggestedName, filters }
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return { saved: false }
    await writeFile(choice.filePath, encoding === 'base64' ? Buffer.from(content, 'base64') : content, { mode: 0o600 })
    return { saved: true, path: choice.filePath }
  })

  core.subscribe((...event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(ipcChannels.event, ...event)
  })
}

function parseSaveRequest(request: unknown) {
  const { suggestedName, content, encoding, filters } = (request ?? {}) as Record<string, unknown>
  if (typeof suggestedName !== 'string' || typeof content !== 'string' || content.length > 200 * 1024 * 1024) {
    throw new DesktopError('invalid-arguments', 'A file to save needs a suggested name and its text content.')
  }
  const safeName = suggestedName.replace(/[/\\]/g, '-').slice(0, 200)
  const safeFilters = Array.isArray(filters)
    ? filters.filter(
        (f): f is { name: string; extensions: string[] } => typeof f?.name === 'string' && Array.isArray(f.extensions),
      )
    : []
  return {
    suggestedName: safeName,
    content,
    encoding: encoding === 'base64' ? ('base64' as const) : ('utf8' as const),
    filters: safeFilters,
  }
}
