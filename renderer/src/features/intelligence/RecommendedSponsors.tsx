// Organizer, on an event's page: the sponsors that fit the event best (score 60 % or more, top 10), each with
// its score in five parts, the feedback buttons and a prefilled proposal.
import { useState } from 'react'
import { Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { SponsorMatchRecord } from '../../../../shared/intelligence/intelligence-commands'
import { companySizeTerms } from '../../../../shared/intelligence/match-terms'
import { labelOf } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { notifyDone, notifyError } from '../../ui/notify'
import { Loadable } from '../../ui/states'
import { MatchFeedback } from './MatchFeedback'
import { ScoreBadge, ScoreBreakdown } from './ScoreBreakdown'
import { SendProposalDialog } from './SendProposalDialog'

function about(match: SponsorMatchRecord): string {
  const facts = [
    match.industry,
    match.category && match.category !== match.industry ? match.category : null,
    match.company_size ? labelOf(companySizeTerms, match.company_size) : null,
  ]
  return facts.filter(Boolean).join(' · ') || 'No industry given'
}

export function RecommendedSponsors({ eventId, eventTitle }: { eventId: string; eventTitle: string }) {
  const query = useCommand('event-sponsor-recommendations', { eventId })
  const [proposing, setProposing] = useState<SponsorMatchRecord | null>(null)
  const replace = (next: SponsorMatchRecord) =>
    query.data &&
    query.setData({ recommendations: query.data.recommendations.map((m) => (m.id === next.id ? next : m)) })

  async function rescore() {
    try {
      await desktop.invoke('matches-recompute', { eventId })
      notifyDone('Asked for fresh scores: new matches appear within a few minutes.')
      await query.reload()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  return (
    <Paper component="section" aria-labelledby="recommended-sponsors" withBorder radius="md" p="md" mt="md">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={3} size="h5" id="recommended-sponsors">
            Recommended sponsors
          </Title>
          <Text size="xs" c="dimmed">
            Sponsors whose profile fits this event at 60 % or more, best first.
          </Text>
        </div>
        <Button size="xs" variant="default" onClick={() => void rescore()}>
          Score again
        </Button>
      </Group>
      <Loadable
        query={query}
        loading="Loading recommended sponsors…"
        isEmpty={(data) => data.recommendations.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            No sponsor fits this event well enough yet. Scores follow sponsors’ profiles and your audience figures, and
            are brought up to date every few minutes.
          </Text>
        }
      >
        {({ recommendations }) => (
          <Stack gap="sm">
            {recommendations.map((match) => (
              <Card key={match.id} component="article" aria-labelledby={`match-${match.id}`} withBorder padding="sm">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start">
                    <div>
                      <Title order={4} size="h6" id={`match-${match.id}`}>
                        {match.company_name}
                      </Title>
                      <Text size="xs" c="dimmed">
                        {about(match)}
                      </Text>
                    </div>
                    <Group gap="xs">
                      <ScoreBadge score={match.score} />
                      <Button size="xs" onClick={() => setProposing(match)}>
                        Send a proposal
                      </Button>
                    </Group>
                  </Group>
                  <ScoreBreakdown metrics={match.overlap_metrics} label={`Why ${match.company_name} matches`} />
                  <MatchFeedback match={match} onChanged={(next) => replace({ ...match, ...next })} />
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </Loadable>
      {proposing && (
        <SendProposalDialog
          match={proposing}
          eventId={eventId}
          eventTitle={eventTitle}
          onClose={() => setProposing(null)}
          onSent={(next) => {
            replace(next)
            setProposing(null)
          }}
        />
      )}
    </Paper>
  )
}
