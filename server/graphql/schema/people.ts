// A sponsor's representatives and their invitations (seed 004).
export const peopleTypeDefs = /* GraphQL */ `
  type Representative {
    id: ID!
    sponsorId: ID!
    userId: ID!
    email: String!
    name: String!
    role: SponsorRole!
    permissions: [String!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  enum InvitationStatus {
    pending
    accepted
    revoked
    expired
  }

  type Invitation {
    id: ID!
    sponsorId: ID!
    email: String!
    role: SponsorRole!
    permissions: [String!]!
    status: InvitationStatus!
    expiresAt: DateTime!
    invitedBy: ID
    acceptedBy: ID
    acceptedAt: DateTime
    revokedAt: DateTime
    sendCount: Int!
    lastSentAt: DateTime
    deliveryError: String
    createdAt: DateTime!
  }

  enum DeliveryStatus {
    sent
    outbox
    failed
  }
  type Delivery {
    status: DeliveryStatus!
    error: String
  }
  type SentInvitation {
    invitation: Invitation!
    delivery: Delivery!
  }

  type AcceptedInvitation {
    sponsorId: ID!
    orgId: ID!
    companyName: String!
    role: SponsorRole!
    permissions: [String!]!
  }

  input InvitationInput {
    email: String!
    role: SponsorRole!
    "sponsor:leads:read and the like; the role's permissions when left out."
    permissions: [String!]
  }
  input RepresentativeInput {
    role: SponsorRole
    "A new role without permissions takes the role's."
    permissions: [String!]
  }

  extend type Query {
    "A sponsor's representatives (its people with sponsor:users:manage, or the organizer managing it)."
    sponsorUsers(sponsorId: ID!): [Representative!]!
    sponsorInvitations(sponsorId: ID!): [Invitation!]!
  }

  extend type Mutation {
    createSponsorInvitation(sponsorId: ID!, input: InvitationInput!): SentInvitation!
    "A fresh link and expiry; the old link stops working."
    resendSponsorInvitation(id: ID!): SentInvitation!
    revokeSponsorInvitation(id: ID!): Invitation!
    "With the token from the email, signed in with the invited address (no organization needed)."
    acceptSponsorInvitation(token: String!): AcceptedInvitation!
    updateRepresentativePermissions(id: ID!, input: RepresentativeInput!): Representative!
    "Their access ends at once; leads they captured stay."
    removeRepresentative(id: ID!): Representative!
  }
`
