// Scalars, enums and the root types every area extends. Vocabularies are the REST API's, word for word.
export const baseTypeDefs = /* GraphQL */ `
  "An instant, as an RFC 3339 string in UTC."
  scalar DateTime

  "Any JSON value (qualifier answers, note history)."
  scalar JSON

  "How likely a lead is to buy: hot 70-100 points, warm 40-69, cold 0-39 (seed 004)."
  enum IntentLevel {
    hot
    warm
    cold
  }

  enum FollowUpStatus {
    new
    contacted
    qualified
    not_interested
    converted
  }

  "A sponsor representative's role; owners and admins of the sponsor organization hold every permission."
  enum SponsorRole {
    admin
    representative
    booth_staff
    viewer
  }

  enum LeadSort {
    "Newest capture first."
    recent
    "Highest intent score first."
    score
  }

  type Query
  type Mutation
  type Subscription
`
