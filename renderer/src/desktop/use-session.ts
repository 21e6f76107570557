// Session status from the core, kept current by its pushed events.
import { useCallback, useEffect, useState } from 'react'
import type { ConnectionState, SessionStatus } from '../../../shared/desktop-api'
import { desktop } from './desktop-client'

export type SignedIn = Extract<SessionStatus, { state: 'signed-in' }>

export function useSession() {
  const [status, setStatus] = useState<SessionStatus | null>(null)
  const [connection, setConnection] = useState<ConnectionState>('signed-out')

  useEffect(() => {
    let isMounted = true
    const unsubscribe = desktop.on({
      'session-changed': (next) => {
        setStatus(next)
        if (next.state === 'signed-out') setConnection('signed-out')
      },
      'connection-changed': ({ connection: next }) => setConnection(next),
    })
    desktop.invoke('session-status', {}).then((initial) => {
      if (!isMounted) return
      setStatus(initial)
      setConnection(initial.state === 'signed-in' ? initial.connection : 'signed-out')
    })
    return () => {
      isMounted = false
      unsubscribe()
    }
  }, [])

  const signedIn = useCallback((next: SessionStatus) => {
    setStatus(next)
    if (next.state === 'signed-in') setConnection(next.connection)
  }, [])

  return { status, connection, signedIn, setStatus }
}
