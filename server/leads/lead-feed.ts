// Live lead feeds: the sponsor's private room gets the lead; the event organizer's room gets counts only.
import { leadRealtime } from '../../shared/leads/lead-record'
import type { Realtime } from '../realtime/realtime'
import type { CaptureResult } from './capture-lead'
import type { Lead } from '../repositories/leads-repository'
import { leadWire } from './lead-wire'

export function publishCapture(realtime: Realtime, result: CaptureResult) {
  const { lead, outcome, previousLevel, organizerOrgId } = result
  if (outcome === 'replayed') return
  const wire = leadWire(lead)
  if (outcome === 'created') {
    realtime.toSponsor(lead.sponsorId, leadRealtime.capturedNew, wire)
  } else {
    realtime.toSponsor(lead.sponsorId, leadRealtime.intentUpdated, {
      lead_id: lead.id, sponsor_id: lead.sponsorId, event_id: lead.eventId,
      intent_score: lead.intentScore, intent_level: lead.intentLevel, previous_intent_level: previousLevel,
      interactions: wire.interactions, score_explanation: wire.score_explanation, lead: wire,
    })
  }
  if (organizerOrgId) {
    realtime.toOrg(organizerOrgId, leadRealtime.countsChanged, {
      event_id: lead.eventId, sponsor_id: lead.sponsorId, new_leads: outcome === 'created' ? 1 : 0,
      intent_level: lead.intentLevel, previous_intent_level: previousLevel,
    })
  }
}

export function publishLeadUpdate(realtime: Realtime, lead: Lead) {
  realtime.toSponsor(lead.sponsorId, leadRealtime.updated, leadWire(lead))
}
