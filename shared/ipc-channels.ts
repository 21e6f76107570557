/** Electron IPC channel names, fixed here so no free-form strings exist. Imports nothing (the sandboxed preload bundles it). */
export const ipcChannels = {
  invoke: 'desktop:invoke',
  event: 'desktop:event',
  /** The renderer hands the main process a file to save with the system's save dialog (an export). */
  saveFile: 'desktop:save-file',
} as const
