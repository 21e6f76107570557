// Request and response schemas of an event's attendee directory.
import { Type } from 'typebox'
import { Nullable } from '../schemas'

export const AttendeeInput = Type.Object(
  {
    badge_code: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    company: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    consent_to_share: Type.Optional(
      Type.Boolean({
        description: 'The attendee agreed that sponsors who capture them receive their contact details (default false)',
      }),
    ),
  },
  { additionalProperties: false },
)

export const maxAttendeesPerRequest = 10_000
export const AttendeeBatch = Type.Array(AttendeeInput, { minItems: 1, maxItems: maxAttendeesPerRequest })

export const AttendeeRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  event_id: Type.String({ format: 'uuid' }),
  badge_code: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  consent_to_share: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const UpsertResult = Type.Object({ inserted: Type.Integer(), updated: Type.Integer(), total: Type.Integer() })

export const AttendeePage = Type.Object({
  data: Type.Array(AttendeeRecord),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})

export const AttendeeQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    consent: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
  },
  { additionalProperties: false },
)

export const EventParams = Type.Object({ event_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
