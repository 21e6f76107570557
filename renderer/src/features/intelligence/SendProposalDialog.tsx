// Organizer: a proposal to a recommended sponsor, prefilled (the event's first published package at its
// price, a message naming the match's strongest parts). Sending starts the proposal thread the usual way
// (proposal-create), marks the match contacted and opens the thread in Proposals.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { Alert, Anchor, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core'
import type { SponsorMatchRecord } from '../../../../shared/intelligence/intelligence-commands'
import { matchPartTerms, matchParts } from '../../../../shared/intelligence/match-terms'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { formatMoney } from '../../ui/format'
import { MoneyInput } from '../../ui/MoneyInput'
import { notifyDone } from '../../ui/notify'
import { LoadingState } from '../../ui/states'
import { partValue } from './ScoreBreakdown'

/** The opening message: the sponsor, the event and the two strongest parts of the match, in words. */
export function proposalMessage(match: SponsorMatchRecord, eventTitle: string): string {
  const strongest = [...matchParts]
    .sort((a, b) => partValue(match.overlap_metrics, b) - partValue(match.overlap_metrics, a))
    .slice(0, 2)
    .map((part) => matchPartTerms[part].label.toLowerCase())
  return `Hello ${match.company_name}, we think ${eventTitle} is a good match for you (${strongest.join(' and ')}). Would you like to sponsor it?`
}

export function SendProposalDialog({
  match,
  eventId,
  eventTitle,
  onClose,
  onSent,
}: {
  match: SponsorMatchRecord
  eventId: string
  eventTitle: string
  onClose: () => void
  onSent: (match: SponsorMatchRecord) => void
}) {
  const packages = useCommand('packages-list', { eventId })
  const list = [...(packages.data?.packages ?? [])].sort((a, b) => Number(b.is_active) - Number(a.is_active))
  const [packageId, setPackageId] = useState<string | null>(null)
  const chosen = list.find((p) => p.id === packageId) ?? list[0]
  const [priceCents, setPriceCents] = useState<number | null>(null)
  const [body, setBody] = useState(() => proposalMessage(match, eventTitle))
  const [problem, setProblem] = useState<string | null>(null)
  const [isSending, setIsSending] = useState(false)
  const navigate = useNavigate()
  const price = priceCents ?? chosen?.price_cents ?? null

  async function send() {
    if (!chosen) return
    if (price === null || price < 50) return setProblem('Ask for at least $0.50.')
    setIsSending(true)
    setProblem(null)
    try {
      const thread = await desktop.invoke('proposal-create', {
        eventId,
        sponsorId: match.sponsor_id,
        packageId: chosen.id,
        body,
        priceCents: price,
      })
      const contacted = await desktop.invoke('match-act', { id: match.id, action: 'contacted' })
      notifyDone(`Proposal sent to ${match.company_name}.`)
      navigate(`/proposals?open=${thread.id}`)
      onSent({ ...match, ...contacted })
    } catch (failure) {
      setProblem(errorText(failure))
      setIsSending(false)
    }
  }

  return (
    <Modal opened onClose={onClose} size="lg" title={`Send a proposal to ${match.company_name}`}>
      {packages.data === null && !packages.error ? (
        <LoadingState label="Loading the event’s packages…" />
      ) : !chosen ? (
        <Alert color="blue" variant="light">
          {eventTitle} has no packages yet: a proposal is about a package.{' '}
          <Anchor component={Link} to="/packages">
            Create one in Packages
          </Anchor>
          .
        </Alert>
      ) : (
        <form
          aria-label="Proposal"
          onSubmit={(e) => {
            e.preventDefault()
            void send()
          }}
        >
          <Stack gap="sm">
            <NativeSelect
              label="Package"
              value={chosen.id}
              onChange={(e) => {
                setPackageId(e.currentTarget.value)
                setPriceCents(null)
              }}
              data={list.map((p) => ({
                value: p.id,
                label: `${p.title} (${formatMoney(p.price_cents, p.currency)}${p.is_active ? '' : ', draft'})`,
              }))}
            />
            <MoneyInput
              label={`Price (${chosen.currency})`}
              cents={price}
              onCents={setPriceCents}
              currency={chosen.currency}
            />
            <Textarea
              label="Message"
              autosize
              minRows={3}
              maxLength={10000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            {problem && (
              <Text role="alert" c="red.8" size="sm">
                {problem}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={isSending}>
                Send proposal
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
