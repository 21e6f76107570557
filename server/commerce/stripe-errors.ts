// Stripe SDK errors turned into our error envelope: the sponsor learns why, nothing internal leaks.
import Stripe from 'stripe'
import { AppError } from '../errors'

/** True when Stripe may or may not have acted: the call must be retried with the same idempotency key. */
export const isIndeterminate = (error: unknown) =>
  error instanceof Stripe.errors.StripeConnectionError ||
  error instanceof Stripe.errors.StripeAPIError ||
  (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 500) >= 500)

export function providerUnavailable() {
  return new AppError(
    503,
    'payment-provider-unavailable',
    'The payment provider did not answer; retry the same request: nothing will be charged or paid twice.',
  )
}

/** A definite refusal from Stripe (a decline, a bad payment method, an impossible amount) as a 4xx. */
export function stripeRefusal(error: Stripe.errors.StripeError): AppError {
  if (error instanceof Stripe.errors.StripeCardError) {
    return new AppError(402, 'payment-declined', error.message, { code: error.code, decline_code: error.decline_code })
  }
  return new AppError(422, 'payment-provider-refused', `Stripe refused the request: ${error.message}`, {
    code: error.code,
    param: error.param,
  })
}
