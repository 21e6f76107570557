// The intelligence job queues, by name (pg-boss); schedules and handlers are in intelligence-jobs.ts.
export const intelligenceQueues = {
  /** Every 5 minutes and on demand (POST /v1/matches/recompute): drain fit_recalc_queue. */
  matchesRecalc: 'matches.recalc',
  matchesQueueHealth: 'matches.queue-health',
  matchesCleanup: 'matches.cleanup',
  statsRollup: 'stats.rollup',
  statsPartitions: 'stats.partitions',
  qualityRefresh: 'quality.refresh',
  packageCardsRefresh: 'marketplace.package-cards',
} as const
