// The nightly check_sla_compliance job (seed 001 §11): decides every open SLA in one statement, creates the
// make-good deliverables of breaches whose remedy is one, then makes the partial refunds of the others through
// Stripe — from the escrow before the payout, by reversing the organizer's share of the transfer after it.
// Crash-safe and idempotent like the escrow steps: each refund request (its idempotency keys) is fixed on the
// SLA before Stripe is called, so a re-run resumes that refund and never makes a second one.
import type Stripe from 'stripe'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { findOrder, findRefund } from '../repositories/orders-repository'
import { refreshActivation } from '../repositories/deliverables-repository'
import { createMakegoods, evaluateSlas } from '../repositories/sla-compliance-repository'
import { findSla, listPendingRefundRemedies, markUnrefundable, setRemedy } from '../repositories/slas-repository'
import { executeRefund, planRefund } from '../commerce/escrow-steps'

export interface SlaCheckDeps {
  db: Database
  stripe: Stripe
  log: { warn(obj: object, msg: string): void }
}

export interface SlaCheckSummary {
  checked: number
  met: number
  breached: number
  makegoods: number
  refunds: number
  refundsDeferred: number
  notApplicable: number
  duration_ms: number
  /** Where the time went: deciding, make-goods, refunds. */
  phases_ms: { decide: number; makegoods: number; refunds: number }
}

/** Days a make-good deliverable is given. */
export const makegoodDueDays = 30

type RefundOutcome = 'refunded' | 'deferred' | 'not_applicable' | 'none'

/** Applies one breached SLA's partial refund (or resumes the one already recorded for it). */
export async function applySlaRefund(deps: SlaCheckDeps, slaId: string): Promise<RefundOutcome> {
  const { db, stripe } = deps
  const plan = await db.transaction(async (tx) => {
    const sla = await findSla(tx, slaId, { forUpdate: true })
    if (!sla || sla.remedyStatus !== 'pending' || !sla.orderId) return 'none' as const
    const order = (await findOrder(tx, sla.orderId, { forUpdate: true }))!
    if (sla.refundId) {
      const request = (await findRefund(tx, sla.refundId))!
      if (request.status === 'succeeded') {
        await setRemedy(tx, sla.id, { status: 'applied' })
        return 'none' as const
      }
      return { order, request }
    }
    const policy = sla.breachPolicy
    const wanted = policy.penalty_cents ?? Math.round(order.amountCents * (policy.penalty_pct ?? 0))
    const amount = Math.min(wanted, order.amountCents - order.refundedCents)
    if (!['funded', 'locked', 'released'].includes(order.escrowState) || amount < 1) {
      await setRemedy(tx, sla.id, {
        status: 'not_applicable',
        cents: 0,
        note: `nothing to refund: the order is ${order.escrowState}`,
      })
      return 'not_applicable' as const
    }
    try {
      const request = await planRefund(tx, order, {
        kind: 'sla_penalty',
        amountCents: amount,
        reason: `SLA ${sla.metric} breached: ${sla.actual} of ${sla.target}`,
      })
      await setRemedy(tx, sla.id, { status: 'pending', cents: amount, refundId: request.id })
      return { order, request }
    } catch (error) {
      // A payout or another refund under way: the next run refunds once it has finished.
      if (error instanceof AppError && error.statusCode === 409) return 'deferred' as const
      throw error
    }
  })
  if (typeof plan === 'string') return plan
  await executeRefund(db, stripe, plan.order, plan.request, (tx) => setRemedy(tx, slaId, { status: 'applied' }))
  return 'refunded'
}

export async function checkSlaCompliance(deps: SlaCheckDeps, now = new Date()): Promise<SlaCheckSummary> {
  const started = performance.now()
  const { db } = deps
  const decided = await db.transaction((tx) => evaluateSlas(tx, now))
  const decidedAt = performance.now()
  const makegoods = await db.transaction(async (tx) => {
    const { made, pairs } = await createMakegoods(tx, now, makegoodDueDays)
    await refreshActivation(tx, pairs)
    return made
  })
  const madeAt = performance.now()
  const summary: SlaCheckSummary = {
    ...decided,
    makegoods,
    refunds: 0,
    refundsDeferred: 0,
    notApplicable: await markUnrefundable(db),
    duration_ms: 0,
    phases_ms: { decide: Math.round(decidedAt - started), makegoods: Math.round(madeAt - decidedAt), refunds: 0 },
  }
  // Refunds one by one (each is a Stripe call), every pending one once per run, in id order.
  for (
    let page = await listPendingRefundRemedies(db, null);
    page.length > 0;
    page = await listPendingRefundRemedies(db, page.at(-1)!)
  ) {
    for (const slaId of page) await applyOne(slaId)
  }
  summary.duration_ms = Math.round(performance.now() - started)
  summary.phases_ms.refunds = Math.round(performance.now() - madeAt)
  return summary

  async function applyOne(slaId: string) {
    try {
      const outcome = await applySlaRefund(deps, slaId)
      if (outcome === 'refunded') summary.refunds += 1
      else if (outcome === 'deferred') summary.refundsDeferred += 1
      else if (outcome === 'not_applicable') summary.notApplicable += 1
    } catch (error) {
      summary.refundsDeferred += 1
      deps.log.warn({ slaId, err: error }, 'an SLA refund could not be made now; the next run resumes it')
    }
  }
}
