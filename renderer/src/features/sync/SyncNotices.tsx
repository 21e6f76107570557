// What sync has to tell the user: a note merged beside another device's, a change another person made
// later, access to a sponsor removed from this device.
import { Alert, Button, Group, List, Text } from '@mantine/core'
import type { SyncStatus } from '../../../../shared/desktop-api'
import { desktop } from '../../desktop/desktop-client'
import { formatTime } from '../../ui/format'

export function SyncNotices({ sync }: { sync: SyncStatus }) {
  if (sync.notices.length === 0) return null
  const dismiss = (ids?: number[]) =>
    void desktop.invoke('notices-dismiss', ids ? { ids } : { all: true }).catch(() => {})
  return (
    <Alert component="section" aria-label="Sync notices" color="blue" variant="light" p="xs">
      <List size="sm" spacing={4}>
        {sync.notices.map((notice) => (
          <List.Item key={notice.id}>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm">{notice.message}</Text>
              <Text size="xs" c="dimmed">
                {formatTime(notice.at)}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={`Dismiss: ${notice.message}`}
                onClick={() => dismiss([notice.id])}
              >
                Dismiss
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      {sync.notices.length > 1 && (
        <Button size="compact-xs" variant="subtle" mt={4} onClick={() => dismiss()}>
          Dismiss all
        </Button>
      )}
    </Alert>
  )
}
