// A sponsor's leads, their statistics, and live lead feeds (seed 004).
export const leadTypeDefs = /* GraphQL */ `
  type Interaction {
    type: String!
    points: Int!
    at: DateTime!
    capturedBy: ID
    receivedAt: DateTime
    "ok, or clamped when the device's clock was out of bounds."
    clock: String
  }

  type Consent {
    source: String!
    confirmedBy: ID
    confirmedAt: DateTime!
  }

  type Person {
    id: ID!
    name: String
  }

  type NoteEntry {
    id: ID!
    text: String!
    authorId: ID
    authorName: String
    deviceId: String
    createdAt: DateTime!
    editedAt: DateTime
  }

  type Lead {
    id: ID!
    sponsorId: ID!
    eventId: ID!
    attendeeId: ID
    badgeCode: String
    isManual: Boolean!
    name: String!
    email: String
    company: String
    title: String
    phone: String
    consent: Consent!
    intentScore: Int!
    intentLevel: IntentLevel!
    interactions: [Interaction!]!
    "e.g. demo_request +30, direct_request +35, repeat_visit +5 = 70"
    scoreExplanation: String!
    qualifiers: JSON!
    notes: String
    noteEntries: [NoteEntry!]!
    history: JSON!
    isStarred: Boolean!
    isArchived: Boolean!
    followUpStatus: FollowUpStatus!
    capturedById: ID
    "Who first captured the lead."
    capturedBy: Person
    captureCount: Int!
    firstCapturedAt: DateTime!
    lastCapturedAt: DateTime!
    updatedAt: DateTime!
  }

  type LeadEdge {
    cursor: String!
    node: Lead!
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type LeadConnection {
    edges: [LeadEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type LeadNotice {
    code: String!
    field: String!
    message: String!
  }
  type EditedLead {
    lead: Lead!
    notices: [LeadNotice!]!
  }

  type CountByStatus {
    status: FollowUpStatus!
    leads: Int!
  }
  type CountByRep {
    user: Person
    leads: Int!
  }
  type CountByHour {
    hour: DateTime!
    leads: Int!
  }
  type IntentCounts {
    hot: Int!
    warm: Int!
    cold: Int!
  }
  type LeadStats {
    "Active (unarchived) leads."
    total: Int!
    archived: Int!
    starred: Int!
    byIntentLevel: IntentCounts!
    byFollowUpStatus: [CountByStatus!]!
    byRep: [CountByRep!]!
    byHour: [CountByHour!]!
  }

  type QualifierQuestion {
    id: ID!
    eventId: ID!
    prompt: String!
    kind: String!
    options: [String!]!
    isRequired: Boolean!
    displayOrder: Int!
    isActive: Boolean!
  }

  "Archived leads are hidden unless archived is true."
  input LeadFilter {
    eventId: ID
    intentLevel: IntentLevel
    status: FollowUpStatus
    starred: Boolean
    archived: Boolean
    "The user who first captured the lead."
    rep: ID
    "Text in name, email, company, title, notes or badge."
    q: String
  }

  input NoteInput {
    id: ID!
    text: String!
  }

  input LeadUpdateInput {
    "When the edit was made (default now); decides last-writer-wins."
    editedAt: DateTime
    starred: Boolean
    archived: Boolean
    followUpStatus: FollowUpStatus
    addNote: NoteInput
    editNote: NoteInput
    qualifiers: JSON
  }

  type LeadIntentUpdate {
    lead: Lead!
    intentLevel: IntentLevel!
    intentScore: Int!
    previousIntentLevel: IntentLevel
  }

  extend type Query {
    "The sponsor's leads, newest capture first (or by score), in cursor pages of at most 200 (sponsor:leads:read)."
    sponsorLeads(
      sponsorId: ID!
      filter: LeadFilter
      sort: LeadSort = recent
      first: Int = 50
      after: String
    ): LeadConnection!
    lead(sponsorId: ID!, id: ID!): Lead
    sponsorStats(sponsorId: ID!, eventId: ID): LeadStats!
    qualifierQuestions(sponsorId: ID!, eventId: ID!): [QualifierQuestion!]!
  }

  extend type Mutation {
    "Star, archive, follow-up, notes and qualifier answers (sponsor:leads:write); the later edit wins, the other stays in history."
    updateLead(sponsorId: ID!, id: ID!, input: LeadUpdateInput!): EditedLead!
    starLead(sponsorId: ID!, id: ID!, starred: Boolean = true): EditedLead!
    archiveLead(sponsorId: ID!, id: ID!, archived: Boolean = true): EditedLead!
  }

  extend type Subscription {
    "Each new lead of the sponsor as it is captured (sponsor:leads:read, the lead room's rule)."
    leadCaptured(sponsorId: ID!): Lead!
    "A repeat capture that changed a lead's score."
    leadIntentUpdated(sponsorId: ID!): LeadIntentUpdate!
  }
`
