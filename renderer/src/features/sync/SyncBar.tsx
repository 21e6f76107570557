// The offline banner, the sync progress bar and what the server refused, shown above every page: the refused
// changes in full on the booth and lead screens, as one line with a link elsewhere.
import { Alert, Anchor, Group, Progress, Stack, Text } from '@mantine/core'
import { Link, useLocation } from 'react-router-dom'
import { IconCloudOff } from '@tabler/icons-react'
import type { ConnectionState } from '../../../../shared/desktop-api'
import { useSync } from '../../desktop/use-sync'
import { formatCount, formatTime } from '../../ui/format'
import { RefusedChanges } from './RefusedChanges'
import { SyncNotices } from './SyncNotices'

/** Where refused captures are the work at hand: the full panel shows there (and in Settings → This device). */
const leadScreens = ['/booth', '/leads']

export function SyncBar({ connection }: { connection: ConnectionState }) {
  const sync = useSync()
  const location = useLocation()
  const isLeadWork = leadScreens.some((path) => location.pathname.startsWith(path))
  if (!sync) return null
  const isOffline = connection === 'offline' || !sync.isReachable
  const total = sync.pulled + sync.remaining
  const refused = sync.rejected.length + sync.rejectedEdits.length
  return (
    <Stack gap={6} mb="sm">
      {isOffline && (
        <Alert role="status" color="red" variant="light" p="xs" icon={<IconCloudOff size={18} aria-hidden="true" />}>
          Offline — captures are saved on this device and will sync when the server is reachable.
          {sync.pending > 0 && ` ${sync.pending} waiting.`}
        </Alert>
      )}
      {sync.phase !== 'idle' && (
        <div>
          <Text size="xs">
            {sync.phase === 'pushing'
              ? `Sending ${formatCount(sync.remaining, 'change')}…`
              : `Receiving updates: ${sync.pulled} of ${total}`}
          </Text>
          <Progress
            aria-label="Sync progress"
            size="sm"
            value={sync.phase === 'pulling' ? (100 * sync.pulled) / Math.max(total, 1) : 100}
            animated={sync.phase === 'pushing'}
          />
        </div>
      )}
      {!isOffline && sync.phase === 'idle' && (
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {sync.pending > 0
              ? `${formatCount(sync.pending, 'change')} waiting to sync`
              : sync.rejected.length + sync.rejectedEdits.length > 0
                ? 'Synced, except the changes the server refused (below)'
                : 'All changes synced'}
            {sync.lastSyncedAt && ` · last sync ${formatTime(sync.lastSyncedAt)}`}
          </Text>
        </Group>
      )}
      <SyncNotices sync={sync} />
      {isLeadWork ? (
        <RefusedChanges sync={sync} />
      ) : (
        refused > 0 && (
          <Text size="xs" c="orange.9" role="status">
            {formatCount(refused, 'change')} not accepted by the server, kept on this device —{' '}
            <Anchor component={Link} to="/settings/device" size="xs">
              review them
            </Anchor>
          </Text>
        )
      )}
    </Stack>
  )
}
