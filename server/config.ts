// Server configuration: read from the environment once at boot, validated and typed.
import { resolve } from 'node:path'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { localSecret } from './local-secret'

/** Seed 001's quick retries, then the Standard Webhooks schedule; after the last one a delivery is dead-lettered. */
export const defaultWebhookRetryScheduleMs = [
  1_000, 2_000, 4_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
]

export const serverRoles = ['api', 'worker', 'all'] as const
export type ServerRole = (typeof serverRoles)[number]

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8787 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  SERVER_ROLE: Type.Union(
    serverRoles.map((role) => Type.Literal(role)),
    { default: 'all' },
  ),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 5, maximum: 86400, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 1200 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 10 }),
  LOGIN_MAX_FAILURES_PER_IP: Type.Integer({ minimum: 1, default: 100 }),
  LOGIN_THROTTLE_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86400, default: 900 }),
  PASSWORD_MIN_SCORE: Type.Integer({ minimum: 0, maximum: 4, default: 3 }),
  CORS_ORIGINS: Type.String({ default: '' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  LOG_FORMAT: Type.Union([Type.Literal('auto'), Type.Literal('pretty'), Type.Literal('json')], { default: 'auto' }),
  DEMO_SEED: Type.Boolean({ default: false }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Yardpass <no-reply@yardpass.local>' }),
  APP_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:5173' }),
  PUBLIC_API_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  INVITATION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 168 }),
  INVITATIONS_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  LEAD_CAPTURES_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  STRIPE_SECRET_KEY: Type.Optional(Type.String({ pattern: '^(sk|rk)_(test|live)_' })),
  STRIPE_WEBHOOK_SECRET: Type.Optional(Type.String({ pattern: '^whsec_' })),
  STRIPE_API_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  PAYOUT_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  STATS_RETENTION_MONTHS: Type.Integer({ minimum: 1, maximum: 120, default: 13 }),
  PLATFORM_FEE_PERCENTAGE: Type.Number({ minimum: 0, maximum: 0.99, default: 0.1 }),
  ORDER_HOLD_MINUTES: Type.Integer({ minimum: 1, maximum: 43_200, default: 60 }),
  PROOF_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 200 * 1024 * 1024, default: 10 * 1024 * 1024 }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 200 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1 })),
  GRAPHIQL: Type.Boolean({ default: false }),
  GRAPHQL_MAX_DEPTH: Type.Integer({ minimum: 2, maximum: 50, default: 10 }),
  GRAPHQL_MAX_COST: Type.Integer({ minimum: 10, maximum: 1_000_000, default: 20_000 }),
  GRAPHQL_SQL_COUNTS: Type.Boolean({ default: false }),
  WEBHOOKS_ALLOW_LOOPBACK: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: Type.Union([Type.Literal('0'), Type.Literal('1')], { default: '0' }),
  WEBHOOK_RETRY_SCHEDULE_MS: Type.String({
    pattern: '^\\d+(,\\d+)*$',
    default: defaultWebhookRetryScheduleMs.join(','),
  }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
  WEBHOOK_CONCURRENCY_PER_ENDPOINT: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
  WEBHOOK_POLL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 250 }),
  WEBHOOK_DISABLE_AFTER_HOURS: Type.Integer({ minimum: 1, maximum: 8760, default: 120 }),
})

type RawConfig = Static<typeof ConfigSchema>

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  role: ServerRole
  jwtSecret: string
  accessTokenTtlSeconds: number
  refreshTokenTtlDays: number
  rateLimitPerMinute: number
  /** Failed sign-ins allowed per account, and per client address, in one throttle window (kept in the database). */
  loginMaxFailuresPerAccount: number
  loginMaxFailuresPerIp: number
  loginThrottleWindowSeconds: number
  /** The zxcvbn score (0–4) a new password needs. */
  passwordMinScore: number
  corsOrigins: string[]
  logLevel: RawConfig['LOG_LEVEL']
  /** auto: readable lines on a terminal, one JSON object per line otherwise (log collectors). */
  logFormat: RawConfig['LOG_FORMAT']
  demoSeed: boolean
  /** Outgoing mail; without it, messages are written to the outbox folder in DATA_DIR. */
  smtpUrl: string | undefined
  mailFrom: string
  /** Where links in emails point (the desktop web host or a deployed app). */
  appUrl: string
  /** This API's public address, for links that must reach it (one-click unsubscribe); the listening address when unset. */
  publicApiUrl: string | undefined
  invitationTtlHours: number
  invitationsPerMinute: number
  /** Per representative, on the online capture endpoint (seed 004: 30). */
  leadCapturesPerMinute: number
  /** Without a secret key the server runs Stripe in test mode against its own local Stripe-compatible server. */
  stripeSecretKey: string | undefined
  stripeWebhookSecret: string | undefined
  /** Another Stripe API host (a local Stripe-compatible server in tests); Stripe's own by default. */
  stripeApiUrl: string | undefined
  payoutMaxAttempts: number
  /** Months of raw impressions and ticket analytics kept; older month partitions are dropped. */
  statsRetentionMonths: number
  /** The platform's share of each order (0.1 = 10 %), unless a platform administrator set another for an organizer. */
  platformFeePercentage: number
  /** How long an unfunded order holds its unit of inventory. */
  orderHoldMinutes: number
  /** The largest proof file a deliverable accepts (bytes). */
  proofMaxBytes: number
  /** How often each outbox reader looks for new domain events when the last batch was not full. */
  outboxPollMs: number
  /** Bearer token Prometheus scrapes GET /metrics with; metrics are off without it. */
  metricsToken: string | undefined
  /**
   * Behind a load balancer: which hops' X-Forwarded-For to believe, so per-address limits see the client,
   * not the balancer. `true`, a hop count, or addresses/CIDRs (Fastify's trustProxy); off by default.
   */
  trustProxy: boolean | number | string | undefined
  /** GraphiQL at /graphiql: on for development, off in production (a setting, never NODE_ENV). */
  graphiql: boolean
  /** GraphQL operations deeper than this many levels are refused before they run. */
  graphqlMaxDepth: number
  /** GraphQL operations costing more than this (a field 1, a list its page size times its items) are refused. */
  graphqlMaxCost: number
  /** Adds `extensions.sqlStatements` (round trips to the database) to each GraphQL answer: for tests and benchmarks. */
  graphqlSqlCounts: boolean
  /** Outbound webhooks (issue 14). */
  webhooks: WebhookConfig
}

export interface WebhookConfig {
  /** http:// loopback endpoints are allowed: test mode (no STRIPE_SECRET_KEY) or WEBHOOKS_ALLOW_LOOPBACK=1. */
  allowLoopback: boolean
  /** Private, link-local and other non-public addresses are allowed (an operator's own network). */
  allowPrivateNetworks: boolean
  /** Delay before each retry; its length is the number of retries. */
  retryScheduleMs: number[]
  timeoutMs: number
  concurrencyPerEndpoint: number
  pollMs: number
  /** An endpoint failing this long (no success) is disabled and its organization's admins are emailed. */
  disableAfterMs: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the configuration; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): ServerConfig {
  const keys = Object.keys(ConfigSchema.properties)
  const input: Record<string, unknown> = {}
  for (const key of keys) {
    const value = env[key]
    if (value !== undefined && value !== '') input[key] = value
  }
  const roleFlag = readFlag(argv, '--role')
  if (roleFlag) input.SERVER_ROLE = roleFlag

  const withDefaults = Value.Default(ConfigSchema, input)
  const converted = Value.Convert(ConfigSchema, withDefaults)
  if (!Value.Check(ConfigSchema, converted)) {
    throw new ConfigError(`Invalid server configuration: ${describeProblems(converted).join('; ')}`)
  }
  const raw = converted as RawConfig
  const dataDir = resolve(raw.DATA_DIR)
  if (raw.DATABASE_URL && !raw.JWT_SECRET) {
    throw new ConfigError('Invalid server configuration: JWT_SECRET (32+ characters) is required with DATABASE_URL')
  }
  return {
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    databaseUrl: raw.DATABASE_URL,
    role: raw.SERVER_ROLE,
    // Embedded mode needs no setup: the signing secret is made once and kept in the data folder.
    jwtSecret: raw.JWT_SECRET ?? localSecret(dataDir, 'jwt-secret', 48),
    accessTokenTtlSeconds: raw.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: raw.REFRESH_TOKEN_TTL_DAYS,
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE,
    loginMaxFailuresPerAccount: raw.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerIp: raw.LOGIN_MAX_FAILURES_PER_IP,
    loginThrottleWindowSeconds: raw.LOGIN_THROTTLE_WINDOW_SECONDS,
    passwordMinScore: raw.PASSWORD_MIN_SCORE,
    corsOrigins: raw.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: raw.LOG_LEVEL,
    logFormat: raw.LOG_FORMAT,
    demoSeed: raw.DEMO_SEED,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    appUrl: raw.APP_URL.replace(/\/+$/, ''),
    publicApiUrl: raw.PUBLIC_API_URL?.replace(/\/+$/, ''),
    invitationTtlHours: raw.INVITATION_TTL_HOURS,
    invitationsPerMinute: raw.INVITATIONS_PER_MINUTE,
    leadCapturesPerMinute: raw.LEAD_CAPTURES_PER_MINUTE,
    stripeSecretKey: raw.STRIPE_SECRET_KEY,
    stripeWebhookSecret: raw.STRIPE_WEBHOOK_SECRET,
    stripeApiUrl: raw.STRIPE_API_URL,
    payoutMaxAttempts: raw.PAYOUT_MAX_ATTEMPTS,
    statsRetentionMonths: raw.STATS_RETENTION_MONTHS,
    platformFeePercentage: raw.PLATFORM_FEE_PERCENTAGE,
    orderHoldMinutes: raw.ORDER_HOLD_MINUTES,
    proofMaxBytes: raw.PROOF_MAX_BYTES,
    outboxPollMs: raw.OUTBOX_POLL_MS,
    metricsToken: raw.METRICS_TOKEN,
    trustProxy: parseTrustProxy(raw.TRUST_PROXY),
    graphiql: raw.GRAPHIQL,
    graphqlMaxDepth: raw.GRAPHQL_MAX_DEPTH,
    graphqlMaxCost: raw.GRAPHQL_MAX_COST,
    graphqlSqlCounts: raw.GRAPHQL_SQL_COUNTS,
    webhooks: {
      allowLoopback:
        raw.WEBHOOKS_ALLOW_LOOPBACK === '1' || (raw.WEBHOOKS_ALLOW_LOOPBACK === undefined && !raw.STRIPE_SECRET_KEY),
      allowPrivateNetworks: raw.WEBHOOKS_ALLOW_PRIVATE_NETWORKS === '1',
      retryScheduleMs: raw.WEBHOOK_RETRY_SCHEDULE_MS.split(',').map(Number),
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
      concurrencyPerEndpoint: raw.WEBHOOK_CONCURRENCY_PER_ENDPOINT,
      pollMs: raw.WEBHOOK_POLL_MS,
      disableAfterMs: raw.WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
    },
  }
}

/** The configuration as it may be logged: secrets and passwords masked. */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
  return {
    ...config,
    jwtSecret: '***',
    databaseUrl: config.databaseUrl ? maskUrlPassword(config.databaseUrl) : 'embedded PGlite',
    smtpUrl: config.smtpUrl ? maskUrlPassword(config.smtpUrl) : 'outbox folder',
    stripeSecretKey: config.stripeSecretKey
      ? `${config.stripeSecretKey.slice(0, 8)}***`
      : 'test mode (local Stripe server)',
    stripeWebhookSecret: config.stripeWebhookSecret ? '***' : undefined,
    metricsToken: config.metricsToken ? '***' : 'metrics off',
  }
}

export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '***'
  }
}

// One sentence per bad key; a choice lists its allowed values.
function describeProblems(value: unknown): string[] {
  const byKey = new Map<string, string>()
  for (const error of Value.Errors(ConfigSchema, value)) {
    const key = error.instancePath.replace(/^\//, '') || 'config'
    if (byKey.has(key)) continue
    const property = (ConfigSchema.properties as Record<string, { anyOf?: { const?: unknown }[] }>)[key]
    const choices = property?.anyOf?.map((option) => option.const).filter((choice) => choice !== undefined)
    byKey.set(key, choices?.length ? `${key} must be one of ${choices.join(', ')}` : `${key} ${error.message}`)
  }
  return [...byKey.values()]
}

function parseTrustProxy(value: string | undefined): ServerConfig['trustProxy'] {
  if (value === undefined || value === 'false') return undefined
  if (value === 'true') return true
  if (/^\d+$/.test(value)) return Number(value)
  return value
}

function readFlag(argv: string[], flag: string): string | undefined {
  const index = argv.indexOf(flag)
  if (index >= 0) return argv[index + 1]
  const inline = argv.find((arg) => arg.startsWith(`${flag}=`))
  return inline?.slice(flag.length + 1)
}
