// Request and response schemas of notification preferences and one-click unsubscribe.
import { Type } from 'typebox'
import { Nullable } from '../schemas'
import { organizerMoments } from '../../notifications/notification-rules'

const uuid = Type.String({ format: 'uuid' })
// Literal unions written out: TypeBox loses the literal types of a mapped array.
const LeadEmails = Type.Union([Type.Literal('each_hot_lead'), Type.Literal('hourly_digest'), Type.Literal('off')], {
  description: 'Sponsors: an email for each hot lead, an hourly digest of new leads by intent, or none',
})
const Moment = Type.Union([
  Type.Literal('order.funded'),
  Type.Literal('proposal.sent'),
  Type.Literal('payout.completed'),
  Type.Literal('deliverable.submitted'),
  Type.Literal('deliverable.approved'),
])

export const Preference = Type.Object({
  event_id: Type.String(),
  event_title: Type.String(),
  lead_emails: LeadEmails,
  moments: Type.Array(Type.String(), { description: 'Organizers: the moments emailed' }),
  updated_at: Nullable(Type.String()),
})
export const PreferenceList = Type.Object({
  org_kind: Type.Union([Type.Literal('organizer'), Type.Literal('sponsor')]),
  available_moments: Type.Array(Type.String()),
  data: Type.Array(Preference),
})
export const PreferenceQuery = Type.Object({ event_id: Type.Optional(uuid) }, { additionalProperties: false })
export const PreferenceParams = Type.Object({ event_id: uuid }, { additionalProperties: false })
export const PreferenceBody = Type.Object(
  {
    lead_emails: Type.Optional(LeadEmails),
    moments: Type.Optional(Type.Array(Moment, { maxItems: organizerMoments.length, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 1000 }) },
  { additionalProperties: false },
)
