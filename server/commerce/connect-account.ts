// The organizer's Stripe Connect account: made by the platform for that organization (its metadata names
// it), or found again; an account made for another organization, or for none, is refused.
import Stripe from 'stripe'
import type { Queryable } from '../db/database'
import { AppError, badRequest } from '../errors'
import { findOtherAccountHolder, findPayoutConfiguration } from '../repositories/payouts-repository'
import { isIndeterminate, providerUnavailable, stripeRefusal } from './stripe-errors'

const notYours = (accountId: string) =>
  new AppError(
    403,
    'connect-account-not-yours',
    `The Stripe account ${accountId} was not made for this organization; leave stripe_connect_account_id out to use (or create) your own.`,
  )

/** The account payouts go to: the requested one if it is this organization's, else the current one, else a new one. */
export async function connectAccountFor(
  db: Queryable,
  stripe: Stripe,
  orgId: string,
  requested: string | undefined,
): Promise<string> {
  const accountId = requested ?? (await findPayoutConfiguration(db, orgId))?.accountId
  try {
    if (!accountId) {
      return (
        await stripe.accounts.create(
          { type: 'express', metadata: { org_id: orgId } },
          { idempotencyKey: `org-${orgId}-connect-account` },
        )
      ).id
    }
    const account = await stripe.accounts.retrieve(accountId)
    if (account.metadata?.org_id !== orgId) throw notYours(accountId)
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') {
      throw badRequest(
        'unknown-connect-account',
        `Stripe has no connected account ${accountId}; check the id or leave it out to create one.`,
      )
    }
    if (isIndeterminate(error) || !(error instanceof Stripe.errors.StripeError)) throw providerUnavailable()
    throw stripeRefusal(error)
  }
  if (await findOtherAccountHolder(db, accountId, orgId)) throw notYours(accountId)
  return accountId
}
