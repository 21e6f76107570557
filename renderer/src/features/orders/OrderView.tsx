// One order: its amount and escrow state, the timeline, payments and payout, and the actions open to your side.
// Every escrow action is confirmed with the package, the sponsor and the amount named; Stripe ids sit in copy
// affordances, not in sentences. It updates itself as the payment, escrow and payout move.
import { useState } from 'react'
import { Alert, Anchor, Button, CloseButton, Group, List, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core'
import type { OrderDetail, Side } from '../../../../shared/commerce/commerce-records'
import type { CommandArgs } from '../../../../shared/desktop-api'
import { escrowStateTerms, labelOf, orderActionTerms, payoutStatusTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { confirmAction, type ConfirmRequest } from '../../ui/confirm'
import { CopyValue } from '../../ui/CopyValue'
import { formatMoney } from '../../ui/format'
import { StatusBadge } from '../../ui/StatusBadge'
import { ErrorState, LoadingState } from '../../ui/states'
import { EscrowTimeline } from './EscrowTimeline'
import { RoiReportView } from '../fulfillment/RoiReportView'
import { Link } from 'react-router-dom'

type Action = CommandArgs<'order-act'>['action']

/** Stripe's test cards (the local Stripe-compatible server and Stripe test mode know them). */
const testCards = [
  { value: 'pm_card_visa', label: 'Visa 4242 (succeeds)' },
  { value: 'pm_card_threeDSecure2Required', label: 'Visa 3220 (3-D Secure)' },
  { value: 'pm_card_chargeDeclined', label: 'Visa 0002 (declined)' },
]

/** What each action's confirmation says: the thing, the money and what follows. */
function confirmation(action: Action, o: OrderDetail, card: string): ConfirmRequest {
  const subject = `${o.package_title} for ${o.sponsor_name}`
  const money = (cents: number) => formatMoney(cents, o.currency)
  const fee = o.platform_fee_percentage === null ? 0 : Math.round(o.amount_cents * o.platform_fee_percentage)
  const label = orderActionTerms[action].label
  switch (action) {
    case 'fund':
      return {
        action: label,
        subject,
        amount: money(o.amount_cents),
        isDestructive: false,
        consequence: `${money(o.amount_cents)} is charged to ${testCards.find((c) => c.value === card)?.label ?? 'the card'} and held in escrow until the sponsorship is delivered.`,
      }
    case 'lock':
      return {
        action: label,
        subject,
        amount: money(o.escrow_balance_cents),
        isDestructive: false,
        consequence: 'The money stays held for delivery; neither side can cancel the order any more.',
      }
    case 'release':
      return {
        action: label,
        subject,
        amount: money(o.escrow_balance_cents),
        consequence: `The organizer is paid ${money(o.amount_cents - fee)} (the platform keeps ${money(fee)}). This cannot be undone.`,
      }
    case 'refund':
      return {
        action: label,
        subject,
        amount: money(o.escrow_balance_cents),
        consequence: `${money(o.escrow_balance_cents)} goes back to ${o.sponsor_name}'s card. This cannot be undone.`,
      }
    case 'cancel':
      return {
        action: label,
        subject,
        amount: money(o.amount_cents),
        consequence: o.funded_at
          ? `The order ends and the payment is refunded, less the cancellation penalty of the package's policy when it is late. This cannot be undone.`
          : 'The order ends before any payment; the package unit goes back on sale.',
      }
  }
}

export function OrderView({ id, side, onClose }: { id: string; side: Side; onClose: () => void }) {
  const order = useCommand('order-get', { id }, { live: liveOn.commerce('order', 'payout') })
  const [card, setCard] = useState(testCards[0]!.value)
  const [authUrl, setAuthUrl] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const [showsRoi, setShowsRoi] = useState(false)

  const o = order.data
  if (!o)
    return (
      <Paper withBorder p="md" w={440}>
        {order.error ? <ErrorState message={order.error} /> : <LoadingState label="Loading the order…" />}
      </Paper>
    )

  async function act(action: Action) {
    if (!(await confirmAction(confirmation(action, o!, card)))) return
    setIsBusy(true)
    try {
      const result = await desktop.invoke('order-act', {
        id,
        action,
        ...(action === 'fund' ? { paymentMethodId: card } : {}),
      })
      order.setData(result.order)
      setAuthUrl(result.authenticationUrl)
      setProblem(null)
    } catch (failure) {
      setProblem(errorText(failure))
      void order.reload()
    } finally {
      setIsBusy(false)
    }
  }

  const can = (action: Action) => o.allowed_actions.includes(action)
  const money = (cents: number) => formatMoney(cents, o.currency)
  return (
    <Paper component="article" aria-label="Order" withBorder p="md" w={460}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4">
            {o.package_title} · {o.sponsor_name}
          </Title>
          <CloseButton aria-label="Close the order" onClick={onClose} />
        </Group>
        <Group gap="xs">
          <Text fw={600}>{money(o.amount_cents)}</Text>
          <span role="group" aria-label="Escrow state">
            <StatusBadge vocabulary={escrowStateTerms} value={o.escrow_state} withHint />
          </span>
          <Text size="sm">held {money(o.escrow_balance_cents)}</Text>
          {o.refunded_cents > 0 && <Text size="sm">· refunded {money(o.refunded_cents)}</Text>}
        </Group>
        <EscrowTimeline order={o} />
        {problem && (
          <Alert role="alert" color="red" variant="light">
            {problem}
          </Alert>
        )}
        {o.payments.length > 0 && (
          <List aria-label="Payments" size="sm" spacing={2}>
            {o.payments.map((p) => (
              <List.Item key={p.id}>
                Attempt {p.attempt}: {p.status === 'succeeded' ? 'paid' : p.status.replaceAll('_', ' ')}
                {p.failure_message ? ` — ${p.failure_message}` : ''}{' '}
                {p.stripe_payment_intent_id && <CopyValue label="payment" value={p.stripe_payment_intent_id} />}
              </List.Item>
            ))}
          </List>
        )}
        {o.payout && (
          <div role="group" aria-label="Payout">
            <Text size="sm" span>
              {labelOf(payoutStatusTerms, o.payout.status)}
              {o.payout.amount_cents !== null
                ? ` · ${money(o.payout.amount_cents)} (fee ${money(o.payout.fee_cents ?? 0)})`
                : ''}
            </Text>
            {o.payout.stripe_transfer_id && (
              <>
                {' '}
                · <CopyValue label="transfer" value={o.payout.stripe_transfer_id} />
              </>
            )}
            {o.payout.last_error && (
              <Text size="sm" c="red.8">
                Last attempt failed: {o.payout.last_error}
              </Text>
            )}
          </div>
        )}
        {authUrl && o.escrow_state === 'requires_action' && (
          <Alert role="status" color="yellow" variant="light">
            <Anchor href={authUrl} target="_blank" rel="noreferrer">
              Complete 3-D Secure authentication
            </Anchor>
            ; this order updates when the bank answers.
          </Alert>
        )}
        {o.allowed_actions.length > 0 && (
          <Group gap="xs" align="flex-end">
            {can('fund') && side === 'sponsor' && (
              <>
                <NativeSelect
                  label="Card"
                  value={card}
                  data={testCards}
                  onChange={(e) => setCard(e.currentTarget.value)}
                />
                <Button loading={isBusy} onClick={() => void act('fund')}>
                  {orderActionTerms.fund.label}
                </Button>
              </>
            )}
            {can('lock') && (
              <Button loading={isBusy} onClick={() => void act('lock')}>
                {orderActionTerms.lock.label}
              </Button>
            )}
            {can('release') && (
              <Button loading={isBusy} color="teal.9" onClick={() => void act('release')}>
                {orderActionTerms.release.label}
              </Button>
            )}
            {can('refund') && (
              <Button loading={isBusy} variant="light" color="red" onClick={() => void act('refund')}>
                {orderActionTerms.refund.label}
              </Button>
            )}
            {can('cancel') && (
              <Button loading={isBusy} variant="light" color="red" onClick={() => void act('cancel')}>
                {orderActionTerms.cancel.label}
              </Button>
            )}
          </Group>
        )}
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setShowsRoi((shown) => !shown)}
            aria-expanded={showsRoi}
          >
            {showsRoi ? 'Hide the ROI report' : 'ROI report'}
          </Button>
          <Button size="compact-sm" variant="subtle" component={Link} to="/fulfillment">
            Deliverables
          </Button>
        </Group>
        {showsRoi && <RoiReportView orderId={o.id} />}
      </Stack>
    </Paper>
  )
}
