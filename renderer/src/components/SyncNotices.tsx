// What sync has to tell the user: a note merged beside another device's, a change another person made
// later, access to a sponsor removed from this device.
import type { SyncStatus } from '../../../shared/desktop-api'
import { desktop } from '../desktop-client'

export function SyncNotices({ sync }: { sync: SyncStatus }) {
  if (sync.notices.length === 0) return null
  const dismiss = (ids?: number[]) => void desktop.invoke('notices-dismiss', ids ? { ids } : { all: true }).catch(() => {})
  return (
    <section aria-label="Sync notices" className="notices card">
      <ul>
        {sync.notices.map((notice) => (
          <li key={notice.id}>
            {notice.message} <small>{new Date(notice.at).toLocaleTimeString()}</small>{' '}
            <button type="button" className="secondary" aria-label={`Dismiss: ${notice.message}`} onClick={() => dismiss([notice.id])}>Dismiss</button>
          </li>
        ))}
      </ul>
      {sync.notices.length > 1 && <button type="button" className="secondary" onClick={() => dismiss()}>Dismiss all</button>}
    </section>
  )
}
