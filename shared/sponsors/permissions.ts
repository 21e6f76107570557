// Sponsor representatives' roles and the permissions each grants (seed 004, e.g. `sponsor:leads:read`).
// Owners and admins of the sponsor organization hold every permission.
import { Type } from 'typebox'

export const sponsorRoles = ['admin', 'representative', 'booth_staff', 'viewer'] as const
export type SponsorRole = (typeof sponsorRoles)[number]

export const sponsorPermissions = [
  'sponsor:leads:read',
  'sponsor:leads:capture',
  'sponsor:leads:write',
  'sponsor:leads:export',
  'sponsor:users:manage',
  'sponsor:profile:write',
] as const
export type SponsorPermission = (typeof sponsorPermissions)[number]

export const rolePermissions: Record<SponsorRole, readonly SponsorPermission[]> = {
  admin: sponsorPermissions,
  representative: ['sponsor:leads:read', 'sponsor:leads:capture', 'sponsor:leads:write', 'sponsor:leads:export'],
  // Booth staff capture and see the leads they work with, but never take the list away.
  booth_staff: ['sponsor:leads:read', 'sponsor:leads:capture'],
  viewer: ['sponsor:leads:read'],
}

export function isSponsorPermission(value: unknown): value is SponsorPermission {
  return typeof value === 'string' && (sponsorPermissions as readonly string[]).includes(value)
}

// Literal unions written out: TypeBox loses the literal types of a mapped array.
export const SponsorRoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('representative'),
  Type.Literal('booth_staff'),
  Type.Literal('viewer'),
])
export const SponsorPermissionSchema = Type.Union([
  Type.Literal('sponsor:leads:read'),
  Type.Literal('sponsor:leads:capture'),
  Type.Literal('sponsor:leads:write'),
  Type.Literal('sponsor:leads:export'),
  Type.Literal('sponsor:users:manage'),
  Type.Literal('sponsor:profile:write'),
])
