// Electron main: creates the window and forwards the typed desktop API to the core. Nothing else.
import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { DesktopCore } from '../core/desktop-core'
import { createMainWindow } from './window'
import { registerDesktopApi } from './ipc'
import { installMenu } from './menu'

app.enableSandbox()

app.whenReady().then(() => {
  const core = new DesktopCore({
    dataDir: join(app.getPath('userData'), 'desktop'),
    defaultServerUrl: process.env.YARDPASS_SERVER_URL ?? 'http://127.0.0.1:8787',
  })
  installMenu()
  const window = createMainWindow()
  registerDesktopApi(core)

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('will-quit', () => {
    void core.close()
  })
  return window
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
