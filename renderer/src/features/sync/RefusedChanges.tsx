// What the server would not accept stays on this device, whole, until someone decides: export it for a
// sponsor admin (who can re-enter it, or restore the representative's access), or discard it.
import { useState } from 'react'
import { Alert, Button, Group, List, Text } from '@mantine/core'
import type { SyncStatus } from '../../../../shared/desktop-api'
import { desktop, errorText } from '../../desktop/desktop-client'
import { confirmAction } from '../../ui/confirm'
import { exportUnsynced } from './export-unsynced'
import { formatCount, formatDateTime } from '../../ui/format'

export function RefusedChanges({ sync }: { sync: SyncStatus }) {
  const [message, setMessage] = useState<string | null>(null)
  const captures = sync.rejected.length
  const edits = sync.rejectedEdits.length
  if (captures + edits === 0)
    return message ? (
      <Text size="sm" role="status">
        {message}
      </Text>
    ) : null
  const what = [captures && formatCount(captures, 'capture'), edits && formatCount(edits, 'lead edit')]
    .filter(Boolean)
    .join(' and ')

  async function exportForAdmin() {
    try {
      const exported = await exportUnsynced()
      setMessage(exported.saved ? `${exported.message} Send this file to a sponsor admin.` : exported.message)
    } catch (failure) {
      setMessage(errorText(failure))
    }
  }
  async function discard() {
    const isSure = await confirmAction({
      action: 'Discard',
      subject: what,
      consequence:
        'They are deleted from this device for good and will never reach the server. Export them first if anyone may still need them.',
    })
    if (!isSure) return
    try {
      const done = await desktop.invoke('rejected-discard', { all: true })
      setMessage(`Discarded ${formatCount(done.discarded, 'refused change')}.`)
    } catch (failure) {
      setMessage(errorText(failure))
    }
  }

  return (
    <Alert component="section" aria-label="Refused by the server" color="orange" variant="light" p="xs">
      <details>
        <summary>
          <Text span size="sm" fw={600}>
            {what} not accepted by the server — kept on this device
          </Text>
        </summary>
        <List size="sm" mt={4}>
          {sync.rejected.map((item) => (
            <List.Item key={item.leadId}>
              {item.name}
              {item.badgeCode && ` (${item.badgeCode})`}: {item.reason}
            </List.Item>
          ))}
          {sync.rejectedEdits.map((edit) => (
            <List.Item key={edit.mutationId}>
              A lead edit from {formatDateTime(edit.madeAt)}: {edit.reason}
            </List.Item>
          ))}
        </List>
        <Text size="sm" mt={4}>
          Nothing is lost: export them and send the file to a sponsor admin, who can enter them again or give your
          access back. Discard only what you no longer need.
        </Text>
      </details>
      <Group gap="xs" mt={6}>
        <Button size="compact-sm" onClick={() => void exportForAdmin()}>
          Export for a sponsor admin
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => void discard()}>
          Discard…
        </Button>
      </Group>
      {message && (
        <Text size="sm" role="status" mt={4}>
          {message}
        </Text>
      )}
    </Alert>
  )
}
