// Sync status from the core (pending count, progress, rejections), kept current by its events.
import { useEffect, useState } from 'react'
import type { SyncStatus } from '../../../shared/desktop-api'
import { desktop } from './desktop-client'

export function useSync() {
  const [sync, setSync] = useState<SyncStatus | null>(null)
  useEffect(() => {
    let isMounted = true
    const unsubscribe = desktop.on({ 'sync-changed': setSync })
    desktop.invoke('sync-status', {}).then(
      (status) => isMounted && setSync(status),
      () => {},
    )
    return () => {
      isMounted = false
      unsubscribe()
    }
  }, [])
  return sync
}

/** Reloads data whenever the core reports a sync change (a capture saved, a push acknowledged, a pull applied). */
export function useOnSync(reload: () => void) {
  useEffect(() => desktop.on({ 'sync-changed': () => reload() }), [reload])
}
