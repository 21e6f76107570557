// Operations, for platform administrators only: the seeds' SLOs met or breached, job queues, the outbox
// readers' backlog, dead letters and admin alerts, from the same numbers /metrics exports. Refreshes itself.
import { Alert, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core'
import type { AlertRecord, OpsOverview, SloRecord } from '../../../../shared/ops/ops-overview'
import { humanize, sloStateTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { confirmAction } from '../../ui/confirm'
import { formatCount, formatDateTime } from '../../ui/format'
import { notifyError } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { StatusBadge } from '../../ui/StatusBadge'
import { ErrorState, LoadingState } from '../../ui/states'
import { REFRESH_MS, useOpsOverview } from './use-ops-overview'

function sloValue(slo: SloRecord) {
  if (slo.value === null) return '—'
  const value = Number.isInteger(slo.value)
    ? slo.value.toLocaleString()
    : slo.value.toLocaleString(undefined, { maximumFractionDigits: 2 })
  return `${value} ${slo.unit}`.trim()
}

export function OperationsPage() {
  const { data: access, error, reload } = useOpsOverview()
  if (error && !access) return <ErrorState message={error} onRetry={() => void reload()} />
  if (!access) return <LoadingState label="Reading the operations overview…" />
  if (!access.allowed)
    return (
      <Alert role="alert" color="gray">
        Operations data is for platform administrators only.
      </Alert>
    )
  const { overview } = access
  return (
    <section aria-labelledby="ops-title">
      <PageHeader
        id="ops-title"
        title="Operations"
        description={`As of ${formatDateTime(overview.generated_at)}; refreshes every ${REFRESH_MS / 1000} s.`}
        actions={
          <Button variant="default" onClick={() => void reload()}>
            Refresh now
          </Button>
        }
      />
      <Stack gap="lg">
        <SloTable slos={overview.slos} />
        <Queues overview={overview} />
        <Alerts alerts={overview.alerts} onChange={() => void reload()} />
      </Stack>
    </section>
  )
}

function SloTable({ slos }: { slos: SloRecord[] }) {
  const breached = slos.filter((slo) => slo.state === 'breached').length
  return (
    <div>
      <Title order={3} size="h4" id="slo-title">
        Service levels
      </Title>
      <Text size="sm" role="status" mb={4}>
        {breached === 0 ? 'No service level is breached.' : `${breached} of ${slos.length} service levels breached.`}
      </Text>
      <Table aria-labelledby="slo-title" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Service level</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">Now</Table.Th>
            <Table.Th scope="col">State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {slos.map((slo) => (
            <Table.Tr key={slo.key}>
              <Table.Th scope="row">{slo.label}</Table.Th>
              <Table.Td>{slo.target}</Table.Td>
              <Table.Td>{sloValue(slo)}</Table.Td>
              <Table.Td>
                <StatusBadge vocabulary={sloStateTerms} value={slo.state} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  )
}

function Queues({ overview }: { overview: OpsOverview }) {
  return (
    <div>
      <Title order={3} size="h4" id="queues-title">
        Job queues
      </Title>
      {overview.queues.length === 0 ? (
        <Text size="sm">No job has been queued yet.</Text>
      ) : (
        <Table aria-labelledby="queues-title" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Queue</Table.Th>
              <Table.Th scope="col">Waiting</Table.Th>
              <Table.Th scope="col">Oldest waiting</Table.Th>
              <Table.Th scope="col">Failed in the last hour</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.queues.map((queue) => (
              <Table.Tr key={queue.queue}>
                <Table.Th scope="row">{humanize(queue.queue)}</Table.Th>
                <Table.Td>{queue.depth.toLocaleString()}</Table.Td>
                <Table.Td>{queue.depth === 0 ? '—' : `${Math.round(queue.lagSeconds).toLocaleString()} s`}</Table.Td>
                <Table.Td>{queue.failedLastHour.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h4" mt="md">
        Domain events and webhooks
      </Title>
      <List size="sm" aria-label="Event backlog">
        {overview.outbox.map((reader) => (
          <List.Item key={reader.reader}>
            {humanize(reader.reader)}: {formatCount(reader.backlog, 'event')} not yet read
          </List.Item>
        ))}
        <List.Item>
          Dead-lettered webhooks:{' '}
          {overview.dead_letters === null ? 'webhook delivery is not set up' : overview.dead_letters.toLocaleString()}
        </List.Item>
      </List>
    </div>
  )
}

function Alerts({ alerts, onChange }: { alerts: AlertRecord[]; onChange: () => void }) {
  const open = alerts.filter((alert) => !alert.acknowledged_at)
  async function acknowledge(alert: AlertRecord) {
    const isSure = await confirmAction({
      action: 'Mark as seen to',
      subject: alert.message,
      isDestructive: false,
      cancelLabel: 'Cancel',
      consequence: 'It stays in the list, marked with the time and your name.',
    })
    if (!isSure) return
    try {
      await desktop.invoke('ops-alert-acknowledge', { alertId: alert.id })
      onChange()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }
  return (
    <div>
      <Title order={3} size="h4" id="alerts-title">
        Alerts
      </Title>
      <Text size="sm" role="status" mb={4}>
        {open.length === 0
          ? 'No alert needs attention.'
          : `${formatCount(open.length, 'alert')} ${open.length === 1 ? 'needs' : 'need'} attention.`}
      </Text>
      <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="alerts-title">
        {alerts.map((alert) => (
          <Paper component="li" key={alert.id} withBorder px="sm" py={6}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm">{alert.message}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(alert.created_at)}
                </Text>
              </div>
              {alert.acknowledged_at ? (
                <Text size="sm" c="teal.8">
                  Seen to {formatDateTime(alert.acknowledged_at)}
                </Text>
              ) : (
                <Button size="xs" onClick={() => void acknowledge(alert)}>
                  Mark as seen to
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </div>
  )
}
