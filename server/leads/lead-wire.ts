// Maps a lead to the wire shape of shared/leads/lead-record.ts.
import { explainScore, type LeadRecord } from '../../shared/leads/lead-record'
import type { Lead } from '../repositories/leads-repository'

export const leadWire = (lead: Lead): LeadRecord => ({
  id: lead.id,
  sponsor_id: lead.sponsorId,
  event_id: lead.eventId,
  attendee_id: lead.attendeeId,
  badge_code: lead.badgeCode,
  is_manual: lead.attendeeId === null && lead.consentSource === 'confirmed_at_capture',
  name: lead.name,
  email: lead.email,
  company: lead.company,
  title: lead.title,
  phone: lead.phone,
  consent: {
    source: lead.consentSource,
    confirmed_by: lead.consentConfirmedBy,
    confirmed_at: lead.consentConfirmedAt.toISOString(),
  },
  intent_score: lead.intentScore,
  intent_level: lead.intentLevel,
  interactions: lead.interactions,
  score_explanation: explainScore(lead.interactions, lead.intentScore),
  qualifiers: lead.qualifiers,
  notes: lead.notes,
  note_entries: lead.noteEntries,
  field_meta: lead.fieldMeta,
  history: lead.history,
  is_starred: lead.isStarred,
  is_archived: lead.isArchived,
  follow_up_status: lead.followUpStatus,
  captured_by: lead.capturedBy,
  capture_count: lead.captureCount,
  first_captured_at: lead.firstCapturedAt.toISOString(),
  last_captured_at: lead.lastCapturedAt.toISOString(),
  updated_at: lead.updatedAt.toISOString(),
})
