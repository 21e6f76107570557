// The app window, locked down: isolated context, sandbox, no Node, no new windows, no navigation away.
import { join } from 'node:path'
import { BrowserWindow, shell } from 'electron'
import { allowsNavigation, decideWindowOpen } from './window-policy'

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Yardpass Command Center',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  })
  window.once('ready-to-show', () => window.show())

  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url)
    if (decision.openExternally) void shell.openExternal(url)
    return { action: decision.action }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!allowsNavigation(window.webContents.getURL(), url)) event.preventDefault()
  })

  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}
