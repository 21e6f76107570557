// Proposal threads and their messages (seed 001 §4.2, §8 proposal inbox).
import type { Queryable } from '../db/database'
import type { Offer, ProposalStatus, Side } from '../../shared/commerce/commerce-records'

export interface ProposalThread {
  id: string
  orgId: string
  sponsorOrgId: string
  eventId: string
  sponsorId: string
  sponsorName: string
  packageId: string
  packageTitle: string
  status: ProposalStatus
  createdBySide: Side
  orderId: string | null
  expiresAt: Date | null
  messageCount: number
  latestOffer: Offer | null
  latestOfferBy: Side | null
  latestOfferVersion: number | null
  createdAt: Date
  updatedAt: Date
}

export interface ProposalMessage {
  id: string
  threadId: string
  senderType: Side
  senderUserId: string | null
  body: string
  offer: Offer | null
  packageVersion: number
  createdAt: Date
}

interface ThreadRow {
  id: string
  org_id: string
  sponsor_org_id: string
  event_id: string
  sponsor_id: string
  sponsor_name: string
  package_id: string
  package_title: string
  status: ProposalStatus
  created_by_side: Side
  order_id: string | null
  expires_at: Date | null
  message_count: number
  latest_offer: Offer | null
  latest_offer_by: Side | null
  latest_offer_version: number | null
  created_at: Date
  updated_at: Date
}

const threadSelect = `
  SELECT t.id, t.org_id, t.sponsor_org_id, t.event_id, t.sponsor_id, s.company_name AS sponsor_name, t.package_id,
    p.title AS package_title, t.status, t.created_by_side, t.order_id, t.expires_at, t.created_at, t.updated_at,
    (SELECT count(*)::int FROM proposal_messages m WHERE m.thread_id = t.id) AS message_count,
    o.offer AS latest_offer, o.sender_type AS latest_offer_by, o.package_version AS latest_offer_version
  FROM proposal_threads t
  JOIN sponsors s ON s.id = t.sponsor_id
  JOIN sponsorship_packages p ON p.id = t.package_id
  LEFT JOIN LATERAL (
    SELECT m.offer, m.sender_type, m.package_version FROM proposal_messages m
    WHERE m.thread_id = t.id AND m.offer IS NOT NULL ORDER BY m.seq DESC LIMIT 1
  ) o ON true`

const fromRow = (r: ThreadRow): ProposalThread => ({
  id: r.id,
  orgId: r.org_id,
  sponsorOrgId: r.sponsor_org_id,
  eventId: r.event_id,
  sponsorId: r.sponsor_id,
  sponsorName: r.sponsor_name,
  packageId: r.package_id,
  packageTitle: r.package_title,
  status: r.status,
  createdBySide: r.created_by_side,
  orderId: r.order_id,
  expiresAt: r.expires_at,
  messageCount: r.message_count,
  latestOffer: r.latest_offer,
  latestOfferBy: r.latest_offer_by,
  latestOfferVersion: r.latest_offer_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export async function insertThread(
  db: Queryable,
  t: {
    orgId: string
    sponsorOrgId: string
    eventId: string
    sponsorId: string
    packageId: string
    createdBySide: Side
    createdBy: string
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO proposal_threads (org_id, sponsor_org_id, event_id, sponsor_id, package_id, created_by_side, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [t.orgId, t.sponsorOrgId, t.eventId, t.sponsorId, t.packageId, t.createdBySide, t.createdBy],
  )
  return rows[0]!.id
}

export async function insertMessage(
  db: Queryable,
  thread: Pick<ProposalThread, 'id' | 'orgId' | 'sponsorOrgId'>,
  m: {
    senderType: Side
    senderUserId: string
    body: string
    offer: Offer | null
    packageVersion: number
  },
) {
  await db.query(
    `INSERT INTO proposal_messages (thread_id, org_id, sponsor_org_id, sender_type, sender_user_id, body, offer, package_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      thread.id,
      thread.orgId,
      thread.sponsorOrgId,
      m.senderType,
      m.senderUserId,
      m.body,
      m.offer ? JSON.stringify(m.offer) : null,
      m.packageVersion,
    ],
  )
  await db.query(`UPDATE proposal_threads SET updated_at = now() WHERE id = $1`, [thread.id])
}

/** The thread if the organization is one of its two parties. */
export async function findThread(db: Queryable, id: string, partyOrgId: string, options: { forUpdate?: boolean } = {}) {
  if (options.forUpdate) await db.query(`SELECT 1 FROM proposal_threads WHERE id = $1 FOR UPDATE`, [id])
  const { rows } = await db.query<ThreadRow>(
    `${threadSelect} WHERE t.id = $1 AND (t.org_id = $2 OR t.sponsor_org_id = $2)`,
    [id, partyOrgId],
  )
  return rows[0] ? fromRow(rows[0]) : null
}

/** The inbox: threads where the organization is a party, most recently active first. */
export async function listThreads(
  db: Queryable,
  partyOrgId: string,
  filter: { eventId?: string; status?: ProposalStatus },
) {
  const params: unknown[] = [partyOrgId]
  let where = '(t.org_id = $1 OR t.sponsor_org_id = $1)'
  if (filter.eventId) {
    params.push(filter.eventId)
    where += ` AND t.event_id = $${params.length}`
  }
  if (filter.status) {
    params.push(filter.status)
    where += ` AND t.status = $${params.length}`
  }
  const { rows } = await db.query<ThreadRow>(
    `${threadSelect} WHERE ${where} ORDER BY t.updated_at DESC LIMIT 50`,
    params,
  )
  return rows.map(fromRow)
}

export async function listMessages(db: Queryable, threadId: string): Promise<ProposalMessage[]> {
  const { rows } = await db.query<{
    id: string
    thread_id: string
    sender_type: Side
    sender_user_id: string | null
    body: string
    offer: Offer | null
    package_version: number
    created_at: Date
  }>(
    `SELECT id, thread_id, sender_type, sender_user_id, body, offer, package_version, created_at FROM proposal_messages WHERE thread_id = $1 ORDER BY seq`,
    [threadId],
  )
  return rows.map((r) => ({
    id: r.id,
    threadId: r.thread_id,
    senderType: r.sender_type,
    senderUserId: r.sender_user_id,
    body: r.body,
    offer: r.offer,
    packageVersion: r.package_version,
    createdAt: r.created_at,
  }))
}

export async function setThreadStatus(
  db: Queryable,
  id: string,
  status: ProposalStatus,
  extra: { orderId?: string; expiresAt?: Date } = {},
) {
  await db.query(
    `UPDATE proposal_threads SET status = $2, order_id = coalesce($3, order_id), expires_at = coalesce($4, expires_at), updated_at = now() WHERE id = $1`,
    [id, status, extra.orderId ?? null, extra.expiresAt ?? null],
  )
}
