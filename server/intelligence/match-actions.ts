// Seed 003's funnel on one match (viewed → contacted → accepted / rejected) and match_feedback. Either
// party acts: the event's organizer or the sponsor; anyone else gets a 404.
import type { Queryable } from '../db/database'
import type { OrgKind } from '../../shared/domain'
import { notFound } from '../errors'
import type { MatchRow } from './recommendations'
import { feedbackReasons, matchActions, type MatchAction } from '../../shared/intelligence/match-terms'

export { feedbackReasons, matchActions, type MatchAction }

const sideColumn = (kind: OrgKind) => (kind === 'organizer' ? 'event_org_id' : 'sponsor_org_id')

export async function applyMatchAction(
  db: Queryable,
  caller: { orgId: string; orgKind: OrgKind },
  matchId: string,
  action: MatchAction,
) {
  const sets = {
    viewed: 'viewed_at = coalesce(viewed_at, now())',
    contacted: 'viewed_at = coalesce(viewed_at, now()), contacted_at = coalesce(contacted_at, now())',
    accepted: `viewed_at = coalesce(viewed_at, now()), status = 'accepted'`,
    rejected: `viewed_at = coalesce(viewed_at, now()), status = 'rejected'`,
  }[action]
  const { rows } = await db.query<MatchRow>(
    `UPDATE sponsorship_matches SET ${sets}, updated_at = now() WHERE id = $1 AND ${sideColumn(caller.orgKind)} = $2
     RETURNING id, event_id, sponsor_id, score, overlap_metrics, status, viewed_at, contacted_at, updated_at`,
    [matchId, caller.orgId],
  )
  if (!rows[0]) throw notFound('Match')
  return rows[0]
}

export interface FeedbackInput {
  useful: boolean
  reason?: (typeof feedbackReasons)[number] | undefined
  comment?: string | undefined
}

export async function recordMatchFeedback(
  db: Queryable,
  caller: { orgId: string; orgKind: OrgKind; userId: string },
  matchId: string,
  input: FeedbackInput,
) {
  const { rows } = await db.query<{
    id: string
    match_id: string
    side: string
    useful: boolean
    reason: string | null
    comment: string | null
    created_at: Date
  }>(
    `INSERT INTO match_feedback (match_id, org_id, user_id, side, useful, reason, comment)
     SELECT m.id, $2, $3, $4, $5, $6, $7 FROM sponsorship_matches m WHERE m.id = $1 AND m.${sideColumn(caller.orgKind)} = $2
     RETURNING id, match_id, side, useful, reason, comment, created_at`,
    [matchId, caller.orgId, caller.userId, caller.orgKind, input.useful, input.reason ?? null, input.comment ?? null],
  )
  if (!rows[0]) throw notFound('Match')
  return rows[0]
}
