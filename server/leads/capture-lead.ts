// Lead capture (seed 004): one lead per attendee per sponsor per event. A later capture adds its
// interaction and a repeat_visit to that lead; a retried request (same client id) counts once.
// Runs in the sponsor organization's tenant transaction; realtime messages go out after commit.
import { randomUUID } from 'node:crypto'
import type { CaptureLeadBody, Interaction } from '../../shared/leads/lead-record'
import { interactionPoints, scoreInteractions, type IntentLevel } from '../../shared/leads/intent-scoring'
import type { Database, Queryable } from '../db/database'
import { badgeConsent, captureContext, findCaptureLeadId, findLead, insertLeadWithCapture, mergeCapture, type Lead } from '../repositories/leads-repository'
import { AppError, conflict, notFound } from '../errors'
import { checkAnswers } from './qualifier-answers'

export interface CaptureRequest {
  tenant: { orgId: string; userId: string }
  sponsorId: string
  eventId: string
  body: CaptureLeadBody
  /** When the capture happened, for captures made offline and synced later (default: now). */
  capturedAt?: Date
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

export const consentMissing = () =>
  new AppError(422, 'consent-missing',
    'This attendee has not agreed to share their details with sponsors, so no lead was stored. If they agree now, capture them as a manual lead with consent_confirmed.')

export function scored(interactions: Interaction[]) {
  const { score, level } = scoreInteractions(interactions.map((i) => i.type))
  return { intentScore: score, intentLevel: level }
}

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
    super(409, 'capture-conflict', 'Another capture of this attendee was saved at the same moment; retry with the same lead_id.')
  }
}

async function captureOnce(db: Database, request: CaptureRequest, { isRetry }: { isRetry: boolean }): Promise<CaptureResult> {
  const { tenant, sponsorId, eventId, body } = request
  if ((body.badge_code === undefined) === (body.manual === undefined)) {
    throw new AppError(400, 'badge-or-manual', 'Send either badge_code (a scanned badge) or manual (a person without a badge), exactly one of them.')
  }
  const captureId = body.lead_id ?? randomUUID()
  try {
    return await db.tenantTransaction(tenant, async (tx) => {
      // Contended captures of one person take turns (rare: two scans of one badge at the same instant).
      if (isRetry) await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`capture:${sponsorId}:${eventId}:${body.badge_code ?? captureId}`])
      const context = await captureContext(tx, { sponsorId, eventId, badgeCode: body.badge_code ?? null, captureId })
      if (!context) throw notFound('The sponsor at this event')
      if (context.replayLeadId) throw new AlreadyCaptured()
      if (context.isArchived) throw conflict('sponsor-archived', 'This sponsor is archived at the event; leads cannot be captured until the organizer restores it.')
      if (body.badge_code !== undefined && !context.attendee) {
        // Only the rare refusal asks why: the directory hides attendees who did not consent.
        if ((await badgeConsent(tx, eventId, body.badge_code)) === null) throw notFound(`An attendee with badge code "${body.badge_code}" at this event`)
        throw consentMissing()
      }

      const now = request.capturedAt && request.capturedAt < new Date() ? request.capturedAt : new Date()
      const interaction: Interaction = { type: body.interaction, points: interactionPoints[body.interaction], at: now.toISOString(), captured_by: tenant.userId }
      const capture = { id: captureId, interaction: body.interaction, capturedBy: tenant.userId }
      const existing = context.lead
      const answers = checkAnswers(context.questions, body.qualifiers ?? {}, { requireAll: !existing })

      if (existing) {
        const interactions = [...existing.interactions, interaction, { ...interaction, type: 'repeat_visit' as const, points: interactionPoints.repeat_visit }]
        const merged = await mergeCapture(tx, existing, {
          interactions, ...scored(interactions),
          qualifiers: { ...existing.qualifiers, ...answers },
          notes: body.notes ? (existing.notes ? `${existing.notes}\n${body.notes}` : body.notes) : existing.notes,
          at: now,
        }, capture)
        if (!merged) throw new CaptureRace()
        if (!merged.isRecorded) throw new AlreadyCaptured()
        await request.alsoInTransaction?.(tx)
        return { lead: merged, outcome: 'merged', previousLevel: existing.intentLevel, organizerOrgId: context.organizerOrgId }
      }

      const attendee = context.attendee
      const manual = body.manual
      const person = attendee ?? { name: manual!.name, email: manual!.email ?? null, company: manual!.company ?? null, title: manual!.title ?? null }
      const created = await insertLeadWithCapture(tx, tenant.orgId, {
        id: captureId, sponsorId, eventId,
        attendeeId: attendee?.id ?? null,
        badgeCode: body.badge_code ?? null,
        name: person.name, email: person.email, company: person.company, title: person.title,
        phone: manual?.phone ?? null,
        consentSource: attendee ? 'attendee_directory' : 'confirmed_at_capture',
        consentConfirmedBy: attendee ? null : tenant.userId,
        consentConfirmedAt: now,
        interactions: [interaction], ...scored([interaction]),
        qualifiers: answers, notes: body.notes ?? null, capturedBy: tenant.userId, firstCapturedAt: now,
      }, capture)
      if (!created) throw new CaptureRace()
      if (!created.isRecorded) throw new AlreadyCaptured()
      await request.alsoInTransaction?.(tx)
      return { lead: created, outcome: 'created', previousLevel: null, organizerOrgId: context.organizerOrgId }
    })
  } catch (error) {
    // A retry, or a lead id that a concurrent request (or another sponsor) already used.
    const isTaken = error instanceof Error && (error as { code?: string }).code === '23505'
    if (!(error instanceof AlreadyCaptured) && !isTaken) throw error
    return replay(db, tenant, sponsorId, captureId)
  }
}

async function replay(db: Database, tenant: CaptureRequest['tenant'], sponsorId: string, captureId: string): Promise<CaptureResult> {
  const lead = await db.tenantTransaction(tenant, async (tx) => {
    const leadId = await findCaptureLeadId(tx, captureId)
    return leadId ? findLead(tx, sponsorId, leadId) : null
  })
  if (!lead) throw conflict('lead-id-taken', 'This lead_id was already used for another lead; make a new id for each capture.')
  return { lead, outcome: 'replayed', previousLevel: null, organizerOrgId: null }
}
