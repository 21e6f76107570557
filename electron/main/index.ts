// Electron main: creates the window and forwards the typed desktop API to the core. Nothing else.
import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { DesktopCore } from '../core/desktop-core'
import { appProtocol, deepLinkPath } from '../core/deep-link'
import { createMainWindow } from './window'
import { registerDesktopApi } from './ipc'
import { installMenu } from './menu'

app.enableSandbox()

// yardpass:// links (an invitation email's) open in the running app: one instance, the link handed to it.
const isFirstInstance = app.requestSingleInstanceLock()
if (!isFirstInstance) app.quit()
app.setAsDefaultProtocolClient(appProtocol)
let mainWindow: BrowserWindow | null = null
let waitingLink: string | null = process.argv.find((arg) => arg.startsWith(`${appProtocol}://`)) ?? null

function openLink(link: string) {
  const path = deepLinkPath(link)
  const window = mainWindow
  if (!path) return
  if (!window) {
    waitingLink = link
    return
  }
  const go = () => void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${path}`)}`)
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', go)
  else go()
  if (window.isMinimized()) window.restore()
  window.focus()
}
app.on('open-url', (event, url) => {
  event.preventDefault()
  openLink(url)
})
app.on('second-instance', (_event, argv) => {
  const link = argv.find((arg) => arg.startsWith(`${appProtocol}://`))
  if (link) openLink(link)
})

app.whenReady().then(() => {
  if (!isFirstInstance) return
  const core = new DesktopCore({
    dataDir: join(app.getPath('userData'), 'desktop'),
    defaultServerUrl: process.env.YARDPASS_SERVER_URL ?? 'http://127.0.0.1:8787',
  })
  installMenu()
  const window = createMainWindow()
  mainWindow = window
  registerDesktopApi(core)
  if (waitingLink) openLink(waitingLink)

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
