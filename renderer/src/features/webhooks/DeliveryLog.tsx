// One endpoint's delivery log: filter by state and event type, see each delivery's attempts, replay one.
import { useState } from 'react'
import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import type { WebhookAttemptRecord, WebhookEndpointRecord } from '../../../../shared/webhooks/webhook-commands'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { formatDateTime } from '../../ui/format'
import { notifyDone, notifyError } from '../../ui/notify'
import { ErrorState, LoadingState } from '../../ui/states'

const statusWords: Record<string, string> = {
  pending: 'Waiting to retry',
  delivering: 'Sending',
  succeeded: 'Delivered',
  dead: 'Failed (dead letter)',
}

export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpointRecord }) {
  const [status, setStatus] = useState<string | null>(null)
  const [type, setType] = useState<string | null>(null)
  const [attempts, setAttempts] = useState<{ deliveryId: string; attempts: WebhookAttemptRecord[] } | null>(null)
  const log = useCommand('webhook-deliveries', {
    id: endpoint.id,
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
  })

  async function replay(deliveryId: string) {
    try {
      await desktop.invoke('webhook-delivery-replay', { id: endpoint.id, deliveryId })
      notifyDone('The delivery is sent again with its original id.')
      await log.reload()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }
  async function showAttempts(deliveryId: string) {
    try {
      setAttempts({
        deliveryId,
        attempts: (await desktop.invoke('webhook-delivery-attempts', { id: endpoint.id, deliveryId })).attempts,
      })
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id="delivery-log-title">
        Delivery log: {endpoint.url}
      </Title>
      <Group gap="sm" align="flex-end">
        <Select
          label="State"
          placeholder="Any state"
          clearable
          value={status}
          onChange={setStatus}
          data={Object.entries(statusWords).map(([value, label]) => ({ value, label }))}
        />
        <Select
          label="Event type"
          placeholder="Any type"
          clearable
          value={type}
          onChange={setType}
          data={[...endpoint.events, 'webhook.test']}
        />
        <Button variant="default" onClick={() => void log.reload()}>
          Refresh
        </Button>
      </Group>
      {log.error && !log.data ? (
        <ErrorState message={log.error} onRetry={() => void log.reload()} />
      ) : !log.data ? (
        <LoadingState label="Reading the delivery log…" />
      ) : log.data.deliveries.length === 0 ? (
        <Text size="sm" role="status">
          No deliveries match.
        </Text>
      ) : (
        <Table aria-labelledby="delivery-log-title" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Event</Table.Th>
              <Table.Th scope="col">Happened</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">Attempts</Table.Th>
              <Table.Th scope="col">Last answer</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.deliveries.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Th scope="row">{d.type}</Table.Th>
                <Table.Td>{formatDateTime(d.occurred_at)}</Table.Td>
                <Table.Td>{statusWords[d.status] ?? d.status}</Table.Td>
                <Table.Td>{d.attempt_count}</Table.Td>
                <Table.Td>{d.last_status_code ? `HTTP ${d.last_status_code}` : (d.last_error ?? '—')}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => void showAttempts(d.id)}
                      aria-label={`Attempts of ${d.type} at ${formatDateTime(d.occurred_at)}`}
                    >
                      Attempts
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      disabled={d.status === 'delivering'}
                      onClick={() => void replay(d.id)}
                      aria-label={`Replay ${d.type} at ${formatDateTime(d.occurred_at)}`}
                    >
                      Replay
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {attempts && (
        <Table aria-label="Attempts" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Attempt</Table.Th>
              <Table.Th scope="col">Started</Table.Th>
              <Table.Th scope="col">Answer</Table.Th>
              <Table.Th scope="col">Took</Table.Th>
              <Table.Th scope="col">Response</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attempts.attempts.map((a) => (
              <Table.Tr key={a.attempt_number}>
                <Table.Th scope="row">{a.attempt_number}</Table.Th>
                <Table.Td>{formatDateTime(a.started_at)}</Table.Td>
                <Table.Td>{a.status_code ? `HTTP ${a.status_code}` : (a.error ?? '—')}</Table.Td>
                <Table.Td>{a.latency_ms} ms</Table.Td>
                <Table.Td>
                  <Text size="xs" lineClamp={2}>
                    {a.response_excerpt ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
