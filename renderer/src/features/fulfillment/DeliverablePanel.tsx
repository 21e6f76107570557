// One deliverable: what it asks and by when, its proof history (each proof's hash chained to the one before),
// the reviews, its order's service levels, and what the reader's side may do now — prove it, or review it.
import { useState } from 'react'
import { Alert, Button, CloseButton, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { Side } from '../../../../shared/commerce/commerce-records'
import type { DeliverableDetail } from '../../../../shared/commerce/fulfillment-records'
import { deliverableStatusTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { StatusBadge } from '../../ui/StatusBadge'
import { ErrorState, LoadingState } from '../../ui/states'
import { deliverableTitle, dueWords, nextStepWords, specWords } from './deliverable-words'
import { ProofForm } from './ProofForm'
import { ProofHistory } from './ProofHistory'
import { ReviewActions } from './ReviewActions'
import { SlaTable } from './SlaTable'

export function DeliverablePanel({
  id,
  side,
  onClose,
  onChanged,
}: {
  id: string
  side: Side
  onClose: () => void
  onChanged: () => void
}) {
  const detail = useCommand('deliverable-detail', { id }, { live: liveOn.commerce('deliverable') })
  const [chain, setChain] = useState<string | null>(null)
  if (detail.error) return <ErrorState message={detail.error} onRetry={() => void detail.reload()} />
  if (!detail.data) return <LoadingState label="Loading the deliverable…" />
  const d = detail.data
  const title = deliverableTitle(d)
  const changed = (next: DeliverableDetail) => {
    detail.setData(next)
    setChain(null)
    onChanged()
  }
  async function verify() {
    try {
      const result = await desktop.invoke('deliverable-verify', { id })
      setChain(
        result.is_intact
          ? `The proof chain is intact: ${result.proofs.length} proof${result.proofs.length === 1 ? '' : 's'}, each file matching its hash.`
          : `The proof chain is broken: ${result.proofs
              .flatMap((p) => p.problems.map((problem) => `proof ${p.seq}: ${problem}`))
              .join('; ')}`,
      )
    } catch (failure) {
      setChain(errorText(failure))
    }
  }

  return (
    <Paper
      component="aside"
      aria-label={`Deliverable ${title}`}
      withBorder
      radius="md"
      p="md"
      w={460}
      style={{ flexShrink: 0 }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {d.sponsor_name} · {d.event_title}
            </Text>
          </div>
          <CloseButton aria-label="Close the deliverable" onClick={onClose} />
        </Group>
        <Group gap="xs">
          <StatusBadge vocabulary={deliverableStatusTerms} value={d.status} withHint />
          <Text size="sm" c={d.is_overdue ? 'red.8' : undefined}>
            {dueWords(d)}
          </Text>
          <Text size="sm">· {nextStepWords(d, side)}</Text>
        </Group>
        {specWords(d.spec) && <Text size="sm">Asked for: {specWords(d.spec)}</Text>}
        <Text size="sm" c="dimmed">
          {d.responsible_side === side ? 'Your side proves it' : 'The other side proves it'}
          {d.evidence_required ? '; a proof is required before it can be approved.' : '.'}
        </Text>
        {d.status === 'needs_changes' && d.last_reason && (
          <Alert color="orange" variant="light" title="Changes asked">
            {d.last_reason}
          </Alert>
        )}
        <ProofHistory deliverable={d} />
        {d.proof_count > 0 && (
          <Group gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => void verify()}>
              Check the proof chain
            </Button>
            {chain && (
              <Text size="sm" role="status">
                {chain}
              </Text>
            )}
          </Group>
        )}
        {d.allowed_actions.includes('submit') && <ProofForm deliverableId={id} onSubmitted={changed} />}
        <ReviewActions deliverable={d} onReviewed={changed} />
        {d.reviews.length > 0 && (
          <Stack gap={2} role="group" aria-label="Reviews">
            <Text size="sm" fw={600}>
              Reviews
            </Text>
            {d.reviews.map((review) => (
              <Text key={`${review.created_at}-${review.action}`} size="sm">
                {new Date(review.created_at).toLocaleString()} · {review.reviewed_by_name ?? 'Someone'} (
                {review.reviewed_side}) — {review.action.replaceAll('_', ' ')}
                {review.reason ? `: ${review.reason}` : ''}
              </Text>
            ))}
          </Stack>
        )}
        <SlaTable slas={d.slas} />
      </Stack>
    </Paper>
  )
}
