// A KPI tile: the number, its trend against the previous period (or progress to its goal), in words too.
import { Group, Progress, Stack, Text, useComputedColorScheme } from '@mantine/core'
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from '@tabler/icons-react'
import type { KpiData } from '../../../../../shared/command-center'
import { formatMoney } from '../../../ui/format'

const show = (value: number, unit: KpiData['unit']) =>
  unit === 'cents' ? formatMoney(value, 'USD') : value.toLocaleString()

function Trend({ value, previous }: { value: number; previous: number }) {
  const change = value - previous
  // Dark shades on a light card, light shades on a dark one: readable (4.5:1) either way.
  const isDark = useComputedColorScheme('light') === 'dark'
  const tone = (color: string) => `${color}.${isDark ? 3 : 9}`
  const Icon = change > 0 ? IconArrowUpRight : change < 0 ? IconArrowDownRight : IconMinus
  const words =
    change === 0
      ? 'Same as the previous period'
      : `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change).toLocaleString()} on the previous period (${previous.toLocaleString()})`
  return (
    <Group gap={4} c={change > 0 ? tone('teal') : change < 0 ? tone('red') : 'dimmed'}>
      <Icon size={16} aria-hidden="true" />
      <Text size="xs">{words}</Text>
    </Group>
  )
}

const breakdownWords: Record<string, string> = {
  funded: 'funded',
  locked: 'locked',
  released: 'released',
  pending_cents: 'pending',
  paid_cents: 'paid',
}

export function KpiTile({ data }: { data: KpiData }) {
  const goalShare = data.goal ? Math.min(100, (data.value / data.goal) * 100) : null
  return (
    <Stack gap={6}>
      <Text fz={30} fw={700} lh={1.1} data-kpi-value={data.value}>
        {show(data.value, data.unit)}
      </Text>
      {data.previous !== null && <Trend value={data.value} previous={data.previous} />}
      {goalShare !== null && (
        <>
          <Progress value={goalShare} aria-label={`${Math.round(goalShare)} % of the goal`} size="sm" />
          <Text size="xs" c="dimmed">
            {Math.round(goalShare)} % of {show(data.goal!, data.unit)}
          </Text>
        </>
      )}
      {data.breakdown && (
        <Text size="xs" c="dimmed">
          {Object.entries(data.breakdown)
            .map(
              ([key, value]) =>
                `${key.endsWith('_cents') ? formatMoney(value, 'USD') : value.toLocaleString()} ${breakdownWords[key] ?? key}`,
            )
            .join(' · ')}
        </Text>
      )}
    </Stack>
  )
}
