/** Electron IPC channel names: the only two, fixed here so no free-form strings exist. Imports nothing (the sandboxed preload bundles it). */
export const ipcChannels = {
  invoke: 'desktop:invoke',
  event: 'desktop:event',
} as const
