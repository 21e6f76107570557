// Settings → This device: whether the server is reachable, when the device last synced, what waits to be sent
// or was refused, and the two things a person can do about it: sync now, or save it all to a file.
import { useState } from 'react'
import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import type { ConnectionState } from '../../../../shared/desktop-api'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useSync } from '../../desktop/use-sync'
import { formatCount, formatDateTime, formatRelative } from '../../ui/format'
import { LoadingState } from '../../ui/states'
import { exportUnsynced } from '../sync/export-unsynced'
import { RefusedChanges } from '../sync/RefusedChanges'

const connectionWords: Record<ConnectionState, string> = {
  'signed-out': 'Signed out',
  connecting: 'Connecting to the server…',
  online: 'Connected to the server',
  offline: 'Offline: changes are kept on this device and sent when the server is reachable',
}

export function DeviceSection({ connection }: { connection: ConnectionState }) {
  const sync = useSync()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<'sync' | 'export' | null>(null)

  async function run(kind: 'sync' | 'export', work: () => Promise<string>) {
    setBusy(kind)
    setMessage(null)
    try {
      setMessage(await work())
    } catch (failure) {
      setMessage(errorText(failure))
    } finally {
      setBusy(null)
    }
  }
  const syncNow = () =>
    run('sync', async () => {
      const after = await desktop.invoke('sync-now', {})
      return after.isReachable
        ? `Synced. ${after.pending === 0 ? 'Nothing is waiting to be sent.' : `${formatCount(after.pending, 'change')} still waiting.`}`
        : 'The server is not reachable; changes stay on this device.'
    })
  const exportNow = () => run('export', async () => (await exportUnsynced()).message)

  if (!sync) return <LoadingState label="Reading this device's sync status…" />
  const refused = sync.rejected.length + sync.rejectedEdits.length
  const figures = [
    { label: 'Waiting to be sent', value: formatCount(sync.pending, 'change') },
    { label: 'Refused by the server', value: formatCount(refused, 'change') },
    { label: 'Not yet in an export file', value: formatCount(sync.unexported, 'change') },
    {
      label: 'Last synced',
      value: sync.lastSyncedAt ? formatRelative(sync.lastSyncedAt) : 'Not yet',
      title: sync.lastSyncedAt ? formatDateTime(sync.lastSyncedAt) : undefined,
    },
  ]
  return (
    <Stack gap="md" maw={720}>
      <Text role="status" aria-live="polite">
        {connectionWords[connection]}
        {sync.lastError && connection !== 'online' ? ` (${sync.lastError})` : ''}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" role="group" aria-label="Sync status">
        {figures.map((figure) => (
          <Paper key={figure.label} component="dl" m={0} withBorder radius="md" p="sm" title={figure.title}>
            <Text component="dt" size="xs" c="dimmed">
              {figure.label}
            </Text>
            <Text component="dd" m={0} fw={600}>
              {figure.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Button onClick={() => void syncNow()} loading={busy === 'sync'}>
          Sync now
        </Button>
        <Button
          variant="default"
          onClick={() => void exportNow()}
          loading={busy === 'export'}
          disabled={sync.pending + refused === 0}
        >
          Export unsynced changes…
        </Button>
      </Group>
      {message && (
        <Text size="sm" role="status">
          {message}
        </Text>
      )}
      <RefusedChanges sync={sync} />
    </Stack>
  )
}
