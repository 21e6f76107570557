// Live lead feeds: the sponsor's private room gets each lead as it is captured; the event organizer's
// room gets counts only, gathered for a quarter second per sponsor so a busy booth sends a few messages, not hundreds.
import { leadRealtime } from '../../shared/leads/lead-record'
import type { IntentLevel } from '../../shared/leads/intent-scoring'
import type { Realtime } from '../realtime/realtime'
import type { FeedBus } from '../realtime/feed-bus'
import type { CaptureResult } from './capture-lead'
import type { Lead } from '../repositories/leads-repository'
import { leadWire } from './lead-wire'

export const countsFlushMs = 250

interface PendingCounts {
  organizerOrgId: string
  eventId: string
  sponsorId: string
  newLeads: number
  levelDelta: Record<IntentLevel, number>
}

export class LeadFeed {
  private readonly pending = new Map<string, PendingCounts>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly realtime: Realtime,
    private readonly bus: FeedBus | null = null,
  ) {}

  /** isLive false: counts only (a synced backlog is announced by a sync poke instead of one event per lead). */
  publishCapture(result: CaptureResult, { isLive = true } = {}) {
    const { lead, outcome, previousLevel, organizerOrgId } = result
    if (outcome === 'replayed') return
    if (organizerOrgId) this.count(organizerOrgId, lead, outcome === 'created', previousLevel)
    if (!isLive) return
    const wire = leadWire(lead)
    if (outcome === 'created') {
      this.realtime.toSponsor(lead.sponsorId, leadRealtime.capturedNew, wire)
      this.bus?.publish({ kind: 'lead.captured', sponsorId: lead.sponsorId, lead })
    } else {
      this.bus?.publish({ kind: 'lead.intent', sponsorId: lead.sponsorId, lead, previousLevel })
      this.realtime.toSponsor(lead.sponsorId, leadRealtime.intentUpdated, {
        lead_id: lead.id,
        sponsor_id: lead.sponsorId,
        event_id: lead.eventId,
        intent_score: lead.intentScore,
        intent_level: lead.intentLevel,
        previous_intent_level: previousLevel,
        interactions: wire.interactions,
        score_explanation: wire.score_explanation,
        lead: wire,
      })
    }
  }

  publishUpdate(lead: Lead) {
    this.realtime.toSponsor(lead.sponsorId, leadRealtime.updated, leadWire(lead))
  }

  /** Sends what is gathered now (on shutdown, and from the timer). */
  flush() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const counts of this.pending.values()) {
      this.realtime.toOrg(counts.organizerOrgId, leadRealtime.countsChanged, {
        event_id: counts.eventId,
        sponsor_id: counts.sponsorId,
        new_leads: counts.newLeads,
        intent_level_delta: counts.levelDelta,
      })
    }
    this.pending.clear()
  }

  private count(organizerOrgId: string, lead: Lead, isNew: boolean, previousLevel: IntentLevel | null) {
    const key = `${lead.eventId}:${lead.sponsorId}`
    const counts = this.pending.get(key) ?? {
      organizerOrgId,
      eventId: lead.eventId,
      sponsorId: lead.sponsorId,
      newLeads: 0,
      levelDelta: { hot: 0, warm: 0, cold: 0 },
    }
    if (isNew) counts.newLeads++
    counts.levelDelta[lead.intentLevel]++
    if (previousLevel) counts.levelDelta[previousLevel]--
    this.pending.set(key, counts)
    this.timer ??= setTimeout(() => this.flush(), countsFlushMs)
  }
}
