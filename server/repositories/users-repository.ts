// Users, organizations and memberships.
import type { OrgKind, OrgRole } from '../../shared/domain'
import { named, type Queryable } from '../db/database'

export interface User {
  id: string
  email: string
  name: string
}

export interface UserWithPassword extends User {
  passwordHash: string
}

export interface Membership {
  orgId: string
  orgName: string
  orgKind: OrgKind
  role: OrgRole
}

interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string
}

interface MembershipRow {
  org_id: string
  org_name: string
  org_kind: OrgKind
  role: OrgRole
}

const toUser = (row: UserRow): UserWithPassword => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
})

const toMembership = (row: MembershipRow): Membership => ({
  orgId: row.org_id,
  orgName: row.org_name,
  orgKind: row.org_kind,
  role: row.role,
})

export async function insertUser(db: Queryable, user: { email: string; name: string; passwordHash: string }) {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING id, email, name, password_hash`,
    [user.email, user.name, user.passwordHash],
  )
  return rows[0] ? toUser(rows[0]) : null
}

export async function findUserByEmail(db: Queryable, email: string) {
  const { rows } = await db.query<UserRow>(
    'SELECT id, email, name, password_hash FROM users WHERE lower(email) = lower($1)',
    [email],
  )
  return rows[0] ? toUser(rows[0]) : null
}

export async function findUserById(db: Queryable, id: string) {
  const { rows } = await db.query<UserRow>('SELECT id, email, name, password_hash FROM users WHERE id = $1', [id])
  return rows[0] ? toUser(rows[0]) : null
}

export async function insertOrganization(db: Queryable, org: { name: string; kind: OrgKind }) {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organizations (name, kind) VALUES ($1, $2) RETURNING id',
    [org.name, org.kind],
  )
  return rows[0]!.id
}

export async function insertMembership(db: Queryable, membership: { orgId: string; userId: string; role: OrgRole }) {
  await db.query('INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)', [
    membership.orgId,
    membership.userId,
    membership.role,
  ])
}

const membershipSelect = `SELECT m.org_id, o.name AS org_name, o.kind AS org_kind, m.role
  FROM memberships m JOIN organizations o ON o.id = m.org_id`

export async function listMemberships(db: Queryable, userId: string) {
  const { rows } = await db.query<MembershipRow>(`${membershipSelect} WHERE m.user_id = $1 ORDER BY o.name, o.id`, [
    userId,
  ])
  return rows.map(toMembership)
}

export async function findMembership(db: Queryable, userId: string, orgId: string) {
  const { rows } = await db.query<MembershipRow>(
    named('find-membership', `${membershipSelect} WHERE m.user_id = $1 AND m.org_id = $2`),
    [userId, orgId],
  )
  return rows[0] ? toMembership(rows[0]) : null
}

/** People's display names by id (for "captured by"): names only, never emails or password hashes. */
export async function userNames(db: Queryable, ids: readonly string[]) {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM users WHERE id = ANY($1::uuid[])',
    [ids],
  )
  return rows
}
