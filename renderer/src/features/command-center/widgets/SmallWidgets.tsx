// The funnel, the leaderboards, the capture ticker and a package's marketplace card.
import { BarChart } from '@mantine/charts'
import { Badge, Group, List, Stack, Table, Text } from '@mantine/core'
import type { FunnelData, LeaderboardData, MarketplaceCardData, TickerData } from '../../../../../shared/command-center'
import { formatMoney, formatRelative } from '../../../ui/format'

const stageWords: Record<string, string> = {
  proposals_sent: 'Proposals sent',
  proposals_accepted: 'Accepted',
  orders_funded: 'Orders funded',
  orders_released: 'Released',
}

export function FunnelView({ data, height }: { data: FunnelData; height: number }) {
  const rows = data.stages.map((s) => ({ stage: stageWords[s.stage] ?? s.stage, count: s.count }))
  return (
    <>
      <Text size="xs" c="dimmed">
        {rows.map((r) => `${r.stage}: ${r.count.toLocaleString()}`).join(' → ')}
      </Text>
      <BarChart
        h={height}
        data={rows}
        dataKey="stage"
        orientation="vertical"
        yAxisProps={{ width: 110 }}
        series={[{ name: 'count', label: 'Count', color: 'indigo.6' }]}
      />
    </>
  )
}

export function LeaderboardView({ data }: { data: LeaderboardData }) {
  if (!data.rows.length)
    return (
      <Text size="sm" c="dimmed">
        No captures yet.
      </Text>
    )
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">#</Table.Th>
          <Table.Th scope="col">{data.board === 'sponsors_by_leads' ? 'Sponsor' : 'Representative'}</Table.Th>
          <Table.Th scope="col">{data.board === 'sponsors_by_leads' ? 'Leads' : 'Captures'}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.rows.map((row, index) => (
          <Table.Tr key={row.id}>
            <Table.Td>{index + 1}</Table.Td>
            <Table.Td>{row.name}</Table.Td>
            <Table.Td>{row.value.toLocaleString()}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

const intentColor: Record<string, string> = { hot: 'red', warm: 'orange', cold: 'blue' }

export function TickerView({ data }: { data: TickerData }) {
  if (!data.captures.length)
    return (
      <Text size="sm" c="dimmed">
        No captures yet.
      </Text>
    )
  return (
    <List listStyleType="none" spacing={4} aria-label="Latest captures">
      {data.captures.map((capture) => (
        <List.Item key={capture.id}>
          <Group gap="xs" wrap="nowrap">
            <Badge size="sm" color={intentColor[capture.intent_level] ?? 'gray'} variant="light">
              {capture.intent_level}
            </Badge>
            <Text size="sm" truncate>
              {capture.sponsor}
            </Text>
            <Text size="xs" c="dimmed">
              {formatRelative(capture.captured_at)}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  )
}

const metricWords: Record<string, string> = {
  leads: 'Leads',
  proposals: 'Proposals',
  orders: 'Orders',
  sold: 'Sold',
  conversion_rate: 'Conversion',
}

export function MarketplaceCardView({ data, cta }: { data: MarketplaceCardData; cta: string }) {
  if (!data.package)
    return (
      <Text size="sm" c="dimmed">
        This package is no longer available.
      </Text>
    )
  return (
    <Stack gap={4}>
      <Text fw={600}>{data.package.title}</Text>
      <Text size="sm">
        {data.package.tier} · {formatMoney(data.package.price_cents, data.package.currency)} · {data.package.sold} of{' '}
        {data.package.inventory} sold
      </Text>
      <Group gap="md">
        {Object.entries(data.metrics).map(([key, value]) => (
          <Text key={key} size="sm">
            <b>
              {value === null
                ? '—'
                : key === 'conversion_rate'
                  ? `${Math.round(value * 100)} %`
                  : value.toLocaleString()}
            </b>{' '}
            {metricWords[key] ?? key}
          </Text>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        Call to action: {cta}
      </Text>
    </Stack>
  )
}
