// Every job queue, by name, with its schedule. Handlers live beside this file.
export const queues = {
  maintenanceCleanup: 'maintenance.cleanup',
  /** One job per released escrow: `{ orderId }`. */
  payoutsProcess: 'payouts.process',
  /** Every 5 minutes: missed PaymentIntent outcomes, escrow locks at event start, payout retries. */
  commerceReconcile: 'commerce.reconcile',
  /** Nightly (seed 001 §11): decide SLAs, apply breach policies (make-goods, partial refunds). */
  slaCheck: 'fulfillment.sla-check',
  /** Every 5 minutes (seed 001 §20.3): each enabled command center's numbers into its feed. */
  commandCenterRollup: 'command_center_rollup',
  /** One Slack-format notification to one workspace hook, retried with backoff. */
  commandCenterNotify: 'command_center.notify',
} as const

export type QueueName = (typeof queues)[keyof typeof queues]
