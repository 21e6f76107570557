// The organizer's and the sponsor admin's records as the desktop reads them from the server (seed 004 wire shapes):
// tiers, an event's sponsors with counts, invitations, people, attendees, the sponsor profile and lead statistics.
import { Type, type Static, type TSchema } from 'typebox'
import { SponsorPermissionSchema, SponsorRoleSchema } from '../sponsors/permissions'

const Uuid = Type.String({ format: 'uuid' })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const TierRecord = Type.Object({
  id: Uuid,
  event_id: Uuid,
  name: Type.String(),
  display_order: Type.Integer(),
  color: Nullable(Type.String()),
  price_cents: Nullable(Type.Integer()),
  benefits: Type.Array(Type.String()),
  is_active: Type.Boolean(),
})
export type TierRecord = Static<typeof TierRecord>

export const LeadCountsRecord = Type.Object({
  total: Type.Integer(),
  hot: Type.Integer(),
  warm: Type.Integer(),
  cold: Type.Integer(),
})

/** A sponsor at one event, with its lead counts (never contacts) and how many people represent it. */
export const EventSponsorRecord = Type.Object({
  id: Uuid,
  org_id: Uuid,
  event_id: Uuid,
  tier_id: Uuid,
  tier_name: Type.String(),
  company_name: Type.String(),
  contact_email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  logo_url: Nullable(Type.String()),
  is_featured: Type.Boolean(),
  is_archived: Type.Boolean(),
  booth_location: Nullable(Type.String()),
  lead_counts: LeadCountsRecord,
  /** People with a seat at the sponsor (null: the organizer may not see them). */
  representative_count: Nullable(Type.Integer()),
})
export type EventSponsorRecord = Static<typeof EventSponsorRecord>

export const InvitationRecord = Type.Object({
  id: Uuid,
  sponsor_id: Uuid,
  email: Type.String(),
  role: SponsorRoleSchema,
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('accepted'),
    Type.Literal('revoked'),
    Type.Literal('expired'),
  ]),
  expires_at: Type.String(),
  send_count: Type.Integer(),
  last_sent_at: Nullable(Type.String()),
  delivery_error: Nullable(Type.String()),
  created_at: Type.String(),
})
export type InvitationRecord = Static<typeof InvitationRecord>

export const SponsorUserRecord = Type.Object({
  id: Uuid,
  sponsor_id: Uuid,
  user_id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: SponsorRoleSchema,
  permissions: Type.Array(SponsorPermissionSchema),
})
export type SponsorUserRecord = Static<typeof SponsorUserRecord>

export const AttendeeRecord = Type.Object({
  id: Uuid,
  badge_code: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  consent_to_share: Type.Boolean(),
})
export type AttendeeRecord = Static<typeof AttendeeRecord>

/** A line of an attendee file the server refused, with its line number (1 is the header). */
export const CsvProblem = Type.Object({ line: Type.Integer(), message: Type.String() })
export type CsvProblem = Static<typeof CsvProblem>

export const SponsorProfileRecord = Type.Object({
  id: Uuid,
  company_name: Type.String(),
  contact_email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  logo_url: Nullable(Type.String()),
  updated_at: Type.String(),
})
export type SponsorProfileRecord = Static<typeof SponsorProfileRecord>

export const LeadStatsRecord = Type.Object({
  total: Type.Integer(),
  archived: Type.Integer(),
  starred: Type.Integer(),
  by_intent_level: Type.Object({ hot: Type.Integer(), warm: Type.Integer(), cold: Type.Integer() }),
  by_follow_up_status: Type.Record(Type.String(), Type.Integer()),
  by_rep: Type.Array(Type.Object({ user_id: Nullable(Uuid), name: Nullable(Type.String()), leads: Type.Integer() })),
  by_hour: Type.Array(Type.Object({ hour: Type.String(), leads: Type.Integer() })),
})
export type LeadStatsRecord = Static<typeof LeadStatsRecord>
