// Sponsor, in the marketplace: the events that fit the sponsor's profile best (score 50 % or more, with
// packages on sale, top 20), each with its score in five parts and the feedback buttons.
import { Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { EventMatchRecord } from '../../../../shared/intelligence/intelligence-commands'
import { useCommand } from '../../desktop/use-command'
import { formatCount, formatDate, formatMoney } from '../../ui/format'
import { Loadable } from '../../ui/states'
import { MatchFeedback } from './MatchFeedback'
import { ScoreBadge, ScoreBreakdown } from './ScoreBreakdown'

function about(match: EventMatchRecord): string {
  const place = [match.city, match.country].filter(Boolean).join(', ')
  return [formatDate(match.start_at), place, match.categories.join(', ')].filter(Boolean).join(' · ')
}

export function RecommendedEvents({ sponsorId }: { sponsorId: string }) {
  const query = useCommand('sponsor-event-recommendations', { sponsorId })
  const replace = (next: EventMatchRecord) =>
    query.data &&
    query.setData({ recommendations: query.data.recommendations.map((m) => (m.id === next.id ? next : m)) })
  return (
    <Paper component="section" aria-labelledby="recommended-events" withBorder radius="md" p="md" mb="md">
      <Title order={3} size="h5" id="recommended-events">
        Recommended events
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        Events with packages on sale that fit your profile at 50 % or more, best first. Your matching preferences are in
        Profile.
      </Text>
      <Loadable
        query={query}
        loading="Loading recommended events…"
        isEmpty={(data) => data.recommendations.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            No event fits your profile well enough yet. Fill in your matching preferences in Profile; scores are brought
            up to date every few minutes.
          </Text>
        }
      >
        {({ recommendations }) => (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            {recommendations.map((match) => (
              <Card key={match.id} component="article" aria-labelledby={`match-${match.id}`} withBorder padding="sm">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <div>
                      <Title order={4} size="h6" id={`match-${match.id}`}>
                        {match.title}
                      </Title>
                      <Text size="xs" c="dimmed">
                        {about(match)}
                      </Text>
                      <Text size="sm">
                        {formatCount(match.available_packages, 'package')} on sale, from{' '}
                        {formatMoney(match.from_price_cents, match.currency)}
                      </Text>
                    </div>
                    <ScoreBadge score={match.score} />
                  </Group>
                  <ScoreBreakdown metrics={match.overlap_metrics} label={`Why ${match.title} matches`} />
                  <MatchFeedback match={match} onChanged={(next) => replace({ ...match, ...next })} />
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Loadable>
    </Paper>
  )
}
