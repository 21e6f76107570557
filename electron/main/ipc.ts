// The desktop API over Electron IPC: one invoke channel, one event channel, senders checked.
import { BrowserWindow, ipcMain, type WebContents } from 'electron'
import { ipcChannels } from '../../shared/ipc-channels'
import type { DesktopCore } from '../core/desktop-core'
import { DesktopError } from '../core/desktop-error'

const isOwnWindow = (sender: WebContents) => BrowserWindow.getAllWindows().some((window) => window.webContents === sender)

export function registerDesktopApi(core: DesktopCore) {
  ipcMain.handle(ipcChannels.invoke, async (event, command: unknown, args: unknown) => {
    if (!isOwnWindow(event.sender) || event.senderFrame !== event.sender.mainFrame) {
      throw new DesktopError('forbidden', 'Only the app window may call the desktop API.')
    }
    try {
      return { ok: true, result: await core.invoke(String(command), args) }
    } catch (error) {
      if (error instanceof DesktopError) return { ok: false, error: { code: error.code, message: error.message } }
      console.error('desktop command failed', command, error)
      return { ok: false, error: { code: 'internal-error', message: 'The desktop core failed; see its log.' } }
    }
  })

  core.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(ipcChannels.event, name, payload)
  })
}
