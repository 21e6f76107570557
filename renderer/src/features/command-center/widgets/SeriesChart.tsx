// A time series drawn with @mantine/charts (recharts): leads per hour by intent, or GMV per day; hours shown
// in the workspace's time zone.
import { AreaChart, BarChart } from '@mantine/charts'
import { Text } from '@mantine/core'
import type { SeriesData } from '../../../../../shared/command-center'
import { formatCount, formatMoney } from '../../../ui/format'

export function SeriesChart({ data, timezone, height }: { data: SeriesData; timezone: string; height: number }) {
  const total = data.points.reduce(
    (sum, point) => sum + data.keys.reduce((n, key) => n + Number(point[key] ?? 0), 0),
    0,
  )
  if (data.series === 'leads_per_hour') {
    const hour = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: timezone })
    const rows = data.points.map((p) => ({ ...p, t: hour.format(new Date(p.t)) }))
    return (
      <>
        <Text size="xs" c="dimmed" data-series-total={total}>
          {formatCount(total, 'lead')} in the last {formatCount(data.points.length, 'hour')} ({timezone})
        </Text>
        <BarChart
          h={height}
          data={rows}
          dataKey="t"
          type="stacked"
          withLegend
          tickLine="none"
          series={[
            { name: 'hot', label: 'Hot', color: 'red.6' },
            { name: 'warm', label: 'Warm', color: 'orange.5' },
            { name: 'cold', label: 'Cold', color: 'blue.5' },
          ]}
        />
      </>
    )
  }
  return (
    <>
      <Text size="xs" c="dimmed" data-series-total={total}>
        {formatMoney(total, 'USD')} funded in the last {data.points.length} days
      </Text>
      <AreaChart
        h={height}
        data={data.points}
        dataKey="t"
        tickLine="none"
        valueFormatter={(v) => formatMoney(v, 'USD')}
        series={[{ name: 'gmv_cents', label: 'GMV', color: 'teal.6' }]}
      />
    </>
  )
}
