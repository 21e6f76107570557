// One proposal: every message with its offer, and the actions open to your side. Accepting and rejecting are
// confirmed with the package, the other party and the amount named; the thread updates itself when the other side acts.
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Alert, Anchor, Button, CloseButton, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import type { Side } from '../../../../shared/commerce/commerce-records'
import type { CommandArgs } from '../../../../shared/desktop-api'
import {
  benefitLabel,
  labelOf,
  proposalActionTerms,
  proposalStatusTerms,
  sideTerms,
} from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { confirmAction } from '../../ui/confirm'
import { formatDateTime, formatMoney } from '../../ui/format'
import { MoneyInput } from '../../ui/MoneyInput'
import { notifyDone } from '../../ui/notify'
import { StatusBadge } from '../../ui/StatusBadge'
import { ErrorState, LoadingState } from '../../ui/states'

type Action = CommandArgs<'proposal-act'>['action']

export function ThreadView({ id, side, onClose }: { id: string; side: Side; onClose: () => void }) {
  const live = liveOn.any(liveOn.commerce('proposal'))
  const thread = useCommand('proposal-get', { id }, { live })
  const [priceCents, setPriceCents] = useState<number | null>(null)
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  const t = thread.data
  if (!t)
    return (
      <Paper withBorder p="md" w={420}>
        {thread.error ? <ErrorState message={thread.error} /> : <LoadingState label="Loading the proposal…" />}
      </Paper>
    )
  const other = side === 'organizer' ? t.sponsor_name : 'the organizer'
  const offered = t.latest_offer ? formatMoney(t.latest_offer.price_cents, 'USD') : undefined

  async function act(action: Action) {
    if (
      action === 'accept' &&
      !(await confirmAction({
        action: 'Accept offer',
        subject: `${t!.package_title} with ${t!.sponsor_name}`,
        amount: offered,
        isDestructive: false,
        consequence:
          side === 'organizer'
            ? `An order is created for ${offered ?? 'the offered price'}; ${t!.sponsor_name} then pays it into escrow.`
            : `You agree to pay ${offered ?? 'the offered price'}; an order is created for you to fund.`,
      }))
    )
      return
    if (
      action === 'reject' &&
      !(await confirmAction({
        action: 'Reject',
        subject: `${t!.package_title} with ${t!.sponsor_name}`,
        amount: offered,
        consequence: `The negotiation ends; ${other} is told. It cannot be reopened.`,
      }))
    )
      return
    if (action === 'counter' && (priceCents === null || priceCents < 50))
      return setProblem('Counter with a price of at least $0.50.')
    setIsBusy(true)
    try {
      const result = await desktop.invoke('proposal-act', {
        id,
        action,
        ...(body ? { body } : {}),
        ...(action === 'counter' ? { priceCents: priceCents! } : {}),
      })
      thread.setData(result.proposal)
      setBody('')
      setPriceCents(null)
      setProblem(null)
      if (result.order) notifyDone(`Accepted: the order for ${t!.package_title} is created.`)
    } catch (failure) {
      setProblem(errorText(failure))
    } finally {
      setIsBusy(false)
    }
  }

  const can = (action: Action) => t.allowed_actions.includes(action)
  return (
    <Paper component="article" aria-label="Proposal thread" withBorder p="md" w={440}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {t.package_title}
            </Title>
            <Group gap="xs">
              <Text size="sm">{t.sponsor_name}</Text>
              <StatusBadge vocabulary={proposalStatusTerms} value={t.status} size="sm" />
            </Group>
          </div>
          <CloseButton aria-label="Close the proposal" onClick={onClose} />
        </Group>
        <List aria-label="Offer history" type="ordered" size="sm" spacing={6}>
          {t.messages.map((m) => (
            <List.Item key={m.id}>
              <Text size="sm">
                <strong>{labelOf(sideTerms, m.sender_type)}</strong>: {m.body || 'No message'}
                {m.offer && (
                  <>
                    {' '}
                    — offer {formatMoney(m.offer.price_cents, 'USD')}
                    {m.offer.benefits_delta
                      ? ` + ${Object.keys(m.offer.benefits_delta).map(benefitLabel).join(', ')}`
                      : ''}{' '}
                    (package version {m.package_version})
                  </>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(m.created_at)}
              </Text>
            </List.Item>
          ))}
        </List>
        {t.order_id && (
          <Anchor component={Link} to={`/orders?id=${t.order_id}`}>
            View the order
          </Anchor>
        )}
        {problem && (
          <Alert role="alert" color="red" variant="light">
            {problem}
          </Alert>
        )}
        {t.allowed_actions.length > 0 && (
          <Stack gap="xs">
            <TextInput
              label="Message"
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              maxLength={10000}
            />
            {can('counter') && <MoneyInput label="Counter price (USD)" cents={priceCents} onCents={setPriceCents} />}
            <Group gap="xs">
              {can('send') && (
                <Button loading={isBusy} onClick={() => void act('send')}>
                  {proposalActionTerms.send.label}
                </Button>
              )}
              {can('accept') && (
                <Button color="teal.9" loading={isBusy} onClick={() => void act('accept')}>
                  {proposalActionTerms.accept.label}
                </Button>
              )}
              {can('counter') && (
                <Button
                  variant="default"
                  disabled={priceCents === null}
                  loading={isBusy}
                  onClick={() => void act('counter')}
                >
                  {proposalActionTerms.counter.label}
                </Button>
              )}
              {can('reject') && (
                <Button variant="light" color="red" loading={isBusy} onClick={() => void act('reject')}>
                  {proposalActionTerms.reject.label}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  )
}
