// Organizer, on an event's page: what the stats pipeline measured of the event's audience — the latest value
// of each hourly snapshot metric and the audience insights — or, plainly, that there is nothing yet.
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { AudienceRecord } from '../../../../shared/intelligence/intelligence-commands'
import { statMetricTerms } from '../../../../shared/intelligence/match-terms'
import { labelOf } from '../../../../shared/vocabulary'
import { useCommand } from '../../desktop/use-command'
import { formatRelative } from '../../ui/format'
import { Loadable } from '../../ui/states'

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10} %`
const seconds = (ms: number) => `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s`

export function metricInWords(key: string, value: number): string {
  if (key.endsWith('_ms_7d') || key.endsWith('_ms')) return seconds(value)
  if (key.includes('rate')) return percent(value)
  return Math.round(value).toLocaleString()
}

/** The largest shares first, as "US 60 %, CA 40 %": counts or shares alike are turned into shares of their sum. */
export function sharesInWords(values: Record<string, number>, top = 5): string {
  const entries = Object.entries(values).filter(([, v]) => v > 0)
  const total = entries.reduce((sum, [, v]) => sum + v, 0)
  if (total === 0) return 'Not measured yet'
  return entries
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, v]) => `${name} ${percent(v / total)}`)
    .join(', ')
}

function sentimentInWords(score: number): string {
  const mood = score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'mixed'
  return `${mood} (${score.toFixed(2)} on −1 to 1)`
}

function Facts({ label, facts }: { label: string; facts: [string, string][] }) {
  return (
    <SimpleGrid component="dl" aria-label={label} cols={{ base: 1, sm: 2 }} spacing="xs" m={0}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" size="xs" c="dimmed">
            {term}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  )
}

function AudienceFigures({ audience }: { audience: AudienceRecord }) {
  const { stats, insights } = audience
  if (stats.length === 0 && !insights)
    return (
      <Text size="sm" c="dimmed">
        No audience figures yet. They appear after the hourly roll-up once your systems send impressions, post views or
        ticket activity for this event.
      </Text>
    )
  const latest = stats.reduce<string | null>((at, s) => (at && at > s.captured_at ? at : s.captured_at), null)
  return (
    <Stack gap="sm">
      {stats.length > 0 ? (
        <div>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              Latest figures
            </Text>
            {latest && (
              <Text size="xs" c="dimmed">
                Measured {formatRelative(latest)}
              </Text>
            )}
          </Group>
          <Facts
            label="Latest audience figures"
            facts={stats.map((s) => [
              labelOf(statMetricTerms, s.metric_key),
              metricInWords(s.metric_key, s.metric_value),
            ])}
          />
        </div>
      ) : (
        <Text size="sm" c="dimmed">
          No hourly figures yet.
        </Text>
      )}
      {insights ? (
        <div>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              Audience insights
            </Text>
            <Text size="xs" c="dimmed">
              Updated {formatRelative(insights.updated_at)}
            </Text>
          </Group>
          <Facts
            label="Audience insights"
            facts={[
              ['Attendees', insights.attendee_count.toLocaleString()],
              ['Average viewing time', seconds(insights.avg_dwell_time_ms)],
              ['Engagement', percent(insights.engagement_score)],
              ['Ticket conversion', percent(insights.ticket_conversion_rate)],
              ['Where the audience is', sharesInWords(insights.geo_distribution)],
              ['Age groups', sharesInWords(insights.age_segments)],
              ['Social mentions', insights.social_mentions.toLocaleString()],
              [
                'Sentiment',
                insights.sentiment_score === null ? 'Not measured' : sentimentInWords(insights.sentiment_score),
              ],
            ]}
          />
        </div>
      ) : (
        <Text size="sm" c="dimmed">
          No audience insights yet.
        </Text>
      )}
    </Stack>
  )
}

export function AudiencePanel({ eventId }: { eventId: string }) {
  const audience = useCommand('event-audience', { eventId })
  return (
    <Paper component="section" aria-labelledby="audience-panel" withBorder radius="md" p="md" mt="md">
      <Title order={3} size="h5" id="audience-panel" mb="xs">
        Audience
      </Title>
      <Loadable query={audience} loading="Loading the audience figures…">
        {(data) => <AudienceFigures audience={data} />}
      </Loadable>
    </Paper>
  )
}
