// What each escrow action's confirmation says: the thing, the money and what follows. A cancellation states what
// is refunded and what the package's policy keeps, computed with the server's own rule (shared/commerce).
import type { OrderDetail, Side } from '../../../../shared/commerce/commerce-records'
import { cancellationRefund } from '../../../../shared/commerce/order-machine'
import type { CommandArgs } from '../../../../shared/desktop-api'
import { orderActionTerms } from '../../../../shared/vocabulary'
import type { ConfirmRequest } from '../../ui/confirm'
import { formatMoney } from '../../ui/format'

export type Action = CommandArgs<'order-act'>['action']

/** Stripe's test cards (the local Stripe-compatible server and Stripe test mode know them). */
export const testCards = [
  { value: 'pm_card_visa', label: 'Visa 4242 (succeeds)' },
  { value: 'pm_card_threeDSecure2Required', label: 'Visa 3220 (3-D Secure)' },
  { value: 'pm_card_chargeDeclined', label: 'Visa 0002 (declined)' },
]

/** A funded order's cancellation in words: the refund, and the penalty or why there is none. */
export function cancellationWords(o: OrderDetail, side: Side, now = new Date()): { refund: string; sentence: string } {
  const money = (cents: number) => formatMoney(cents, o.currency)
  const policy = o.cancellation_policy
  const { refundCents, penaltyCents } = cancellationRefund(
    {
      amountCents: o.amount_cents,
      refundedCents: o.refunded_cents,
      penaltyPct: policy.penalty_pct,
      windowDays: policy.window_days,
      eventStart: new Date(o.event_start_at),
    },
    side,
    now,
  )
  const card = side === 'sponsor' ? 'your card' : `${o.sponsor_name}'s card`
  const penalty =
    penaltyCents > 0
      ? `The package's cancellation policy keeps ${money(penaltyCents)} (${Math.round(policy.penalty_pct * 100)} %) as a penalty, because the event starts in less than ${policy.window_days} days; it is paid to the organizer.`
      : side === 'organizer'
        ? 'No penalty: the organizer is cancelling.'
        : `No penalty: the event starts more than ${policy.window_days} days from now.`
  return {
    refund: money(refundCents),
    sentence: `${money(refundCents)} is refunded to ${card}. ${penalty} This cannot be undone.`,
  }
}

export function confirmation(action: Action, o: OrderDetail, card: string, side: Side): ConfirmRequest {
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
    case 'cancel': {
      if (!o.funded_at)
        return {
          action: label,
          subject,
          amount: money(o.amount_cents),
          consequence: 'The order ends before any payment; the package unit goes back on sale.',
        }
      const words = cancellationWords(o, side)
      return { action: label, subject, amount: words.refund, consequence: words.sentence }
    }
  }
}
