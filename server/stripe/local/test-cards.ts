// Stripe's documented test payment methods and what confirming a PaymentIntent with each one does.
export type CardOutcome =
  | { kind: 'succeeds'; brand: string; last4: string }
  | { kind: 'declines'; code: string; declineCode: string; message: string; last4: string }
  | { kind: 'requires-authentication'; brand: string; last4: string }

export const testPaymentMethods: Record<string, CardOutcome> = {
  pm_card_visa: { kind: 'succeeds', brand: 'visa', last4: '4242' },
  pm_card_visa_debit: { kind: 'succeeds', brand: 'visa', last4: '5556' },
  pm_card_mastercard: { kind: 'succeeds', brand: 'mastercard', last4: '4444' },
  pm_card_amex: { kind: 'succeeds', brand: 'amex', last4: '8431' },
  pm_card_chargeDeclined: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
    last4: '0002',
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
    last4: '9995',
  },
  pm_card_chargeDeclinedExpiredCard: {
    kind: 'declines',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
    last4: '0069',
  },
  pm_card_threeDSecure2Required: { kind: 'requires-authentication', brand: 'visa', last4: '3220' },
  pm_card_authenticationRequired: { kind: 'requires-authentication', brand: 'visa', last4: '3184' },
}
