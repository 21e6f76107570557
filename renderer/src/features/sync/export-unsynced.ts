// Exports what the server has not accepted to a file the person saves where they choose (Electron's save dialog,
// or a browser download through the web host); only once the file is saved does the device count it as exported.
import { desktop } from '../../desktop/desktop-client'
import { formatCount } from '../../ui/format'

/** The sentence to show: where the file went and what it holds, or that nothing was saved. */
export async function exportUnsynced(): Promise<{ saved: boolean; message: string }> {
  const file = await desktop.invoke('pending-export', {})
  const saved = await desktop.saveFile(
    {
      suggestedName: file.fileName,
      content: file.content,
      filters: [{ name: 'Yardpass export', extensions: ['json'] }],
    },
    'application/json',
  )
  if (!saved.saved) return { saved: false, message: 'Nothing was exported: the file was not saved.' }
  await desktop.invoke('pending-export-saved', file.receipt)
  const what = [formatCount(file.count, 'capture'), file.edits > 0 ? formatCount(file.edits, 'lead edit') : null]
    .filter(Boolean)
    .join(' and ')
  return { saved: true, message: `Saved ${what} to ${saved.path}.` }
}
