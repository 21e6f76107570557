// Tiers, sponsors and their sponsorships (seed 004), as organizers, sponsors and attendees see them.
export const sponsorTypeDefs = /* GraphQL */ `
  type SponsorTier {
    id: ID!
    eventId: ID!
    name: String!
    displayOrder: Int!
    "A #RRGGBB colour."
    color: String
    "Whole cents."
    priceCents: Float
    benefits: [String!]!
    isActive: Boolean!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "Counts only: the organizer never sees attendee contact details."
  type LeadCounts {
    total: Int!
    hot: Int!
    warm: Int!
    cold: Int!
  }

  type EventSummary {
    id: ID!
    title: String!
    startAt: DateTime!
    endAt: DateTime!
  }

  "A sponsor at one event, with its tier."
  type Sponsorship {
    id: ID!
    eventId: ID!
    event: EventSummary
    sponsorId: ID!
    sponsor: Sponsor!
    tierId: ID!
    tier: SponsorTier!
    isFeatured: Boolean!
    isArchived: Boolean!
    boothLocation: String
    "Lead counts at this event, for the event's organizer; null for everyone else."
    leadCounts: LeadCounts
  }

  "A sponsor company (a sponsor organization's one sponsor record)."
  type Sponsor {
    id: ID!
    orgId: ID!
    companyName: String!
    contactEmail: String
    website: String
    description: String
    category: String
    logoUrl: String
    "The organizer that created the company on the sponsor's behalf, if any."
    managedByOrgId: ID
    "Its sponsorships: at your events (organizer), or all of them (the sponsor's own people)."
    sponsorships: [Sponsorship!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type SponsorWithTier {
    sponsor: Sponsor!
    sponsorship: Sponsorship!
    tier: SponsorTier!
  }

  "What an attendee sees of a sponsor at an event: no contact details, organization ids or counts."
  type PublicSponsor {
    sponsorId: ID!
    companyName: String!
    website: String
    description: String
    logoUrl: String
    tier: PublicTier!
    isFeatured: Boolean!
    boothLocation: String
  }
  type PublicTier {
    id: ID!
    name: String!
    color: String
    displayOrder: Int!
  }

  "A sponsor you represent, with your role and permissions there."
  type MySponsor {
    sponsor: Sponsor!
    role: String!
    permissions: [String!]!
    sponsorships: [Sponsorship!]!
  }

  input EventSponsorFilter {
    includeArchived: Boolean = false
    tierId: ID
    featured: Boolean
  }

  input SponsorTierInput {
    name: String!
    displayOrder: Int
    color: String
    priceCents: Float
    benefits: [String!]
    isActive: Boolean
  }
  input SponsorTierPatch {
    name: String
    displayOrder: Int
    color: String
    priceCents: Float
    benefits: [String!]
    isActive: Boolean
  }

  "Either sponsorOrgId (an existing sponsor organization) or name and contactEmail (a new company)."
  input CreateSponsorInput {
    tierId: ID!
    sponsorOrgId: ID
    name: String
    contactEmail: String
    website: String
    description: String
    category: String
    logoUrl: String
    isFeatured: Boolean
    boothLocation: String
  }
  input UpdateSponsorInput {
    "Which of your events a per-event change applies to, when the sponsor is at several."
    eventId: ID
    tierId: ID
    isFeatured: Boolean
    boothLocation: String
    companyName: String
    contactEmail: String
    website: String
    description: String
    category: String
    logoUrl: String
  }

  extend type Query {
    "An event's sponsor tiers (organizer)."
    eventSponsorTiers(eventId: ID!): [SponsorTier!]!
    "An event's sponsors with lead counts (organizer)."
    eventSponsors(eventId: ID!, filter: EventSponsorFilter): [Sponsorship!]!
    "A sponsor: its sponsorships at your events (organizer), or its own profile (its people, sponsor:leads:read)."
    sponsor(id: ID!): Sponsor
    "A sponsor with its tier at one event (the only one, or eventId)."
    sponsorWithTier(id: ID!, eventId: ID): SponsorWithTier
    "The sponsors you represent (no organization needed)."
    mySponsors: [MySponsor!]!
    "What attendees see of an event's active sponsors (no sign-in needed)."
    publicEventSponsors(eventId: ID!): [PublicSponsor!]!
  }

  extend type Mutation {
    createSponsorTier(eventId: ID!, input: SponsorTierInput!): SponsorTier!
    "Platinum, Gold, Silver and Bronze; names the event has are kept. Returns all the event's tiers."
    createDefaultSponsorTiers(eventId: ID!): [SponsorTier!]!
    updateSponsorTier(id: ID!, input: SponsorTierPatch!): SponsorTier!
    "Refused (tier-in-use) while a sponsor holds the tier."
    deleteSponsorTier(id: ID!): SponsorTier!
    createSponsor(eventId: ID!, input: CreateSponsorInput!): Sponsorship!
    updateSponsor(id: ID!, input: UpdateSponsorInput!): Sponsor!
    "Archives the sponsor at one event (the only one, or eventId); its leads are kept."
    archiveSponsor(id: ID!, eventId: ID): Sponsor!
    restoreSponsor(id: ID!, eventId: ID): Sponsor!
  }
`
