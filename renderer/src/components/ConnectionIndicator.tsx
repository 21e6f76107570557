// Shows whether the core is connected to the server, for people and for assistive tools.
import type { ConnectionState } from '../../../shared/desktop-api'

const labels: Record<ConnectionState, string> = {
  'signed-out': 'Signed out',
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
}

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span className={`connection connection-${state}`} role="status" aria-label={`Connection: ${labels[state]}`}>
      <span className="dot" aria-hidden="true" />
      {labels[state]}
    </span>
  )
}
