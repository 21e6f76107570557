// Maps domain objects to the snake_case wire shapes of shared/domain.ts.
import type { AuthSession, EventRecord, OrgMembership, User as WireUser } from '../../shared/domain'
import type { Event } from '../repositories/events-repository'
import type { Membership, User } from '../repositories/users-repository'

export const userWire = (user: User): WireUser => ({ id: user.id, email: user.email, name: user.name })

export const membershipWire = (membership: Membership): OrgMembership => ({
  id: membership.orgId,
  name: membership.orgName,
  kind: membership.orgKind,
  role: membership.role,
})

export const eventWire = (event: Event): EventRecord => ({
  id: event.id,
  org_id: event.orgId,
  title: event.title,
  start_at: event.startAt.toISOString(),
  end_at: event.endAt.toISOString(),
  city: event.city,
  region: event.region,
  country: event.country,
  categories: event.categories,
  target_audience: event.targetAudience,
  brand_safety_tags: event.brandSafetyTags,
  capacity: event.capacity,
  created_at: event.createdAt.toISOString(),
  updated_at: event.updatedAt.toISOString(),
})

export type { AuthSession }
