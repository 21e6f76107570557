// The preload: exposes the typed desktop API as window.desktop, and nothing else.
// Sandboxed, so it is bundled to CommonJS and may import only electron and modules bundled with it.
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

contextBridge.exposeInMainWorld('desktop', createBridge(ipcRenderer))
