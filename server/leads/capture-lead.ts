// Lead capture (seed 004): one lead per attendee per sponsor per event. A later capture adds its
// interaction and a repeat_visit to that lead; a retried request (same client id) counts once.
// Runs in the sponsor organization's tenant transaction; realtime messages go out after commit.
import { randomUUID } from 'node:crypto'
import type { CaptureLeadBody, Interaction, QualifierAnswers } from '../../shared/leads/lead-record'
import { interactionPoints, scoreInteractions, type IntentLevel } from '../../shared/leads/intent-scoring'
import type { Database } from '../db/database'
import {
  captureContext, findCaptureLeadId, findLead, insertCapture, insertLead, lockAttendeeLead, recordRepeatCapture, type Lead,
} from '../repositories/leads-repository'
import { listQuestions } from '../repositories/qualifiers-repository'
import { AppError, conflict, notFound } from '../errors'
import { checkAnswers } from './qualifier-answers'

export interface CaptureRequest {
  tenant: { orgId: string; userId: string }
  sponsorId: string
  eventId: string
  body: CaptureLeadBody
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

const consentMissing = () =>
  new AppError(422, 'consent-missing',
    'This attendee has not agreed to share their details with sponsors, so no lead was stored. If they agree now, capture them as a manual lead with consent_confirmed.')

function scored(interactions: Interaction[]) {
  const { score, level } = scoreInteractions(interactions.map((i) => i.type))
  return { intentScore: score, intentLevel: level }
}

export async function captureLead(db: Database, request: CaptureRequest): Promise<CaptureResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await captureOnce(db, request)
    } catch (error) {
      // A concurrent first capture of the same attendee won: this one becomes a repeat capture.
      if (!(error instanceof CaptureRace) || attempt >= 3) throw error
    }
  }
}

class CaptureRace extends AppError {
  constructor() {
    super(409, 'capture-conflict', 'Another capture of this attendee was saved at the same moment; retry with the same lead_id.')
  }
}

async function captureOnce(db: Database, request: CaptureRequest): Promise<CaptureResult> {
  const { tenant, sponsorId, eventId, body } = request
  if ((body.badge_code === undefined) === (body.manual === undefined)) {
    throw new AppError(400, 'badge-or-manual', 'Send either badge_code (a scanned badge) or manual (a person without a badge), exactly one of them.')
  }
  const captureId = body.lead_id ?? randomUUID()
  try {
    return await db.tenantTransaction(tenant, async (tx) => {
      const replayedLeadId = await findCaptureLeadId(tx, captureId)
      if (replayedLeadId) throw new AlreadyCaptured()

      const context = await captureContext(tx, sponsorId, eventId, body.badge_code ?? null)
      if (!context) throw notFound('The sponsor at this event')
      if (context.isArchived) throw conflict('sponsor-archived', 'This sponsor is archived at the event; leads cannot be captured until the organizer restores it.')
      if (body.badge_code !== undefined) {
        if (context.consent === null) throw notFound(`An attendee with badge code "${body.badge_code}" at this event`)
        if (context.consent === 'not_consented' || !context.attendee) throw consentMissing()
      }

      const questions = await listQuestions(tx, sponsorId, eventId, { activeOnly: true })
      let answers: QualifierAnswers = body.qualifiers ?? {}
      const now = new Date()
      const interaction: Interaction = { type: body.interaction, points: interactionPoints[body.interaction], at: now.toISOString(), captured_by: tenant.userId }

      const attendee = context.attendee
      let lead: Lead | null = null
      let outcome: CaptureResult['outcome'] = 'created'
      let previousLevel: IntentLevel | null = null
      if (attendee) {
        const existing = await lockAttendeeLead(tx, sponsorId, eventId, attendee.id)
        if (existing) {
          answers = checkAnswers(questions, answers, { requireAll: false })
          const interactions = [...existing.interactions, interaction, { ...interaction, type: 'repeat_visit' as const, points: interactionPoints.repeat_visit }]
          lead = await recordRepeatCapture(tx, existing.id, {
            interactions, ...scored(interactions),
            qualifiers: { ...existing.qualifiers, ...answers },
            notes: body.notes ? (existing.notes ? `${existing.notes}\n${body.notes}` : body.notes) : existing.notes,
            at: now,
          })
          outcome = 'merged'
          previousLevel = existing.intentLevel
        }
      }
      if (!lead) {
        answers = checkAnswers(questions, answers, { requireAll: true })
        const person = attendee ?? { id: null, ...body.manual!, email: body.manual!.email ?? null, company: body.manual!.company ?? null, title: body.manual!.title ?? null }
        lead = await insertLead(tx, tenant.orgId, {
          id: captureId, sponsorId, eventId,
          attendeeId: attendee?.id ?? null,
          badgeCode: body.badge_code ?? null,
          name: person.name, email: person.email, company: person.company, title: person.title,
          phone: body.manual?.phone ?? null,
          consentSource: attendee ? 'attendee_directory' : 'confirmed_at_capture',
          consentConfirmedBy: attendee ? null : tenant.userId,
          consentConfirmedAt: now,
          interactions: [interaction], ...scored([interaction]),
          qualifiers: answers, notes: body.notes ?? null, capturedBy: tenant.userId, firstCapturedAt: now,
        })
        if (!lead) throw new CaptureRace()
      }
      if (!(await insertCapture(tx, { id: captureId, leadId: lead.id, orgId: tenant.orgId, interaction: body.interaction, capturedBy: tenant.userId }))) {
        throw new AlreadyCaptured()
      }
      return { lead, outcome, previousLevel, organizerOrgId: context.organizerOrgId }
    })
  } catch (error) {
    if (!(error instanceof AlreadyCaptured)) throw error
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
