// What the server would not accept stays on this device, whole, until someone decides: export it for a
// sponsor admin (who can re-enter it, or restore the representative's access), or discard it.
import { useState } from 'react'
import type { SyncStatus } from '../../../shared/desktop-api'
import { desktop } from '../desktop-client'
import { errorText } from '../use-sponsors'

export function RefusedChanges({ sync }: { sync: SyncStatus }) {
  const [message, setMessage] = useState<string | null>(null)
  const [isConfirming, setIsConfirming] = useState(false)
  const captures = sync.rejected.length
  const edits = sync.rejectedEdits.length
  if (captures + edits === 0) return message ? <p role="status">{message}</p> : null
  const what = [captures && `${captures} capture${captures === 1 ? '' : 's'}`, edits && `${edits} lead edit${edits === 1 ? '' : 's'}`].filter(Boolean).join(' and ')

  async function exportForAdmin() {
    try {
      const saved = await desktop.invoke('pending-export', {})
      setMessage(`Saved ${saved.count} capture(s) and ${saved.edits} edit(s) to ${saved.path}. Send this file to a sponsor admin.`)
    } catch (failure) {
      setMessage(errorText(failure))
    }
  }
  async function discard() {
    try {
      const done = await desktop.invoke('rejected-discard', { all: true })
      setMessage(`Discarded ${done.discarded} refused change(s).`)
    } catch (failure) {
      setMessage(errorText(failure))
    } finally {
      setIsConfirming(false)
    }
  }

  return (
    <section aria-label="Refused by the server" className="rejections card">
      <details>
        <summary>{what} not accepted by the server — kept on this device</summary>
        <ul>
          {sync.rejected.map((item) => (
            <li key={item.leadId}>{item.name}{item.badgeCode && ` (${item.badgeCode})`}: {item.reason}</li>
          ))}
          {sync.rejectedEdits.map((edit) => (
            <li key={edit.mutationId}>A lead edit from {new Date(edit.madeAt).toLocaleString()}: {edit.reason}</li>
          ))}
        </ul>
        <p>
          Nothing is lost: export them and send the file to a sponsor admin, who can enter them again or give your
          access back. Discard only what you no longer need.
        </p>
      </details>
      <button type="button" onClick={() => void exportForAdmin()}>Export for a sponsor admin</button>
      {isConfirming ? (
        <span role="group" aria-label="Confirm discard">
          {' '}Discard {what} for good?{' '}
          <button type="button" className="danger" onClick={() => void discard()}>Discard</button>
          <button type="button" className="secondary" onClick={() => setIsConfirming(false)}>Keep them</button>
        </span>
      ) : (
        <button type="button" className="secondary" onClick={() => setIsConfirming(true)}>Discard…</button>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  )
}
