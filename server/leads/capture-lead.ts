// Lead capture (seed 004): one lead per attendee per sponsor per event. A later capture adds its
// interaction and a repeat_visit to that lead; a retried request (same client id) counts once.
// Runs in the sponsor organization's tenant transaction; realtime messages go out after commit.
import { randomUUID } from 'node:crypto'
import type { CaptureLeadBody } from '../../shared/leads/lead-record'
import type { IntentLevel } from '../../shared/leads/intent-scoring'
import type { Database, Queryable } from '../db/database'
import {
  badgeConsent,
  captureContext,
  findCaptureLeadId,
  findLead,
  insertLeadWithCapture,
  mergeCapture,
  type Lead,
} from '../repositories/leads-repository'
import { AppError, conflict } from '../errors'
import { checkAnswers } from './qualifier-answers'
import {
  captureClock,
  captureNote,
  firstCapture,
  interactionOf,
  repeatCapture,
  requireBadgeOrManual,
  requireCapturable,
} from './capture-rules'

export interface CaptureRequest {
  tenant: { orgId: string; userId: string }
  sponsorId: string
  eventId: string
  body: CaptureLeadBody
  /** When the capture happened, for captures made offline and synced later (default: now; out of bounds: now, flagged). */
  capturedAt?: Date
  /** The sync client id of the device that captured offline; null or missing online. */
  deviceId?: string | null
  /** Runs inside the capture's transaction before it commits (the sync cursor moves with the capture). */
  alsoInTransaction?: (tx: Queryable) => Promise<void>
}

export interface CaptureResult {
  lead: Lead
  /** created: a new lead; merged: a repeat capture of the same person; replayed: a retry that changed nothing. */
  outcome: 'created' | 'merged' | 'replayed'
  previousLevel: IntentLevel | null
  organizerOrgId: string | null
}

/** Raised inside the transaction when the capture id was already recorded, to roll back and replay. */
class AlreadyCaptured extends Error {}

export async function captureLead(db: Database, request: CaptureRequest): Promise<CaptureResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await captureOnce(db, request, { isRetry: attempt > 1 })
    } catch (error) {
      // A concurrent capture of the same attendee won; retry, queued behind the others this time.
      if (!(error instanceof CaptureRace) || attempt >= 10) throw error
    }
  }
}

class CaptureRace extends AppError {
  constructor() {
    super(
      409,
      'capture-conflict',
      'Another capture of this attendee was saved at the same moment; retry with the same lead_id.',
    )
  }
}

async function captureOnce(
  db: Database,
  request: CaptureRequest,
  { isRetry }: { isRetry: boolean },
): Promise<CaptureResult> {
  const { tenant, sponsorId, eventId, body } = request
  requireBadgeOrManual(body)
  const captureId = body.lead_id ?? randomUUID()
  try {
    return await db.tenantTransaction(tenant, async (tx) => {
      // Contended captures of one person take turns (rare: two scans of one badge at the same instant).
      if (isRetry)
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `capture:${sponsorId}:${eventId}:${body.badge_code ?? captureId}`,
        ])
      const context = await captureContext(tx, {
        sponsorId,
        eventId,
        badgeCode: body.badge_code ?? null,
        captureId,
        userId: tenant.userId,
      })
      if (context?.replayLeadId) throw new AlreadyCaptured()
      // Only the rare refusal asks why a badge is missing: the directory hides attendees who did not consent.
      await requireCapturable(
        {
          isSponsoring: context !== null,
          isArchived: context?.isArchived ?? false,
          attendee: context?.attendee ?? null,
        },
        body,
        (badgeCode) => badgeConsent(tx, eventId, badgeCode),
      )
      const clock = captureClock(request.capturedAt, context!.eventCreatedAt)
      const at = clock.at
      const interaction = interactionOf(body.interaction, clock, tenant.userId)
      const capture = {
        id: captureId,
        interaction: body.interaction,
        capturedBy: tenant.userId,
        capturedAt: at,
        receivedAt: clock.receivedAt,
        clockFlag: clock.flag,
      }
      const editor = { userId: tenant.userId, name: context!.userName, deviceId: request.deviceId ?? null }
      const addedNotes = captureNote(captureId, body.notes, editor, at)
      const existing = context!.lead
      const answers = checkAnswers(context!.questions, body.qualifiers ?? {}, { requireAll: !existing })

      if (existing) {
        const merged = await mergeCapture(
          tx,
          existing,
          { ...repeatCapture(existing, { interaction, answers, addedNotes, at }), addedAnswers: answers, addedNotes },
          capture,
        )
        if (!merged) throw new CaptureRace()
        if (!merged.isRecorded) throw new AlreadyCaptured()
        await request.alsoInTransaction?.(tx)
        return {
          lead: merged,
          outcome: 'merged',
          previousLevel: existing.intentLevel,
          organizerOrgId: context!.organizerOrgId,
        }
      }

      const lead = firstCapture({
        id: captureId,
        sponsorId,
        eventId,
        attendee: context!.attendee,
        person: body,
        addedNotes,
        interaction,
        answers,
        userId: tenant.userId,
        at,
      })
      const created = await insertLeadWithCapture(tx, tenant.orgId, lead, capture)
      if (!created) throw new CaptureRace()
      if (!created.isRecorded) throw new AlreadyCaptured()
      await request.alsoInTransaction?.(tx)
      return { lead: created, outcome: 'created', previousLevel: null, organizerOrgId: context!.organizerOrgId }
    })
  } catch (error) {
    // A retry, or a lead id that a concurrent request (or another sponsor) already used.
    const isTaken = error instanceof Error && (error as { code?: string }).code === '23505'
    if (!(error instanceof AlreadyCaptured) && !isTaken) throw error
    return replay(db, tenant, sponsorId, captureId)
  }
}

async function replay(
  db: Database,
  tenant: CaptureRequest['tenant'],
  sponsorId: string,
  captureId: string,
): Promise<CaptureResult> {
  const lead = await db.tenantTransaction(tenant, async (tx) => {
    const leadId = await findCaptureLeadId(tx, captureId)
    return leadId ? findLead(tx, sponsorId, leadId) : null
  })
  if (!lead)
    throw conflict('lead-id-taken', 'This lead_id was already used for another lead; make a new id for each capture.')
  return { lead, outcome: 'replayed', previousLevel: null, organizerOrgId: null }
}
