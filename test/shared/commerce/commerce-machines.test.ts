import { describe, expect, it } from 'vitest'
import { allowedProposalActions, awaitingSide, nextProposalStatus } from '../../../shared/commerce/proposal-machine'
import {
  allowedOrderActions,
  cancellationPenalty,
  cancellationRefund,
  platformFee,
} from '../../../shared/commerce/order-machine'

describe('the proposal status machine', () => {
  it('lets the author send a draft, and the other side answer an offer', () => {
    expect(allowedProposalActions('draft', 'sponsor', 'sponsor', 'sponsor')).toEqual(['send', 'reject'])
    expect(allowedProposalActions('draft', 'organizer', 'sponsor', 'sponsor')).toEqual(['reject'])
    expect(allowedProposalActions('sent', 'organizer', 'sponsor', 'sponsor')).toEqual(['accept', 'reject', 'counter'])
    expect(allowedProposalActions('sent', 'sponsor', 'sponsor', 'sponsor')).toEqual(['reject'])
    expect(awaitingSide('counter', 'sponsor', 'organizer')).toBe('sponsor')
  })

  it('closes accepted, rejected and expired threads', () => {
    for (const status of ['accepted', 'rejected', 'expired'] as const) {
      expect(allowedProposalActions(status, 'organizer', 'organizer', 'sponsor')).toEqual([])
      expect(awaitingSide(status, 'organizer', 'sponsor')).toBeNull()
    }
    expect(nextProposalStatus('draft', 'accept')).toBeUndefined()
    expect(nextProposalStatus('counter', 'counter')).toBe('counter')
  })
})

describe('the escrow state machine', () => {
  it('gives each side its own actions in each state', () => {
    expect(allowedOrderActions('pending', 'sponsor')).toEqual(['fund', 'cancel'])
    expect(allowedOrderActions('pending', 'organizer')).toEqual(['cancel'])
    expect(allowedOrderActions('funded', 'organizer')).toEqual(['lock', 'cancel', 'refund'])
    expect(allowedOrderActions('locked', 'sponsor')).toEqual(['release'])
    expect(allowedOrderActions('refunded', 'organizer')).toEqual([])
  })

  it('charges the penalty only to a sponsor cancelling inside the window', () => {
    const start = new Date('2027-03-01T00:00:00Z')
    expect(cancellationPenalty(100000, 0.1, start, 14, new Date('2027-02-01T00:00:00Z'), 'sponsor')).toBe(0)
    expect(cancellationPenalty(100000, 0.1, start, 14, new Date('2027-02-20T00:00:00Z'), 'sponsor')).toBe(10000)
    expect(cancellationPenalty(100000, 0.1, start, 14, new Date('2027-02-20T00:00:00Z'), 'organizer')).toBe(0)
  })

  it('refunds a cancellation less its penalty, never keeping more than is left to refund', () => {
    const order = {
      amountCents: 100000,
      refundedCents: 0,
      penaltyPct: 0.2,
      windowDays: 14,
      eventStart: new Date('2027-03-01T09:00:00Z'),
    }
    const late = new Date('2027-02-20T00:00:00Z')
    expect(cancellationRefund(order, 'sponsor', late)).toEqual({ refundCents: 80000, penaltyCents: 20000 })
    expect(cancellationRefund(order, 'organizer', late)).toEqual({ refundCents: 100000, penaltyCents: 0 })
    expect(cancellationRefund(order, 'sponsor', new Date('2027-01-01T00:00:00Z'))).toEqual({
      refundCents: 100000,
      penaltyCents: 0,
    })
    expect(cancellationRefund({ ...order, refundedCents: 95000 }, 'sponsor', late)).toEqual({
      refundCents: 0,
      penaltyCents: 5000,
    })
  })

  it('rounds the platform fee to whole cents', () => {
    expect(platformFee(175000, 0.1)).toBe(17500)
    expect(platformFee(999, 0.125)).toBe(125)
  })
})
