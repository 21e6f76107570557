// Sponsor representatives and their invitations. Columns are aliased to camelCase once, here.
import type { SponsorPermission, SponsorRole } from '../../shared/sponsors/permissions'
import type { OrgRole } from '../../shared/domain'
import { named, type Queryable } from '../db/database'

export interface SponsorUser {
  id: string
  sponsorId: string
  userId: string
  email: string
  name: string
  role: SponsorRole
  permissions: SponsorPermission[]
  createdAt: Date
  updatedAt: Date
}

export interface Invitation {
  id: string
  sponsorId: string
  email: string
  role: SponsorRole
  permissions: SponsorPermission[]
  status: 'pending' | 'accepted' | 'revoked'
  expiresAt: Date
  invitedBy: string | null
  acceptedBy: string | null
  acceptedAt: Date | null
  revokedAt: Date | null
  sendCount: number
  lastSentAt: Date | null
  deliveryError: string | null
  createdAt: Date
}

/** What one user may do for one sponsor: their membership in its organization and their sponsor role. */
export interface SponsorGrant {
  sponsorId: string
  sponsorOrgId: string
  companyName: string
  orgRole: OrgRole
  sponsorRole: SponsorRole | null
  permissions: SponsorPermission[]
}

const userColumns = `su.id, su.sponsor_id AS "sponsorId", su.user_id AS "userId", u.email, u.name, su.role,
  su.permissions, su.created_at AS "createdAt", su.updated_at AS "updatedAt"`

const invitationColumns = `i.id, i.sponsor_id AS "sponsorId", i.email, i.role, i.permissions, i.status,
  i.expires_at AS "expiresAt", i.invited_by AS "invitedBy", i.accepted_by AS "acceptedBy", i.accepted_at AS "acceptedAt",
  i.revoked_at AS "revokedAt", i.send_count AS "sendCount", i.last_sent_at AS "lastSentAt",
  i.delivery_error AS "deliveryError", i.created_at AS "createdAt"`

/** Every sponsor the user belongs to (outside any tenant: a user's own grants). */
export async function listSponsorGrants(db: Queryable, userId: string, sponsorId?: string) {
  const { rows } = await db.query<SponsorGrant>(
    `SELECT s.id AS "sponsorId", s.org_id AS "sponsorOrgId", s.company_name AS "companyName", m.role AS "orgRole",
       su.role AS "sponsorRole", coalesce(su.permissions, '{}') AS permissions
     FROM memberships m
     JOIN sponsors s ON s.org_id = m.org_id
     LEFT JOIN sponsor_users su ON su.sponsor_id = s.id AND su.user_id = m.user_id
     WHERE m.user_id = $1 AND ($2::uuid IS NULL OR s.id = $2)
     ORDER BY s.company_name`,
    [userId, sponsorId ?? null],
  )
  return rows
}

export async function listSponsorUsers(db: Queryable, sponsorId: string) {
  const { rows } = await db.query<SponsorUser>(
    `SELECT ${userColumns} FROM sponsor_users su JOIN users u ON u.id = su.user_id WHERE su.sponsor_id = $1 ORDER BY u.name`,
    [sponsorId],
  )
  return rows
}

export async function findSponsorUser(db: Queryable, id: string) {
  const { rows } = await db.query<SponsorUser>(
    `SELECT ${userColumns} FROM sponsor_users su JOIN users u ON u.id = su.user_id WHERE su.id = $1`,
    [id],
  )
  return rows[0] ?? null
}

/** Adds the user to the sponsor (and as a member of its organization); an existing representative gets the new role. */
export async function upsertSponsorUser(
  db: Queryable,
  grant: {
    sponsorId: string
    sponsorOrgId: string
    userId: string
    role: SponsorRole
    permissions: readonly SponsorPermission[]
  },
) {
  await db.query(
    `INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'member') ON CONFLICT (org_id, user_id) DO NOTHING`,
    [grant.sponsorOrgId, grant.userId],
  )
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sponsor_users (org_id, sponsor_id, user_id, role, permissions) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sponsor_id, user_id) DO UPDATE SET role = excluded.role, permissions = excluded.permissions, updated_at = now()
     RETURNING id`,
    [grant.sponsorOrgId, grant.sponsorId, grant.userId, grant.role, grant.permissions],
  )
  return rows[0]!.id
}

export async function updateSponsorUser(
  db: Queryable,
  id: string,
  change: { role: SponsorRole; permissions: readonly SponsorPermission[] },
) {
  const { rowCount } = await db.query(
    'UPDATE sponsor_users SET role = $2, permissions = $3, updated_at = now() WHERE id = $1',
    [id, change.role, change.permissions],
  )
  return rowCount === 1
}

/** Removes the representative and their plain membership of the sponsor organization (owners and admins stay). */
export async function deleteSponsorUser(db: Queryable, user: SponsorUser, sponsorOrgId: string) {
  await db.query('DELETE FROM sponsor_users WHERE id = $1', [user.id])
  await db.query(`DELETE FROM memberships WHERE org_id = $1 AND user_id = $2 AND role = 'member'`, [
    sponsorOrgId,
    user.userId,
  ])
}

export async function insertInvitation(
  db: Queryable,
  invite: {
    orgId: string
    sponsorId: string
    email: string
    role: SponsorRole
    permissions: readonly SponsorPermission[]
    tokenHash: string
    expiresAt: Date
    invitedBy: string
  },
) {
  const { rows } = await db.query<Invitation>(
    `INSERT INTO sponsor_invitations AS i (org_id, sponsor_id, email, role, permissions, token_hash, expires_at, invited_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (sponsor_id, lower(email)) WHERE status = 'pending' DO NOTHING
     RETURNING ${invitationColumns}`,
    [
      invite.orgId,
      invite.sponsorId,
      invite.email,
      invite.role,
      invite.permissions,
      invite.tokenHash,
      invite.expiresAt,
      invite.invitedBy,
    ],
  )
  return rows[0] ?? null
}

export async function listInvitations(db: Queryable, sponsorId: string) {
  const { rows } = await db.query<Invitation>(
    `SELECT ${invitationColumns} FROM sponsor_invitations i WHERE i.sponsor_id = $1 ORDER BY i.created_at DESC`,
    [sponsorId],
  )
  return rows
}

export async function findInvitation(db: Queryable, id: string) {
  const { rows } = await db.query<Invitation>(
    `SELECT ${invitationColumns} FROM sponsor_invitations i WHERE i.id = $1`,
    [id],
  )
  return rows[0] ?? null
}

/** A fresh token and expiry for a pending invitation (resend: the old link stops working). */
export async function renewInvitation(db: Queryable, id: string, tokenHash: string, expiresAt: Date) {
  const { rows } = await db.query<Invitation>(
    `UPDATE sponsor_invitations i SET token_hash = $2, expires_at = $3, updated_at = now()
     WHERE i.id = $1 AND i.status = 'pending' RETURNING ${invitationColumns}`,
    [id, tokenHash, expiresAt],
  )
  return rows[0] ?? null
}

export async function recordDelivery(db: Queryable, id: string, error: string | null) {
  await db.query(
    `UPDATE sponsor_invitations SET send_count = send_count + 1, last_sent_at = now(), delivery_error = $2 WHERE id = $1`,
    [id, error],
  )
}

export async function revokeInvitation(db: Queryable, id: string) {
  const { rows } = await db.query<Invitation>(
    `UPDATE sponsor_invitations i SET status = 'revoked', revoked_at = now(), updated_at = now()
     WHERE i.id = $1 AND i.status = 'pending' RETURNING ${invitationColumns}`,
    [id],
  )
  return rows[0] ?? null
}

/** The invitation a token belongs to, locked for this transaction so it is accepted at most once. */
export async function lockInvitationByToken(db: Queryable, tokenHash: string) {
  const { rows } = await db.query<Invitation & { orgId: string }>(
    `SELECT ${invitationColumns}, i.org_id AS "orgId" FROM sponsor_invitations i WHERE i.token_hash = $1 FOR UPDATE`,
    [tokenHash],
  )
  return rows[0] ?? null
}

export async function markInvitationAccepted(db: Queryable, id: string, userId: string) {
  await db.query(
    `UPDATE sponsor_invitations SET status = 'accepted', accepted_by = $2, accepted_at = now(), updated_at = now() WHERE id = $1`,
    [id, userId],
  )
}

/** In one query: the caller's membership of the organization they act for and, if that organization is the sponsor's, their sponsor role. */
export async function findSponsorCaller(db: Queryable, userId: string, orgId: string, sponsorId: string) {
  const { rows } = await db.query<{
    orgKind: 'organizer' | 'sponsor'
    orgRole: OrgRole
    sponsorId: string | null
    companyName: string | null
    sponsorRole: SponsorRole | null
    permissions: SponsorPermission[]
  }>(
    named(
      'sponsor-caller',
      `SELECT o.kind AS "orgKind", m.role AS "orgRole", s.id AS "sponsorId", s.company_name AS "companyName",
       su.role AS "sponsorRole", coalesce(su.permissions, '{}') AS permissions
     FROM memberships m JOIN organizations o ON o.id = m.org_id
     LEFT JOIN sponsors s ON s.org_id = m.org_id AND s.id = $3
     LEFT JOIN sponsor_users su ON su.sponsor_id = s.id AND su.user_id = m.user_id
     WHERE m.user_id = $1 AND m.org_id = $2`,
    ),
    [userId, orgId, sponsorId],
  )
  return rows[0] ?? null
}
