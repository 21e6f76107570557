// The offline banner, the sync progress bar and what the server refused, shown above every page.
import type { ConnectionState } from '../../../shared/desktop-api'
import { useSync } from '../use-sync'
import { RefusedChanges } from './RefusedChanges'
import { SyncNotices } from './SyncNotices'

export function SyncBar({ connection }: { connection: ConnectionState }) {
  const sync = useSync()
  if (!sync) return null
  const isOffline = connection === 'offline' || !sync.isReachable
  const total = sync.pulled + sync.remaining
  return (
    <div className="sync-bar">
      {isOffline && (
        <p role="status" className="offline-banner">
          Offline — captures are saved on this device and will sync when the server is reachable.
          {sync.pending > 0 && ` ${sync.pending} waiting.`}
        </p>
      )}
      {sync.phase !== 'idle' && (
        <label className="sync-progress">
          {sync.phase === 'pushing' ? `Sending ${sync.remaining} change(s)…` : `Receiving updates: ${sync.pulled} of ${total}`}
          <progress aria-label="Sync progress" max={Math.max(total, 1)} value={sync.phase === 'pulling' ? sync.pulled : undefined} />
        </label>
      )}
      {!isOffline && sync.phase === 'idle' && (
        <p className="sync-summary">
          {sync.pending > 0
            ? `${sync.pending} change(s) waiting to sync`
            : sync.rejected.length + sync.rejectedEdits.length > 0 ? 'Synced, except the changes the server refused (below)' : 'All changes synced'}
          {sync.lastSyncedAt && ` · last sync ${new Date(sync.lastSyncedAt).toLocaleTimeString()}`}
        </p>
      )}
      <SyncNotices sync={sync} />
      <RefusedChanges sync={sync} />
    </div>
  )
}
