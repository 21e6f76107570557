// Sponsor admins: the leads at a glance from /leads/stats — by hour, by intent, by representative, and the
// follow-up funnel. Each chart has its figures in words beside it (screen readers and copying read those).
import { useState } from 'react'
import { Alert, Group, NativeSelect, Paper, SimpleGrid, Text, Title } from '@mantine/core'
import { BarChart } from '@mantine/charts'
import { followUpTerms, intentLevelTerms, labelOf } from '../../../../shared/vocabulary'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { formatCount, formatShortDateTime } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, ErrorState, Loadable, LoadingState } from '../../ui/states'
import { useOwnSponsor } from '../profile/use-own-sponsor'

/** The figures are in words under each chart: the drawing itself is not a stop for the keyboard. */
const noFocus = { accessibilityLayer: false }
const intentColor = { hot: 'red.7', warm: 'orange.6', cold: 'blue.6' } as const

function Chart({ title, summary, children }: { title: string; summary: string; children: React.ReactNode }) {
  const id = `chart-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <Paper component="figure" withBorder radius="md" p="md" m={0} aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <div aria-hidden="true">{children}</div>
      <Text component="figcaption" size="sm" mt="xs" data-chart-summary>
        {summary}
      </Text>
    </Paper>
  )
}

export function AnalyticsPage({ orgId }: { orgId: string | null }) {
  const own = useOwnSponsor(orgId)
  const [eventId, setEventId] = useState('')
  const stats = useCommand(
    'lead-stats',
    own.sponsor && own.isAdmin ? { sponsorId: own.sponsor.id, ...(eventId ? { eventId } : {}) } : null,
    { live: liveOn.sync() },
  )

  return (
    <section aria-labelledby="analytics-title">
      <PageHeader
        id="analytics-title"
        title="Analytics"
        description="Your leads by hour, intent and representative, and how far follow-up has got."
        actions={
          own.sponsor &&
          own.isAdmin && (
            <NativeSelect
              aria-label="Event"
              value={eventId}
              onChange={(e) => setEventId(e.currentTarget.value)}
              data={[
                { value: '', label: 'All events' },
                ...own.sponsor.events.map((event) => ({ value: event.event_id, label: event.title })),
              ]}
            />
          )
        }
      />
      {own.error && <ErrorState message={own.error} />}
      {own.isLoading && <LoadingState label="Loading your sponsor…" />}
      {!own.isLoading && !own.sponsor && !own.error && (
        <EmptyState title="No sponsor here yet" description="This organization is not a sponsor at any event yet." />
      )}
      {own.sponsor && !own.isAdmin && (
        <Alert color="blue" variant="light">
          Analytics are for your sponsor’s admins. Ask one of them to change your role if you need them.
        </Alert>
      )}
      {own.sponsor && own.isAdmin && (
        <Loadable
          query={stats}
          loading="Loading the figures…"
          isEmpty={(data) => data.total + data.archived === 0}
          empty={
            <EmptyState
              title="No leads yet"
              description="Figures appear here once your booth captures its first lead."
            />
          }
        >
          {(data) => {
            const hours = data.by_hour.map((row) => ({ hour: formatShortDateTime(row.hour), leads: row.leads }))
            const intent = (['hot', 'warm', 'cold'] as const).map((level) => ({
              level: labelOf(intentLevelTerms, level),
              leads: data.by_intent_level[level],
            }))
            const reps = data.by_rep.map((row) => ({ name: row.name ?? 'Unknown', leads: row.leads }))
            const funnel = (Object.keys(followUpTerms) as (keyof typeof followUpTerms)[]).map((status) => ({
              status: labelOf(followUpTerms, status),
              leads: data.by_follow_up_status[status] ?? 0,
            }))
            const list = <T extends { leads: number }>(rows: T[], name: (row: T) => string) =>
              rows.map((row) => `${name(row)}: ${row.leads}`).join(', ') || 'none yet'
            return (
              <>
                <Group gap="lg" mb="md" aria-label="Totals" role="group">
                  <Text size="sm">
                    <b>{data.total.toLocaleString()}</b> active leads
                  </Text>
                  <Text size="sm">
                    <b>{data.starred.toLocaleString()}</b> starred
                  </Text>
                  <Text size="sm">
                    <b>{data.archived.toLocaleString()}</b> archived
                  </Text>
                </Group>
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <Chart title="Leads by hour" summary={`By hour: ${list(hours, (row) => row.hour)}.`}>
                    <BarChart
                      h={220}
                      barChartProps={noFocus}
                      data={hours}
                      dataKey="hour"
                      series={[{ name: 'leads', label: 'Leads', color: 'teal.6' }]}
                      tickLine="y"
                    />
                  </Chart>
                  <Chart title="Leads by intent" summary={`By intent: ${list(intent, (row) => row.level)}.`}>
                    <BarChart
                      h={220}
                      barChartProps={noFocus}
                      data={[{ label: 'Leads', ...data.by_intent_level }]}
                      dataKey="label"
                      withLegend
                      tickLine="y"
                      series={(['hot', 'warm', 'cold'] as const).map((level) => ({
                        name: level,
                        label: labelOf(intentLevelTerms, level),
                        color: intentColor[level],
                      }))}
                    />
                  </Chart>
                  <Chart
                    title="Leads by representative"
                    summary={`By representative: ${list(reps, (row) => row.name)}.`}
                  >
                    <BarChart
                      h={220}
                      barChartProps={noFocus}
                      data={reps}
                      dataKey="name"
                      orientation="vertical"
                      series={[{ name: 'leads', label: 'Leads', color: 'indigo.6' }]}
                      yAxisProps={{ width: 110 }}
                    />
                  </Chart>
                  <Chart
                    title="Follow-up funnel"
                    summary={`Follow-up: ${list(funnel, (row) => row.status)}. ${formatCount(data.total, 'lead')} in all.`}
                  >
                    <BarChart
                      h={220}
                      barChartProps={noFocus}
                      data={funnel}
                      dataKey="status"
                      orientation="vertical"
                      series={[{ name: 'leads', label: 'Leads', color: 'grape.6' }]}
                      yAxisProps={{ width: 110 }}
                    />
                  </Chart>
                </SimpleGrid>
              </>
            )
          }}
        </Loadable>
      )}
    </section>
  )
}
