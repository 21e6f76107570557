// Request schemas of the order API (seed 001 §4.3, §20.4).
import { Type } from 'typebox'
import { OrderRecord } from '../../../shared/commerce/commerce-records'

export const CreateOrderBody = Type.Object(
  {
    package_id: Type.String({ format: 'uuid' }),
    sponsor_id: Type.String({ format: 'uuid', description: 'Your own sponsor company (GET /v1/my-sponsors)' }),
    event_id: Type.String({ format: 'uuid' }),
    amount_cents: Type.Integer({
      minimum: 50,
      maximum: 100_000_000_000,
      description: "The package's list price as you saw it: a confirmation, not an offer",
    }),
    currency: Type.String({
      pattern: '^[A-Z]{3}$',
      format: 'iso4217',
      description: "ISO 4217 code in capitals, the package's currency (e.g. USD)",
    }),
  },
  { additionalProperties: false },
)

export const FundBody = Type.Object(
  {
    payment_method_id: Type.String({
      minLength: 3,
      maxLength: 255,
      description: "A Stripe PaymentMethod id; in test mode one of Stripe's test cards, e.g. pm_card_visa",
    }),
  },
  { additionalProperties: false },
)

export const ReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export const RefundBody = Type.Object(
  {
    amount_cents: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: 'Defaults to everything still refundable' }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const OrderList = Type.Object({ data: Type.Array(OrderRecord) })
export const OrderListQuery = Type.Object(
  { event_id: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
)
export const ReleaseResult = Type.Object({ success: Type.Boolean(), payout_queued: Type.Boolean() })
