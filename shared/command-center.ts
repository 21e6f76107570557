// The command center's wire shapes (seed 001's second §20): workspaces, members, widgets with their data,
// the live deltas, and each widget type's config schema. Shared by the server (validation, OpenAPI) and
// the desktop (palette, forms, charts).
import { Type, type Static, type TSchema } from 'typebox'

export const workspaceRoles = ['owner', 'editor', 'viewer'] as const
export type WorkspaceRole = (typeof workspaceRoles)[number]
export const WorkspaceRole = Type.Union([Type.Literal('owner'), Type.Literal('editor'), Type.Literal('viewer')])

/** socket.io names of the command center's live stream. */
export const commandCenterRealtime = {
  /** Request `{ workspace_id }`, acknowledged `{ ok: true }` or `{ ok: false, error }`: members only. */
  join: 'command_center.join',
  leave: 'command_center.leave',
  /** `CommandCenterDelta` to the workspace room. */
  delta: 'command_center.delta',
  /** `{ workspace_id, widget_id, deleted }` to the workspace room. */
  widgetUpdated: 'widget.updated',
} as const

export const commandCenterRoom = (workspaceId: string) => `command_center:${workspaceId}`

/** The metrics a delta or a rollup carries: counts and sums, never a person's contact details. */
export const commandCenterMetrics = [
  'gmv_cents',
  'packages_sold',
  'packages_inventory',
  'open_proposals',
  'proposals_sent',
  'proposals_accepted',
  'orders_funded',
  'orders_locked',
  'orders_released',
  'payouts_pending_cents',
  'payouts_paid_cents',
  'leads',
  'leads_today',
  'hot_leads',
  'captures',
] as const
export type CommandCenterMetric = (typeof commandCenterMetrics)[number]

export interface CommandCenterDelta {
  workspace_id: string
  /** The last sequence number this delta covers; `first_seq` the first (deltas gathered together cover several). */
  seq: number
  first_seq: number
  /** What changed, added to the current values (negative: went down). */
  metrics: Partial<Record<CommandCenterMetric, number>>
  at: string
}

export const WorkspaceSettings = Type.Object(
  {
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    goal_gmv_cents: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000_000_000_00 }), Type.Null()])),
    reporting_webhook: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 2000 }), Type.Null()])),
    /** The events the workspace covers; absent or null: all the organization's events. */
    event_ids: Type.Optional(
      Type.Union([Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200, uniqueItems: true }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
)
export type WorkspaceSettings = Static<typeof WorkspaceSettings>

export const WorkspaceRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  org_id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  slug: Type.String(),
  default_role: WorkspaceRole,
  settings: Type.Object({
    timezone: Type.String(),
    goal_gmv_cents: Type.Union([Type.Integer(), Type.Null()]),
    reporting_webhook: Type.Union([Type.String(), Type.Null()]),
    event_ids: Type.Union([Type.Array(Type.String()), Type.Null()]),
  }),
  command_center: Type.Object({
    enabled: Type.Boolean(),
    capture_rollups: Type.Boolean(),
    notify_slack_webhook: Type.Union([Type.String(), Type.Null()]),
  }),
  my_role: WorkspaceRole,
  archived_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type WorkspaceRecord = Static<typeof WorkspaceRecord>

export const WorkspaceMemberRecord = Type.Object({
  user_id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  role: WorkspaceRole,
  created_at: Type.String(),
})
export type WorkspaceMemberRecord = Static<typeof WorkspaceMemberRecord>

export const WorkspaceInvitationRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  role: WorkspaceRole,
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted')]),
  delivery: Type.Union([Type.Literal('sent'), Type.Literal('failed')]),
})
export type WorkspaceInvitationRecord = Static<typeof WorkspaceInvitationRecord>

// ---- Widgets: each type's config is validated by its own schema. ----

const limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 50 }))

export const kpiMetrics = [
  'gmv',
  'packages_sold',
  'open_proposals',
  'orders_by_escrow',
  'payouts',
  'leads_today',
  'hot_leads',
] as const
export const marketplaceMetrics = ['leads', 'proposals', 'orders', 'sold', 'conversion_rate'] as const

export const widgetConfigSchemas = {
  /** Seed 001 §20.2: a package's card; needs package_id. */
  marketplace_card: Type.Object(
    {
      highlight: Type.String({ minLength: 1, maxLength: 60 }),
      cta: Type.String({ minLength: 1, maxLength: 60 }),
      metrics: Type.Array(
        Type.Union([
          Type.Literal('leads'),
          Type.Literal('proposals'),
          Type.Literal('orders'),
          Type.Literal('sold'),
          Type.Literal('conversion_rate'),
        ]),
        { minItems: 1, maxItems: 5, uniqueItems: true },
      ),
    },
    { additionalProperties: false },
  ),
  kpi_tile: Type.Object(
    {
      metric: Type.Union([
        Type.Literal('gmv'),
        Type.Literal('packages_sold'),
        Type.Literal('open_proposals'),
        Type.Literal('orders_by_escrow'),
        Type.Literal('payouts'),
        Type.Literal('leads_today'),
        Type.Literal('hot_leads'),
      ]),
      title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    },
    { additionalProperties: false },
  ),
  time_series: Type.Object(
    {
      series: Type.Union([Type.Literal('leads_per_hour'), Type.Literal('gmv_per_day')]),
      /** Hours of leads_per_hour (default 24), days of gmv_per_day (default 30). */
      range: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
    },
    { additionalProperties: false },
  ),
  funnel: Type.Object(
    {
      title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    },
    { additionalProperties: false },
  ),
  leaderboard: Type.Object(
    {
      board: Type.Union([Type.Literal('sponsors_by_leads'), Type.Literal('representatives_by_captures')]),
      limit,
    },
    { additionalProperties: false },
  ),
  capture_ticker: Type.Object({ limit }, { additionalProperties: false }),
} satisfies Record<string, TSchema>

export type WidgetType = keyof typeof widgetConfigSchemas
export const widgetTypes = Object.keys(widgetConfigSchemas) as WidgetType[]
export type WidgetConfig<T extends WidgetType = WidgetType> = Static<(typeof widgetConfigSchemas)[T]>

export const WidgetLayout = Type.Object(
  {
    x: Type.Integer({ minimum: 0, maximum: 48 }),
    y: Type.Integer({ minimum: 0, maximum: 10_000 }),
    w: Type.Integer({ minimum: 1, maximum: 48 }),
    h: Type.Integer({ minimum: 1, maximum: 48 }),
  },
  { additionalProperties: false },
)
export type WidgetLayout = Static<typeof WidgetLayout>

export const WidgetRecord = Type.Object({
  workspace_id: Type.String({ format: 'uuid' }),
  widget_id: Type.String(),
  widget_type: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  package_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  layout: WidgetLayout,
  version: Type.Integer(),
  /** The widget's data (its shape follows widget_type), as of data_built_at. */
  data: Type.Unsafe<WidgetData | null>({}),
  data_built_at: Type.Union([Type.String(), Type.Null()]),
  updated_at: Type.String(),
})
export type WidgetRecord = Static<typeof WidgetRecord>

// ---- Widget data, by type ----
export interface KpiData {
  kind: 'kpi'
  metric: string
  value: number
  previous: number | null
  goal: number | null
  unit: 'cents' | 'count'
  breakdown?: Record<string, number>
}
export interface SeriesData {
  kind: 'series'
  series: string
  keys: string[]
  points: ({ t: string } & Record<string, number | string>)[]
}
export interface FunnelData {
  kind: 'funnel'
  stages: { stage: string; count: number }[]
}
export interface LeaderboardData {
  kind: 'leaderboard'
  board: string
  rows: { id: string; name: string; value: number }[]
}
export interface TickerData {
  kind: 'ticker'
  captures: { id: string; sponsor: string; intent_level: string; captured_at: string }[]
}
export interface MarketplaceCardData {
  kind: 'marketplace_card'
  package: {
    id: string
    title: string
    tier: string
    price_cents: number
    currency: string
    sold: number
    inventory: number
  } | null
  metrics: Record<string, number | null>
}
export type WidgetData = KpiData | SeriesData | FunnelData | LeaderboardData | TickerData | MarketplaceCardData

export const CommandCenterStatus = Type.Object({
  workspace_id: Type.String({ format: 'uuid' }),
  enabled: Type.Boolean(),
  capture_rollups: Type.Boolean(),
  notify_slack_webhook: Type.Union([Type.String(), Type.Null()]),
  /** The last delta's sequence number: a client that saw this one has missed nothing before it. */
  seq: Type.Integer(),
  /** The latest rollup's values by metric, and when they were captured (null before the first rollup). */
  latest: Type.Record(Type.String(), Type.Number()),
  as_of: Type.Union([Type.String(), Type.Null()]),
})
export type CommandCenterStatus = Static<typeof CommandCenterStatus>
