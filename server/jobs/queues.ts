// Every job queue, by name, with its schedule. Handlers live beside this file.
export const queues = {
  maintenanceCleanup: 'maintenance.cleanup',
  /** One job per released escrow: `{ orderId }`. */
  payoutsProcess: 'payouts.process',
  /** Every 5 minutes: missed PaymentIntent outcomes, escrow locks at event start, payout retries. */
  commerceReconcile: 'commerce.reconcile',
  /** Nightly (seed 001 §11): decide SLAs, apply breach policies (make-goods, partial refunds). */
  slaCheck: 'fulfillment.sla-check',
} as const

export type QueueName = (typeof queues)[keyof typeof queues]
