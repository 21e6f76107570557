// The desktop commands of sponsorship commerce: the organizer's packages, proposals and escrow,
// and the sponsor's offers, acceptances and payments. Online only: money never waits in an outbox.
import { Type, type TSchema } from 'typebox'
import { MessageRecord, OrderDetail, OrderRecord, PackageRecord, ProposalRecord } from './commerce-records'

const Id = Type.String({ format: 'uuid' })
const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })

export const ProposalThread = Type.Object({ ...ProposalRecord.properties, messages: Type.Array(MessageRecord) })

export const PackageDraft = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    tier: Type.String({ minLength: 1, maxLength: 50 }),
    price_cents: Type.Integer({ minimum: 0 }),
    currency: Type.String({ format: 'iso4217' }),
    inventory: Type.Integer({ minimum: 0 }),
    benefits: Type.Record(Type.String(), Type.Unknown()),
    visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  },
  { additionalProperties: false },
)

export const commerceCommands = {
  'packages-list': command(
    Type.Object({ eventId: Type.Optional(Id) }),
    Type.Object({ packages: Type.Array(PackageRecord) }),
  ),
  'package-save': command(
    Type.Object({ id: Type.Optional(Id), eventId: Type.Optional(Id), draft: PackageDraft }),
    PackageRecord,
  ),
  'package-publish': command(Type.Object({ id: Id }), PackageRecord),
  'proposals-list': command(Type.Object({}), Type.Object({ proposals: Type.Array(ProposalRecord) })),
  'proposal-get': command(Type.Object({ id: Id }), ProposalThread),
  'proposal-create': command(
    Type.Object({
      eventId: Id,
      sponsorId: Id,
      packageId: Id,
      body: Type.String({ maxLength: 10000 }),
      priceCents: Type.Integer({ minimum: 50 }),
    }),
    ProposalThread,
  ),
  'proposal-act': command(
    Type.Object({
      id: Id,
      action: Type.Union([
        Type.Literal('send'),
        Type.Literal('accept'),
        Type.Literal('reject'),
        Type.Literal('counter'),
      ]),
      body: Type.Optional(Type.String({ maxLength: 10000 })),
      priceCents: Type.Optional(Type.Integer({ minimum: 50 })),
    }),
    Type.Object({ proposal: ProposalThread, order: Type.Union([OrderRecord, Type.Null()]) }),
  ),
  'orders-list': command(Type.Object({}), Type.Object({ orders: Type.Array(OrderRecord) })),
  'order-get': command(Type.Object({ id: Id }), OrderDetail),
  'order-act': command(
    Type.Object({
      id: Id,
      action: Type.Union([
        Type.Literal('fund'),
        Type.Literal('lock'),
        Type.Literal('release'),
        Type.Literal('cancel'),
        Type.Literal('refund'),
      ]),
      paymentMethodId: Type.Optional(Type.String({ minLength: 3, maxLength: 255 })),
      amountCents: Type.Optional(Type.Integer({ minimum: 1 })),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    Type.Object({ order: OrderDetail, authenticationUrl: Type.Union([Type.String(), Type.Null()]) }),
  ),
  'payout-config-save': command(
    // The platform's fee is the platform's (a server setting): the organizer only connects an account.
    Type.Object({}, { additionalProperties: false }),
    Type.Object({
      stripe_connect_account_id: Type.String(),
      platform_fee_percentage: Type.Number(),
      stripe_mode: Type.String(),
    }),
  ),
} as const
