// An order's payment attempts in words: each status from the shared vocabulary ("Waiting for 3-D Secure"), and a
// failure worded for the reader's side: Stripe's "Your card was declined." speaks to the sponsor, so the organizer
// reads "The sponsor's card was declined." The PaymentIntent id sits in a copy affordance.
import { List } from '@mantine/core'
import type { OrderDetail, Side } from '../../../../shared/commerce/commerce-records'
import {
  labelOf,
  paymentFailedForOrganizer,
  paymentFailureForOrganizerTerms,
  paymentStatusTerms,
} from '../../../../shared/vocabulary'
import { CopyValue } from '../../ui/CopyValue'

type Payment = OrderDetail['payments'][number]

export function failureWords(p: Payment, side: Side): string | null {
  if (!p.failure_code && !p.failure_message) return null
  if (side === 'sponsor') return p.failure_message ?? 'The payment did not go through.'
  return p.failure_code && Object.hasOwn(paymentFailureForOrganizerTerms, p.failure_code)
    ? labelOf(paymentFailureForOrganizerTerms, p.failure_code)
    : paymentFailedForOrganizer
}

export function PaymentAttempts({ payments, side }: { payments: Payment[]; side: Side }) {
  if (payments.length === 0) return null
  return (
    <List aria-label="Payments" size="sm" spacing={2}>
      {payments.map((p) => {
        const failure = failureWords(p, side)
        return (
          <List.Item key={p.id}>
            Attempt {p.attempt}: {labelOf(paymentStatusTerms, p.status)}
            {failure ? ` — ${failure}` : ''}{' '}
            {p.stripe_payment_intent_id && <CopyValue label="payment" value={p.stripe_payment_intent_id} />}
          </List.Item>
        )
      })}
    </List>
  )
}
