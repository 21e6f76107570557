// The desktop API over Electron IPC: one invoke channel, one event channel, the save dialog; senders checked.
import { writeFile } from 'node:fs/promises'
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { ipcChannels } from '../../shared/ipc-channels'
import type { SaveFileResult } from '../../shared/desktop-api'
import type { DesktopCore } from '../core/desktop-core'
import { DesktopError } from '../core/desktop-error'

const isOwnWindow = (sender: WebContents) => BrowserWindow.getAllWindows().some((window) => window.webContents === sender)
const isFromAppWindow = (event: IpcMainInvokeEvent) => isOwnWindow(event.sender) && event.senderFrame === event.sender.mainFrame

export function registerDesktopApi(core: DesktopCore) {
  ipcMain.handle(ipcChannels.invoke, async (event, command: unknown, args: unknown) => {
    if (!isFromAppWindow(event)) throw new DesktopError('forbidden', 'Only the app window may call the desktop API.')
    try {
      return { ok: true, result: await core.invoke(String(command), args) }
    } catch (error) {
      if (error instanceof DesktopError) return { ok: false, error: { code: error.code, message: error.message } }
      console.error('desktop command failed', command, error)
      return { ok: false, error: { code: 'internal-error', message: 'The desktop core failed; see its log.' } }
    }
  })

  // The user picks the place in the system's dialog: the renderer never names a path on this disk.
  ipcMain.handle(ipcChannels.saveFile, async (event, request: unknown): Promise<SaveFileResult> => {
    if (!isFromAppWindow(event)) throw new DesktopError('forbidden', 'Only the app window may save files.')
    const { suggestedName, content, filters } = parseSaveRequest(request)
    const window = BrowserWindow.fromWebContents(event.sender)
    const options = { defaultPath: suggestedName, filters }
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return { saved: false }
    await writeFile(choice.filePath, content, { mode: 0o600 })
    return { saved: true, path: choice.filePath }
  })

  core.subscribe((...event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(ipcChannels.event, ...event)
  })
}

function parseSaveRequest(request: unknown) {
  const { suggestedName, content, filters } = (request ?? {}) as Record<string, unknown>
  if (typeof suggestedName !== 'string' || typeof content !== 'string' || content.length > 200 * 1024 * 1024) {
    throw new DesktopError('invalid-arguments', 'A file to save needs a suggested name and its text content.')
  }
  const safeName = suggestedName.replace(/[/\\]/g, '-').slice(0, 200)
  const safeFilters = Array.isArray(filters) ? filters.filter((f): f is { name: string; extensions: string[] } => typeof f?.name === 'string' && Array.isArray(f.extensions)) : []
  return { suggestedName: safeName, content, filters: safeFilters }
}
