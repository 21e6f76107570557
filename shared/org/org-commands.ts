// The desktop commands of running events and sponsors: the organizer's events, tiers, sponsors, their people and
// invitations, attendees; the sponsor admin's profile, analytics and qualifier questions; accepting an invitation.
// Online only, straight to the server for the active organization.
import { Type, type TSchema } from 'typebox'
import { EventRecord } from '../domain'
import { QualifierKind, QuestionRecord } from '../leads/qualifier-question'
import { SponsorRoleSchema } from '../sponsors/permissions'
import {
  AttendeeRecord,
  CsvProblem,
  EventSponsorRecord,
  InvitationRecord,
  LeadStatsRecord,
  SponsorProfileRecord,
  SponsorUserRecord,
  TierRecord,
} from './org-records'

const Id = Type.String({ format: 'uuid' })
const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })
const Strict = <P extends Record<string, TSchema>>(properties: P) =>
  Type.Object(properties, { additionalProperties: false })
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 })
const Text = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])

export const EventDraft = Strict({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  start_at: Type.String({ format: 'date-time' }),
  end_at: Type.String({ format: 'date-time' }),
  city: Text(120),
  region: Text(120),
  country: Text(120),
  capacity: Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()]),
  categories: Tags,
  /** Who the event is for: { interests: ['startups'], age_buckets: ['25-34'] } (matching reads interests); other keys kept as they are. */
  target_audience: Type.Record(Type.String({ maxLength: 60 }), Type.Unknown(), { maxProperties: 50 }),
  brand_safety_tags: Tags,
})

export const ProfileDraft = Strict({
  company_name: Type.String({ minLength: 1, maxLength: 200 }),
  contact_email: Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()]),
  website: Type.Union([Type.String({ format: 'uri', maxLength: 500 }), Type.Null()]),
  description: Text(5000),
  category: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  logo_url: Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }), Type.Null()]),
})

export const QuestionDraft = Strict({
  prompt: Type.String({ minLength: 1, maxLength: 500 }),
  kind: QualifierKind,
  options: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  is_required: Type.Boolean(),
  is_active: Type.Boolean(),
})

export const orgCommands = {
  'event-get': command(Strict({ id: Id }), EventRecord),
  'event-save': command(Strict({ id: Type.Optional(Id), draft: EventDraft }), EventRecord),
  'tiers-list': command(Strict({ eventId: Id }), Type.Object({ tiers: Type.Array(TierRecord) })),
  /** The one-call default tiers (Platinum, Gold, Silver, Bronze); names already there are kept. */
  'tiers-defaults': command(Strict({ eventId: Id }), Type.Object({ tiers: Type.Array(TierRecord) })),
  'event-sponsors': command(
    Strict({ eventId: Id, includeArchived: Type.Boolean() }),
    Type.Object({ sponsors: Type.Array(EventSponsorRecord) }),
  ),
  'sponsor-add': command(
    Strict({
      eventId: Id,
      tierId: Id,
      name: Type.String({ minLength: 1, maxLength: 200 }),
      contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    }),
    Type.Object({ id: Id, company_name: Type.String() }),
  ),
  'sponsor-update': command(
    Strict({
      sponsorId: Id,
      eventId: Id,
      isFeatured: Type.Optional(Type.Boolean()),
      isArchived: Type.Optional(Type.Boolean()),
      tierId: Type.Optional(Id),
    }),
    Type.Object({ id: Id, company_name: Type.String() }),
  ),
  'sponsor-people': command(
    Strict({ sponsorId: Id }),
    Type.Object({ users: Type.Array(SponsorUserRecord), invitations: Type.Array(InvitationRecord) }),
  ),
  'invitation-send': command(
    Strict({ sponsorId: Id, email: Type.String({ format: 'email', maxLength: 320 }), role: SponsorRoleSchema }),
    Type.Object({ invitation: InvitationRecord, delivered: Type.Boolean() }),
  ),
  'invitation-resend': command(
    Strict({ id: Id }),
    Type.Object({ invitation: InvitationRecord, delivered: Type.Boolean() }),
  ),
  'invitation-revoke': command(Strict({ id: Id }), InvitationRecord),
  'sponsor-user-role': command(Strict({ id: Id, role: SponsorRoleSchema }), SponsorUserRecord),
  'sponsor-user-remove': command(Strict({ id: Id }), Type.Object({ removed: Type.Boolean() })),
  /** Accept an invitation with the code from its email (or a yardpass://invite/<code> link); the session gains the sponsor. */
  'invitation-accept': command(
    Strict({ code: Type.String({ minLength: 1, maxLength: 400 }) }),
    Type.Object({ sponsorId: Id, orgId: Id, companyName: Type.String(), role: SponsorRoleSchema }),
  ),
  'attendees-list': command(
    Strict({
      eventId: Id,
      q: Type.Optional(Type.String({ maxLength: 200 })),
      offset: Type.Integer({ minimum: 0 }),
      limit: Type.Integer({ minimum: 1, maximum: 500 }),
    }),
    Type.Object({ attendees: Type.Array(AttendeeRecord), total: Type.Integer() }),
  ),
  /** All rows or none: a refused file answers its problems by line and writes nothing. */
  'attendees-import': command(
    Strict({ eventId: Id, csv: Type.String({ minLength: 1, maxLength: 50 * 1024 * 1024 }) }),
    Type.Union([
      Type.Object({ ok: Type.Literal(true), inserted: Type.Integer(), updated: Type.Integer(), total: Type.Integer() }),
      Type.Object({ ok: Type.Literal(false), message: Type.String(), problems: Type.Array(CsvProblem) }),
    ]),
  ),
  'sponsor-profile': command(Strict({ sponsorId: Id }), SponsorProfileRecord),
  'sponsor-profile-save': command(Strict({ sponsorId: Id, draft: ProfileDraft }), SponsorProfileRecord),
  'lead-stats': command(Strict({ sponsorId: Id, eventId: Type.Optional(Id) }), LeadStatsRecord),
  'qualifiers-list': command(
    Strict({ sponsorId: Id, eventId: Id }),
    Type.Object({ questions: Type.Array(QuestionRecord) }),
  ),
  'qualifier-save': command(
    Strict({ sponsorId: Id, eventId: Id, id: Type.Optional(Id), draft: QuestionDraft }),
    QuestionRecord,
  ),
} as const
