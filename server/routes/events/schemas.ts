// Request and response schemas of the events API.
import { Type } from 'typebox'
import { EventRecord } from '../../../shared/domain'

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 })
const OptionalText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])

const eventFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  start_at: Type.String({ format: 'date-time' }),
  end_at: Type.String({ format: 'date-time' }),
  city: Type.Optional(OptionalText(120)),
  region: Type.Optional(OptionalText(120)),
  country: Type.Optional(OptionalText(120)),
  categories: Type.Optional(Tags),
  target_audience: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.Unknown(), { maxProperties: 50 })),
  brand_safety_tags: Type.Optional(Tags),
  capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
}

export const CreateEventBody = Type.Object(eventFields, { additionalProperties: false })

export const PatchEventBody = Type.Object(
  {
    ...eventFields,
    title: Type.Optional(eventFields.title),
    start_at: Type.Optional(eventFields.start_at),
    end_at: Type.Optional(eventFields.end_at),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const EventList = Type.Object({
  data: Type.Array(EventRecord),
  has_more: Type.Boolean(),
  next_offset: Type.Union([Type.Integer(), Type.Null()]),
})

export { EventRecord }
