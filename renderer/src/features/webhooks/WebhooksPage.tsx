// Settings → Webhooks: the organization's endpoints (add, pick events, enable or disable, delete), the signing
// secret shown once and rotated after a confirmation, a test event, replays of dead letters, and the delivery log.
import { useState } from 'react'
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import type { WebhookEndpointRecord } from '../../../../shared/webhooks/webhook-commands'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { confirmAction } from '../../ui/confirm'
import { formatCount, formatDateTime } from '../../ui/format'
import { notifyDone, notifyError } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { ErrorState, LoadingState } from '../../ui/states'
import { DeliveryLog } from './DeliveryLog'
import { EndpointForm } from './EndpointForm'
import { SecretReveal } from './SecretReveal'

export function WebhooksPage({ orgKind }: { orgKind: 'organizer' | 'sponsor' }) {
  const endpoints = useCommand('webhook-endpoints-list', {})
  const catalog = useCommand('webhook-event-types', {})
  const [isAdding, setIsAdding] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)

  async function act(run: () => Promise<unknown>, done: string) {
    try {
      await run()
      notifyDone(done)
      await endpoints.reload()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }
  async function rotate(endpoint: WebhookEndpointRecord) {
    const isSure = await confirmAction({
      action: 'Rotate secret',
      subject: endpoint.url,
      isDestructive: false,
      cancelLabel: 'Cancel',
      consequence:
        'A new secret signs from now on. The current one keeps signing beside it for 24 hours, then stops: update your receiver before then.',
    })
    if (!isSure) return
    try {
      const rotated = await desktop.invoke('webhook-endpoint-rotate', { id: endpoint.id })
      setSecret(rotated.secret)
      await endpoints.reload()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }
  async function remove(endpoint: WebhookEndpointRecord) {
    const isSure = await confirmAction({
      action: 'Delete endpoint',
      subject: endpoint.url,
      consequence: 'Nothing more is sent to it, and its delivery log is deleted. This cannot be undone.',
    })
    if (isSure)
      await act(() => desktop.invoke('webhook-endpoint-delete', { id: endpoint.id }), 'The endpoint was deleted.')
  }
  async function replayDead(endpoint: WebhookEndpointRecord) {
    const isSure = await confirmAction({
      action: 'Replay failed deliveries',
      subject: endpoint.url,
      isDestructive: false,
      cancelLabel: 'Cancel',
      consequence:
        'Every dead letter of this endpoint is sent again, with its original id so your receiver can tell it apart.',
    })
    if (!isSure) return
    try {
      const { replayed } = await desktop.invoke('webhook-endpoint-replay', { id: endpoint.id })
      notifyDone(
        replayed === 0
          ? 'There were no failed deliveries to replay.'
          : `${formatCount(replayed, 'delivery', 'deliveries')} sent again.`,
      )
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  const chosen = endpoints.data?.endpoints.find((e) => e.id === selected) ?? null
  return (
    <section aria-labelledby="webhooks-title">
      <PageHeader
        id="webhooks-title"
        title="Webhooks"
        description="Your backend hears what happens here: signed, retried, replayable."
        actions={
          <Button onClick={() => setIsAdding(true)} disabled={!catalog.data}>
            Add endpoint
          </Button>
        }
      />
      {endpoints.error && !endpoints.data ? (
        <ErrorState message={endpoints.error} onRetry={() => void endpoints.reload()} />
      ) : !endpoints.data ? (
        <LoadingState label="Reading your webhook endpoints…" />
      ) : (
        <Stack gap="lg">
          {endpoints.data.endpoints.length === 0 ? (
            <Text size="sm" role="status">
              No endpoint yet. Add one to start receiving events.
            </Text>
          ) : (
            <Table aria-label="Endpoints" striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">URL</Table.Th>
                  <Table.Th scope="col">Events</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {endpoints.data.endpoints.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Th scope="row">
                      <Text size="sm">{e.url}</Text>
                      {e.description && (
                        <Text size="xs" c="dimmed">
                          {e.description}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{e.events.join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={e.enabled ? 'teal.9' : 'gray.8'}>{e.enabled ? 'Enabled' : 'Disabled'}</Badge>
                      {e.disabled_reason && <Text size="xs">{e.disabled_reason}</Text>}
                      {e.previous_secret_expires_at && (
                        <Text size="xs">Old secret signs until {formatDateTime(e.previous_secret_expires_at)}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setSelected(e.id)}
                          aria-label={`Delivery log of ${e.url}`}
                        >
                          Delivery log
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() =>
                            void act(
                              () => desktop.invoke('webhook-endpoint-test', { id: e.id }),
                              'A test event is on its way.',
                            )
                          }
                          aria-label={`Send test event to ${e.url}`}
                        >
                          Send test event
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void rotate(e)}
                          aria-label={`Rotate secret of ${e.url}`}
                        >
                          Rotate secret
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void replayDead(e)}
                          aria-label={`Replay failed deliveries to ${e.url}`}
                        >
                          Replay failed
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() =>
                            void act(
                              () => desktop.invoke('webhook-endpoint-update', { id: e.id, enabled: !e.enabled }),
                              e.enabled ? 'The endpoint is disabled.' : 'The endpoint is enabled.',
                            )
                          }
                          aria-label={`${e.enabled ? 'Disable' : 'Enable'} ${e.url}`}
                        >
                          {e.enabled ? 'Disable' : 'Enable'}
                        </Button>
                        <Button size="xs" color="red.9" onClick={() => void remove(e)} aria-label={`Delete ${e.url}`}>
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {chosen && <DeliveryLog key={chosen.id} endpoint={chosen} />}
        </Stack>
      )}
      <EndpointForm
        opened={isAdding}
        types={catalog.data?.types ?? []}
        orgKind={orgKind}
        onClose={() => setIsAdding(false)}
        onCreated={(made) => {
          setIsAdding(false)
          setSecret(made)
          void endpoints.reload()
        }}
      />
      <SecretReveal secret={secret} onClose={() => setSecret(null)} />
    </section>
  )
}
