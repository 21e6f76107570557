// Shows whether the core is connected to the server, for people and for assistive tools.
import { Badge } from '@mantine/core'
import type { ConnectionState } from '../../../../shared/desktop-api'

const looks: Record<ConnectionState, { label: string; color: string }> = {
  'signed-out': { label: 'Signed out', color: 'gray' },
  connecting: { label: 'Connecting…', color: 'yellow' },
  online: { label: 'Online', color: 'teal' },
  offline: { label: 'Offline', color: 'red' },
}

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { label, color } = looks[state]
  return (
    <Badge
      role="status"
      aria-label={`Connection: ${label}`}
      variant="dot"
      color={color}
      size="md"
      tt="none"
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {label}
    </Badge>
  )
}
