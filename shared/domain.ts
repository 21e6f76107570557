// Wire shapes the server returns and the desktop stores; snake_case like the HTTP API.
import { Type, type Static } from 'typebox'

export const orgKinds = ['organizer', 'sponsor'] as const
export const orgRoles = ['owner', 'admin', 'member'] as const

export const OrgKind = Type.Union([Type.Literal('organizer'), Type.Literal('sponsor')])
export const OrgRole = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')])
export type OrgKind = (typeof orgKinds)[number]
export type OrgRole = (typeof orgRoles)[number]

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
})
export type User = Static<typeof User>

export const OrgMembership = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  kind: OrgKind,
  role: OrgRole,
})
export type OrgMembership = Static<typeof OrgMembership>

export const EventRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  org_id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  start_at: Type.String(),
  end_at: Type.String(),
  city: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  categories: Type.Array(Type.String()),
  target_audience: Type.Record(Type.String(), Type.Unknown()),
  brand_safety_tags: Type.Array(Type.String()),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
})
export type EventRecord = Static<typeof EventRecord>

export const AuthSession = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  expires_in: Type.Integer(),
  user: User,
  orgs: Type.Array(OrgMembership),
})
export type AuthSession = Static<typeof AuthSession>

/** Realtime events the server emits on socket.io, by name. */
export const realtimeEvents = {
  eventUpdated: 'event.updated',
  /** To one socket: it was removed from a room it may no longer read ({ room, reason }). */
  accessRevoked: 'access.revoked',
  /** To the organization's room: how far a CSV import has got ({ event_id, phase: 'reading' | 'writing', done, total }). */
  attendeesImportProgress: 'attendees.import.progress',
  /** To one socket: its access token expires soon; send auth.renew with a fresh one to stay connected. */
  authExpiring: 'auth.expiring',
  /** To each party's organization room: a proposal, order or payout changed (CommerceLiveEvent), from the outbox. */
  commerceChanged: 'commerce.changed',
  /** To both parties' organization rooms: a deliverable was proved or reviewed ({ deliverable_id, status, … }). */
  deliverableUpdated: 'deliverable.updated',
  /** To both parties' organization rooms: an order's SLA was decided ({ sla_id, metric, status, … }). */
  slaDecided: 'sla.decided',
} as const

/** What `commerce.changed` carries: which thing changed and how; screens read the thing itself again. */
export interface CommerceLiveEvent {
  /** The domain event's name: 'proposal.sent', 'order.funded', 'payout.completed', … */
  type: string
  proposal_id: string | null
  order_id: string | null
}

/** Realtime requests a client may send, by name. */
export const realtimeRequests = {
  orgJoin: 'org.join',
  /** { token }: a fresh access token of the same user; the connection and its rooms stay. */
  authRenew: 'auth.renew',
} as const
