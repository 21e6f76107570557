// Wire shapes of sponsorship commerce (seed 001 §4.1–4.3): packages, proposals, orders and their escrow.
// The server validates and documents with them; the desktop reads with their types.
// Registers the iso4217 format for TypeBox checks on the desktop.
import '../sane-values'
import { Type, type Static, type TSchema } from 'typebox'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Cents = Type.Integer({ minimum: 0, maximum: 100_000_000_000 })
const Currency = Type.String({ format: 'iso4217', description: 'ISO 4217 code, e.g. USD' })
const Benefits = Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown(), {
  description: 'Benefit name → value',
})

export const Availability = Type.Object(
  {
    start: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    end: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    max_per_sponsor: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
    exclusivity: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const Constraints = Type.Object(
  {
    category_allow: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    sponsor_conflicts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
)

export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('private')])

/** What a sponsor's late cancellation costs: part of a package's terms, so of every order sold on them. */
export const CancellationPolicy = Type.Object(
  {
    window_days: Type.Integer({
      minimum: 0,
      maximum: 365,
      description: 'Days before the event start from which a cancellation costs the penalty',
    }),
    penalty_pct: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'A fraction: 0.1 keeps 10 % on a late cancellation',
    }),
  },
  { additionalProperties: false },
)

/** When an order's escrow may be released: every deliverable approved or waived, at the event's end, or by hand. */
export const releaseConditions = ['deliverables_approved', 'event_end', 'manual'] as const
export type ReleaseCondition = (typeof releaseConditions)[number]
export const ReleaseConditionSchema = Type.Union(
  [Type.Literal('deliverables_approved'), Type.Literal('event_end'), Type.Literal('manual')],
  {
    description:
      'When the escrow may be released: deliverables_approved (every deliverable approved or waived; then released automatically), event_end (released after the event ends), manual (by a party)',
  },
)

export const PackageFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  tier: Type.String({ minLength: 1, maxLength: 50 }),
  price_cents: Cents,
  currency: Currency,
  inventory: Type.Integer({ minimum: 0, maximum: 100_000 }),
  benefits: Benefits,
  availability: Availability,
  audience_snapshot: Type.Record(Type.String(), Type.Unknown()),
  constraints: Constraints,
  visibility: Visibility,
  cancellation_policy: CancellationPolicy,
  release_condition: Nullable(ReleaseConditionSchema),
}

export const PackageRecord = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  event_id: Type.String(),
  event_title: Nullable(
    Type.String({ description: "The event's title: of your own events, and of events with a package on public sale" }),
  ),
  template_id: Nullable(Type.String()),
  title: Type.String(),
  tier: Type.String(),
  price_cents: Type.Integer(),
  currency: Type.String(),
  inventory: Type.Integer(),
  sold: Type.Integer(),
  available: Type.Integer({ description: 'inventory − sold' }),
  benefits: Type.Record(Type.String(), Type.Unknown()),
  availability: Type.Object({
    start: Nullable(Type.String()),
    end: Nullable(Type.String()),
    max_per_sponsor: Nullable(Type.Integer()),
    exclusivity: Type.Boolean(),
  }),
  audience_snapshot: Type.Record(Type.String(), Type.Unknown()),
  constraints: Type.Object({ category_allow: Type.Array(Type.String()), sponsor_conflicts: Type.Array(Type.String()) }),
  visibility: Visibility,
  cancellation_policy: Type.Object({ window_days: Type.Integer(), penalty_pct: Type.Number() }),
  release_condition: Nullable(
    Type.String({
      description:
        'When escrow of an order of this package may be released; null: deliverables_approved when its benefits make deliverables, else manual',
    }),
  ),
  is_active: Type.Boolean(),
  version: Type.Integer(),
  published_at: Nullable(Type.String()),
  quality_score: Nullable(Type.Number()),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type PackageRecord = Static<typeof PackageRecord>

export const proposalStatuses = ['draft', 'sent', 'counter', 'accepted', 'rejected', 'expired'] as const
export type ProposalStatus = (typeof proposalStatuses)[number]
export const ProposalStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('sent'),
  Type.Literal('counter'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
  Type.Literal('expired'),
])
export type Side = 'organizer' | 'sponsor'
export const SideSchema = Type.Union([Type.Literal('organizer'), Type.Literal('sponsor')])

export const Offer = Type.Object(
  {
    price_cents: Type.Integer({ minimum: 50, maximum: 100_000_000_000 }),
    requested_benefits: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    benefits_delta: Type.Optional(Benefits),
  },
  { additionalProperties: false },
)
export type Offer = Static<typeof Offer>

export const MessageRecord = Type.Object({
  id: Type.String(),
  thread_id: Type.String(),
  sender_type: SideSchema,
  sender_user_id: Nullable(Type.String()),
  body: Type.String(),
  offer: Nullable(Offer),
  package_version: Type.Integer(),
  created_at: Type.String(),
})
export type MessageRecord = Static<typeof MessageRecord>

export const ProposalRecord = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  sponsor_org_id: Type.String(),
  event_id: Type.String(),
  sponsor_id: Type.String(),
  sponsor_name: Type.String(),
  package_id: Type.String(),
  package_title: Type.String(),
  status: ProposalStatusSchema,
  created_by_side: SideSchema,
  order_id: Nullable(Type.String()),
  expires_at: Nullable(Type.String()),
  message_count: Type.Integer(),
  latest_offer: Nullable(Offer),
  /** Which side may accept, reject or counter now; null when the thread is closed or still a draft. */
  awaiting: Nullable(SideSchema),
  allowed_actions: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type ProposalRecord = Static<typeof ProposalRecord>

export const EscrowStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('requires_action'),
  Type.Literal('funded'),
  Type.Literal('locked'),
  Type.Literal('released'),
  Type.Literal('cancelled'),
  Type.Literal('refunded'),
])
export type EscrowState = Static<typeof EscrowStateSchema>
export const OrderStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('funded'),
  Type.Literal('completed'),
  Type.Literal('cancelled'),
  Type.Literal('refunded'),
])

export const OrderRecord = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  sponsor_org_id: Type.String(),
  sponsor_id: Type.String(),
  sponsor_name: Type.String(),
  event_id: Type.String(),
  package_id: Type.String(),
  package_title: Type.String(),
  package_version: Type.Integer(),
  thread_id: Nullable(Type.String()),
  amount_cents: Type.Integer(),
  currency: Type.String(),
  benefits: Type.Record(Type.String(), Type.Unknown()),
  cancellation_policy: Type.Object({ window_days: Type.Integer(), penalty_pct: Type.Number() }),
  event_start_at: Type.String({ description: "The event's start: a late cancellation is counted from it" }),
  platform_fee_percentage: Nullable(Type.Number()),
  status: OrderStatusSchema,
  escrow_state: EscrowStateSchema,
  payout_status: Nullable(Type.String()),
  refunded_cents: Type.Integer(),
  escrow_balance_cents: Type.Integer({ description: 'What the platform holds for this order now, from the ledger' }),
  stripe_payment_intent_id: Nullable(Type.String()),
  stripe_charge_id: Nullable(Type.String()),
  allowed_actions: Type.Array(Type.String()),
  release_condition: ReleaseConditionSchema,
  hold_expires_at: Nullable(
    Type.String({
      description:
        'Until when an unfunded order holds its unit; fund before it or the unit is released. Null once funded or closed',
    }),
  ),
  created_at: Type.String(),
  funded_at: Nullable(Type.String()),
  locked_at: Nullable(Type.String()),
  released_at: Nullable(Type.String()),
  cancelled_at: Nullable(Type.String()),
  updated_at: Type.String(),
})
export type OrderRecord = Static<typeof OrderRecord>

export const PaymentRecord = Type.Object({
  id: Type.String(),
  attempt: Type.Integer(),
  amount_cents: Type.Integer(),
  status: Type.String(),
  stripe_payment_intent_id: Nullable(Type.String()),
  failure_code: Nullable(Type.String()),
  failure_message: Nullable(Type.String()),
  created_at: Type.String(),
})
export const PayoutRecord = Type.Object({
  status: Type.String(),
  attempts: Type.Integer(),
  last_error: Nullable(Type.String()),
  amount_cents: Nullable(Type.Integer()),
  fee_cents: Nullable(Type.Integer()),
  stripe_transfer_id: Nullable(Type.String()),
  destination_account: Nullable(Type.String()),
  reversed_cents: Type.Integer(),
  paid_at: Nullable(Type.String()),
})
export const RefundRecord = Type.Object({
  stripe_refund_id: Type.String(),
  amount_cents: Type.Integer(),
  reversed_cents: Type.Integer(),
  reason: Nullable(Type.String()),
  created_at: Type.String(),
})
export const LedgerLine = Type.Object({
  kind: Type.String(),
  reference: Type.String(),
  account: Type.String(),
  amount_cents: Type.Integer(),
  created_at: Type.String(),
})

/** An order with everything that happened to its money: `GET /v1/sponsorship-orders/{id}`. */
export const OrderDetail = Type.Object({
  ...OrderRecord.properties,
  payments: Type.Array(PaymentRecord),
  refunds: Type.Array(RefundRecord),
  payout: Nullable(PayoutRecord),
  ledger: Type.Array(LedgerLine),
})
export type OrderDetail = Static<typeof OrderDetail>

/** What funding answered: the order, and when 3-D Secure is needed, where the sponsor authenticates. */
export const FundResult = Type.Object({
  order: OrderDetail,
  payment_intent_id: Type.String(),
  status: Type.String({ description: "Stripe's PaymentIntent status" }),
  client_secret: Nullable(Type.String()),
  next_action: Nullable(Type.Object({ type: Type.String(), redirect_url: Nullable(Type.String()) })),
})
export type FundResult = Static<typeof FundResult>

/** Money for people: 150000 USD cents → "$1,500.00". */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100)
}
