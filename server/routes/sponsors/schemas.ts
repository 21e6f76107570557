// Request and response schemas of the sponsor API (seed 004).
import { Type } from 'typebox'
import { Nullable } from '../schemas'
import { SponsorPermissionSchema } from '../../../shared/sponsors/permissions'

const Uuid = Type.String({ format: 'uuid' })
const Email = Type.String({ format: 'email', maxLength: 320 })

const profileFields = {
  website: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  category: Type.Optional(
    Nullable(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "The sponsor's industry, e.g. Beverage: package category allow-lists and exclusivity test it",
      }),
    ),
  ),
  logo_url: Type.Optional(
    Nullable(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        maxLength: 500,
        description: 'The company logo attendees see (http or https)',
      }),
    ),
  ),
}

export const AddSponsorBody = Type.Object(
  {
    tier_id: Uuid,
    sponsor_org_id: Type.Optional(Uuid),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    contact_email: Type.Optional(Email),
    ...profileFields,
    is_featured: Type.Optional(Type.Boolean()),
    booth_location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  {
    additionalProperties: false,
    description: 'Either an existing sponsor organization (sponsor_org_id) or a new company (name, contact_email)',
  },
)

export const PatchSponsorBody = Type.Object(
  {
    event_id: Type.Optional(Uuid),
    tier_id: Type.Optional(Uuid),
    is_featured: Type.Optional(Type.Boolean()),
    is_archived: Type.Optional(Type.Boolean()),
    booth_location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    company_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    contact_email: Type.Optional(Nullable(Email)),
    ...profileFields,
  },
  { additionalProperties: false, minProperties: 1 },
)

export const LeadCounts = Type.Object(
  {
    total: Type.Integer(),
    hot: Type.Integer(),
    warm: Type.Integer(),
    cold: Type.Integer(),
  },
  { description: 'Counts only: the organizer never sees attendee contact details' },
)

export const EventSponsorRecord = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The sponsor_id of lead paths' }),
  org_id: Type.String({ format: 'uuid', description: 'The sponsor organization' }),
  sponsorship_id: Type.String({ format: 'uuid' }),
  event_id: Type.String({ format: 'uuid' }),
  tier_id: Type.String({ format: 'uuid' }),
  tier_name: Type.String(),
  company_name: Type.String(),
  contact_email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  logo_url: Nullable(Type.String()),
  managed_by_org_id: Nullable(Type.String()),
  is_featured: Type.Boolean(),
  is_archived: Type.Boolean(),
  booth_location: Nullable(Type.String()),
  lead_counts: LeadCounts,
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const SponsorDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  org_id: Type.String({ format: 'uuid' }),
  company_name: Type.String(),
  contact_email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  logo_url: Nullable(Type.String()),
  managed_by_org_id: Nullable(Type.String()),
  sponsorships: Type.Array(EventSponsorRecord),
})

export const EventSponsorList = Type.Object({ data: Type.Array(EventSponsorRecord) })

export const ListSponsorsQuery = Type.Object(
  {
    include_archived: Type.Boolean({ default: false }),
    tier_id: Type.Optional(Uuid),
    featured: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const OrgSponsorParams = Type.Object({ org_id: Uuid, sponsor_id: Uuid }, { additionalProperties: false })
export const EventChoiceQuery = Type.Object({ event_id: Type.Optional(Uuid) }, { additionalProperties: false })

export const MySponsor = Type.Object({
  id: Type.String({ format: 'uuid' }),
  org_id: Type.String({ format: 'uuid' }),
  company_name: Type.String(),
  role: Type.String({ description: 'Sponsor role, or the organization role for owners and admins' }),
  permissions: Type.Array(SponsorPermissionSchema),
  events: Type.Array(
    Type.Object({
      event_id: Type.String({ format: 'uuid' }),
      title: Type.String(),
      start_at: Type.String(),
      end_at: Type.String(),
      tier_name: Type.String(),
      is_archived: Type.Boolean(),
    }),
  ),
})
export const MySponsorList = Type.Object({ data: Type.Array(MySponsor) })

export const PublicSponsorRecord = Type.Object(
  {
    sponsor_id: Type.String({ format: 'uuid' }),
    company_name: Type.String(),
    website: Nullable(Type.String()),
    description: Nullable(Type.String()),
    logo_url: Nullable(Type.String()),
    tier: Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      color: Nullable(Type.String()),
      display_order: Type.Integer(),
    }),
    is_featured: Type.Boolean(),
    booth_location: Nullable(Type.String()),
  },
  { description: 'What an attendee sees: no contact details, organization ids or lead counts' },
)
export const PublicSponsorList = Type.Object({ data: Type.Array(PublicSponsorRecord) })
export const EventParams = Type.Object({ event_id: Uuid }, { additionalProperties: false })
