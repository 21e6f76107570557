// The server's Prometheus metrics: one registry per app (several apps may share a test process).
// Counters and histograms are observed in process; database-derived gauges are read at scrape time,
// so they agree across instances (queue depth, payouts) while per-process ones (HTTP, event loop) do not.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Seconds; spans the seeds' SLOs (API p95 < 250 ms, database p95 < 100 ms). */
const latencyBuckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export type ScrapeCollector = (metrics: ServerMetrics) => Promise<void>

export class ServerMetrics {
  readonly registry = new Registry()
  private readonly collectors: ScrapeCollector[] = []

  readonly httpDuration = new Histogram({
    name: 'yardpass_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  })
  readonly dbDuration = new Histogram({
    name: 'yardpass_db_query_duration_seconds',
    help: 'Database time: single statements, and whole transactions (begin to commit or rollback)',
    labelNames: ['kind', 'outcome'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  })
  readonly jobDuration = new Histogram({
    name: 'yardpass_job_duration_seconds',
    help: 'Time a job handler ran, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 180, 600],
    registers: [this.registry],
  })
  readonly syncPushMutations = new Counter({
    name: 'yardpass_sync_push_mutations_total',
    help: 'Mutations pushed by devices, by outcome (applied, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  })
  readonly syncPullChanges = new Counter({
    name: 'yardpass_sync_pull_changes_total',
    help: 'Changes sent to devices by sync pulls',
    registers: [this.registry],
  })
  readonly syncRequests = new Counter({
    name: 'yardpass_sync_requests_total',
    help: 'Sync requests by kind (push, pull)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  })
  readonly queueDepth = new Gauge({
    name: 'yardpass_queue_depth',
    help: 'Jobs ready to run and not yet started, by queue (seed SLO: < 1,000)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  })
  readonly queueLag = new Gauge({
    name: 'yardpass_queue_lag_seconds',
    help: 'How long the oldest ready job has waited, by queue (seed SLO: < 5 minutes)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  })
  readonly jobsFailedLastHour = new Gauge({
    name: 'yardpass_jobs_failed_last_hour',
    help: 'Jobs that failed for good in the last hour, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  })
  readonly payoutOutcomes = new Gauge({
    name: 'yardpass_payouts_last_24h',
    help: 'Payouts attempted in the last 24 hours by outcome (paid, failed, dead, pending); seed SLO: paid share > 95 %',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  })
  readonly adminAlertsOpen = new Gauge({
    name: 'yardpass_admin_alerts_open',
    help: 'Alerts raised for a person to act on (for example a payout that failed for good), not yet acknowledged',
    registers: [this.registry],
  })
  readonly outboxBacklog = new Gauge({
    name: 'yardpass_outbox_backlog_events',
    help: 'Domain events written but not yet read, by reader',
    labelNames: ['reader'] as const,
    registers: [this.registry],
  })
  readonly socketConnections = new Gauge({
    name: 'yardpass_socket_connections',
    help: 'Realtime sockets connected to this instance',
    registers: [this.registry],
  })
  readonly socketRooms = new Gauge({
    name: 'yardpass_socket_room_members',
    help: 'Sockets of this instance in rooms, by room kind (org, sponsor, …)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  })

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'yardpass_' })
  }

  /** Adds a function run before each scrape to refresh gauges from the database or the process. */
  onScrape(collector: ScrapeCollector) {
    this.collectors.push(collector)
  }

  /** The exposition text; a collector that fails leaves its gauges as they were and is reported. */
  async render(): Promise<{ text: string; contentType: string; failures: string[] }> {
    const failures: string[] = []
    await Promise.all(
      this.collectors.map((collect) =>
        collect(this).catch((error: unknown) => {
          failures.push(error instanceof Error ? error.message : String(error))
        }),
      ),
    )
    return { text: await this.registry.metrics(), contentType: this.registry.contentType, failures }
  }
}
