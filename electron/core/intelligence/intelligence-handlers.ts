// Matching (issue 16): straight to the server's recommendation, match, audience and sponsor-profile routes for
// the active organization. Nothing is kept in the replica: recommendations are read fresh each time.
import { randomUUID } from 'node:crypto'
import type {
  AudienceRecord,
  EventMatchRecord,
  intelligenceCommands,
  MatchRecord,
  SponsorMatchRecord,
  TargetingRecord,
} from '../../../shared/intelligence/intelligence-commands'
import type { CommandHandlers, SessionContext } from '../command-handlers'

type Handlers = CommandHandlers<typeof intelligenceCommands>

export type IntelligenceContext = SessionContext

/** The targeting fields of a profile answer (which also carries the company's name, contact and so on). */
const targetingOf = (p: TargetingRecord): TargetingRecord => ({
  industry: p.industry,
  company_size: p.company_size,
  annual_budget_cents: p.annual_budget_cents,
  brand_objectives: p.brand_objectives,
  target_audience: p.target_audience,
  preferred_categories: p.preferred_categories,
  regions: p.regions,
  activation_preferences: p.activation_preferences,
  reputation_score: p.reputation_score,
})

export function intelligenceHandlers(ctx: IntelligenceContext): Handlers {
  const get = <T>(path: string) => ctx.client().request<T>('GET', path, { orgId: ctx.orgId() })
  const send = <T>(method: 'POST' | 'PATCH', path: string, body: unknown) =>
    ctx.client().request<T>(method, path, { orgId: ctx.orgId(), body, idempotencyKey: randomUUID() })

  return {
    'event-sponsor-recommendations': async ({ eventId }) => ({
      recommendations: (await get<{ data: SponsorMatchRecord[] }>(`/v1/events/${eventId}/sponsor-recommendations`))
        .data,
    }),
    'sponsor-event-recommendations': async ({ sponsorId }) => ({
      recommendations: (await get<{ data: EventMatchRecord[] }>(`/v1/sponsors/${sponsorId}/event-recommendations`))
        .data,
    }),
    'matches-recompute': async ({ eventId, sponsorId }) => {
      const answer = await send<{ queued: number }>('POST', '/v1/matches/recompute', {
        ...(eventId ? { event_id: eventId } : {}),
        ...(sponsorId ? { sponsor_id: sponsorId } : {}),
        reason: 'desktop',
      })
      return { queued: answer.queued }
    },
    'match-act': async ({ id, action }) => send<MatchRecord>('PATCH', `/v1/matches/${id}`, { action }),
    'match-feedback': async ({ id, ...feedback }) => {
      const saved = await send<{ id: string; useful: boolean; reason: string | null }>(
        'POST',
        `/v1/matches/${id}/feedback`,
        feedback,
      )
      return { id: saved.id, useful: saved.useful, reason: saved.reason }
    },
    'event-audience': async ({ eventId }) => get<AudienceRecord>(`/v1/events/${eventId}/audience`),
    'sponsor-targeting': async ({ sponsorId }) =>
      targetingOf(await get<TargetingRecord>(`/v1/sponsors/${sponsorId}/profile`)),
    'sponsor-targeting-save': async ({ sponsorId, targeting }) =>
      targetingOf(await send<TargetingRecord>('PATCH', `/v1/sponsors/${sponsorId}/profile`, targeting)),
  }
}
