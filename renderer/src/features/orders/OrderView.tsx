// One order: its amount and escrow state, the timeline, payments and payout, and the actions open to your side.
// Every escrow action is confirmed with the package, the sponsor and the amount named; Stripe ids sit in copy
// affordances, not in sentences. It updates itself as the payment, escrow and payout move.
import { useState } from 'react'
import { Alert, Anchor, Button, CloseButton, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core'
import type { Side } from '../../../../shared/commerce/commerce-records'
import { escrowStateTerms, labelOf, orderActionTerms, payoutStatusTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { confirmAction } from '../../ui/confirm'
import { CopyValue } from '../../ui/CopyValue'
import { formatMoney } from '../../ui/format'
import { StatusBadge } from '../../ui/StatusBadge'
import { ErrorState, LoadingState } from '../../ui/states'
import { EscrowTimeline } from './EscrowTimeline'
import { confirmation, testCards, type Action } from './order-confirmations'
import { PaymentAttempts } from './PaymentAttempts'
import { RoiReportView } from '../fulfillment/RoiReportView'
import { Link } from 'react-router-dom'

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
    if (!(await confirmAction(confirmation(action, o!, card, side)))) return
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
        <PaymentAttempts payments={o.payments} side={side} />
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
