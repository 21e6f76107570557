// The buttons a person records a match's funnel with (seen, contacted, good fit, not a fit) and whether the
// suggestion was useful, with an optional reason. Each goes straight to the server; the card shows the answer.
import { useState } from 'react'
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core'
import type { MatchRecord } from '../../../../shared/intelligence/intelligence-commands'
import {
  feedbackReasonTerms,
  matchActionTerms,
  matchActions,
  matchStatusTerms,
  type FeedbackReason,
  type MatchAction,
} from '../../../../shared/intelligence/match-terms'
import { choicesOf } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { formatRelative } from '../../ui/format'
import { notifyError } from '../../ui/notify'
import { StatusBadge } from '../../ui/StatusBadge'

type Funnel = Pick<MatchRecord, 'id' | 'status' | 'viewed_at' | 'contacted_at'>

export function funnelInWords(match: Funnel): string {
  const steps = [
    match.viewed_at ? `seen ${formatRelative(match.viewed_at)}` : 'not seen yet',
    match.contacted_at ? `contacted ${formatRelative(match.contacted_at)}` : null,
  ]
  return steps.filter(Boolean).join(' · ')
}

export function MatchFeedback({ match, onChanged }: { match: Funnel; onChanged: (match: MatchRecord) => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [reason, setReason] = useState<FeedbackReason | ''>('')
  const [answer, setAnswer] = useState<string | null>(null)

  async function act(action: MatchAction) {
    setBusy(action)
    try {
      onChanged(await desktop.invoke('match-act', { id: match.id, action }))
    } catch (failure) {
      notifyError(errorText(failure))
    } finally {
      setBusy(null)
    }
  }

  async function feedback(useful: boolean) {
    setBusy(useful ? 'useful' : 'not-useful')
    try {
      await desktop.invoke('match-feedback', { id: match.id, useful, ...(reason ? { reason } : {}) })
      setAnswer(
        useful
          ? 'Thank you: you said this suggestion was useful.'
          : 'Thank you: you said this suggestion was not useful; it will not be suggested again.',
      )
    } catch (failure) {
      notifyError(errorText(failure))
    } finally {
      setBusy(null)
    }
  }

  const done = (action: MatchAction) =>
    (action === 'viewed' && match.viewed_at !== null) ||
    (action === 'contacted' && match.contacted_at !== null) ||
    match.status === action
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <StatusBadge vocabulary={matchStatusTerms} value={match.status} />
        <Text size="xs" c="dimmed">
          {funnelInWords(match)}
        </Text>
      </Group>
      <Group gap={6} role="group" aria-label="Record what happened">
        {matchActions.map((action) => (
          <Button
            key={action}
            size="compact-sm"
            variant={done(action) ? 'light' : 'default'}
            aria-pressed={done(action)}
            loading={busy === action}
            title={matchActionTerms[action].hint}
            onClick={() => void act(action)}
          >
            {matchActionTerms[action].label}
          </Button>
        ))}
      </Group>
      {answer ? (
        <Text size="sm" role="status">
          {answer}
        </Text>
      ) : (
        <Group gap={6} align="flex-end" role="group" aria-label="Was this suggestion useful?">
          <Text size="sm">Was this suggestion useful?</Text>
          <Button size="compact-sm" variant="default" loading={busy === 'useful'} onClick={() => void feedback(true)}>
            Useful
          </Button>
          <NativeSelect
            size="xs"
            aria-label="Why not (optional)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as FeedbackReason | '')}
            data={[{ value: '', label: 'Why not? (optional)' }, ...choicesOf(feedbackReasonTerms)]}
          />
          <Button
            size="compact-sm"
            variant="default"
            loading={busy === 'not-useful'}
            onClick={() => void feedback(false)}
          >
            Not useful
          </Button>
        </Group>
      )}
    </Stack>
  )
}
