// Request schemas of the proposal API (seed 001 §4.2).
import { Type } from 'typebox'
import {
  MessageRecord,
  Offer,
  OrderRecord,
  ProposalRecord,
  ProposalStatusSchema,
  SideSchema,
} from '../../../shared/commerce/commerce-records'

const MessageFields = {
  body: Type.String({ maxLength: 10000, default: '' }),
  offer: Type.Optional(Offer),
}

export const CreateProposalBody = Type.Object(
  {
    event_id: Type.String({ format: 'uuid' }),
    sponsor_id: Type.String({ format: 'uuid', description: "The sponsor company's id (GET /v1/my-sponsors)" }),
    package_id: Type.String({ format: 'uuid', description: 'The package this proposal negotiates' }),
    initial_message: Type.Optional(Type.Object(MessageFields, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

export const MessageBody = Type.Object(
  {
    sender_type: Type.Optional(SideSchema),
    ...MessageFields,
  },
  { additionalProperties: false },
)

export const CounterBody = Type.Object(
  { body: Type.Optional(Type.String({ maxLength: 10000 })), offer: Offer },
  { additionalProperties: false },
)
export const RejectBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)

export const ProposalDetail = Type.Object({ ...ProposalRecord.properties, messages: Type.Array(MessageRecord) })
export const ProposalList = Type.Object({ data: Type.Array(ProposalRecord) })
export const ProposalListQuery = Type.Object(
  {
    event_id: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(ProposalStatusSchema),
  },
  { additionalProperties: false },
)
export const AcceptResult = Type.Object({ proposal: ProposalDetail, order: OrderRecord })
