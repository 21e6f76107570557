// The reviewer's part: approve the proof (the last approval of an order releases its escrow), send it back with
// what must change, or waive it. Each asks first, naming the deliverable and the sponsor.
import { useState } from 'react'
import { Button, Group, Stack, Text, Textarea } from '@mantine/core'
import type { DeliverableDetail } from '../../../../shared/commerce/fulfillment-records'
import { deliverableReviewTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { confirmAction } from '../../ui/confirm'
import { notifyDone } from '../../ui/notify'
import { deliverableTitle } from './deliverable-words'

type Review = keyof typeof deliverableReviewTerms

export function ReviewActions({
  deliverable: d,
  onReviewed,
}: {
  deliverable: DeliverableDetail
  onReviewed: (detail: DeliverableDetail) => void
}) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState<Review | null>(null)
  const can = (action: Review) => d.allowed_actions.includes(action)
  if (!can('approve') && !can('needs_changes') && !can('waive')) return null
  const subject = `${deliverableTitle(d)} for ${d.sponsor_name}`

  async function review(action: Review) {
    setProblem(null)
    if (action === 'needs_changes' && !reason.trim()) return setProblem('Say what needs to change first.')
    const isSure = await confirmAction({
      action: deliverableReviewTerms[action].label,
      subject,
      isDestructive: action === 'waive',
      consequence:
        action === 'approve'
          ? 'The proof is accepted. When every deliverable of its order is approved or waived, the escrow is released to the organizer.'
          : action === 'needs_changes'
            ? `It goes back with your reason: “${reason.trim()}”. A new proof submits it again.`
            : 'Nothing more is owed for it, and it no longer holds the escrow back. This cannot be undone.',
    })
    if (!isSure) return
    setBusy(action)
    try {
      const next = await desktop.invoke('deliverable-review', {
        id: d.id,
        action,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      setReason('')
      notifyDone(
        action === 'approve' ? `Approved ${subject}.` : action === 'waive' ? `Waived ${subject}.` : 'Sent back.',
      )
      onReviewed(next)
    } catch (failure) {
      setProblem(errorText(failure))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Stack gap="xs" role="group" aria-label="Review">
      <Text size="sm" fw={600}>
        Your review
      </Text>
      {can('needs_changes') && (
        <Textarea
          label="What needs to change (to send it back)"
          autosize
          minRows={1}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      <Group gap="xs">
        {can('approve') && (
          <Button color="teal.9" loading={busy === 'approve'} onClick={() => void review('approve')}>
            {deliverableReviewTerms.approve.label}
          </Button>
        )}
        {can('needs_changes') && (
          <Button variant="default" loading={busy === 'needs_changes'} onClick={() => void review('needs_changes')}>
            {deliverableReviewTerms.needs_changes.label}
          </Button>
        )}
        {can('waive') && (
          <Button variant="default" loading={busy === 'waive'} onClick={() => void review('waive')}>
            {deliverableReviewTerms.waive.label}…
          </Button>
        )}
      </Group>
      {problem && (
        <Text size="sm" c="red.8" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  )
}
