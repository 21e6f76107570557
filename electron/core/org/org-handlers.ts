// The organizer's and sponsor admin's commands: straight to the server's seed-004 routes for the active
// organization; writes carry their own Idempotency-Key so a retried request is answered, not repeated.
import { randomUUID } from 'node:crypto'
import type { CommandResult } from '../../../shared/desktop-api'
import type { EventRecord } from '../../../shared/domain'
import type { orgCommands } from '../../../shared/org/org-commands'
import type {
  AttendeeRecord,
  CsvProblem,
  EventSponsorRecord,
  InvitationRecord,
  LeadStatsRecord,
  SponsorProfileRecord,
  SponsorUserRecord,
  TierRecord,
} from '../../../shared/org/org-records'
import type { QuestionRecord } from '../../../shared/leads/qualifier-question'
import { ApiError } from '../session/server-client'
import { DesktopError } from '../desktop-error'
import type { CommandHandlers, SessionContext } from '../command-handlers'

type Handlers = CommandHandlers<typeof orgCommands>

export interface OrgContext extends SessionContext {
  /** The session learned of a new sponsor seat (an accepted invitation): refresh its organizations and sponsors. */
  onSeatsChanged(): Promise<void>
}

/** The invitation code from what was pasted: the code itself, or a link (https://…/#/accept-invitation?token=…, yardpass://…). */
export function invitationCode(pasted: string): string {
  const text = pasted.trim()
  const match = /[?&]token=([^&\s#]+)/.exec(text)
  return match ? decodeURIComponent(match[1]!) : text
}

export function orgHandlers(ctx: OrgContext): Handlers {
  const get = <T>(path: string) => ctx.client().request<T>('GET', path, { orgId: ctx.orgId() })
  const send = <T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    ctx.client().request<T>(method, path, {
      orgId: ctx.orgId(),
      ...(method === 'DELETE' ? {} : { body: body ?? {} }),
      idempotencyKey: randomUUID(),
    })
  const org = () => `/v1/organizations/${ctx.orgId()}`
  const delivered = (answer: { invitation: InvitationRecord; delivery: { status: string } }) => ({
    invitation: answer.invitation,
    delivered: answer.delivery.status !== 'failed',
  })
  /** How many people represent a sponsor; null when the organizer may not see its people (a sponsor it does not manage). */
  const representatives = async (sponsorId: string): Promise<number | null> => {
    try {
      return (await get<{ data: SponsorUserRecord[] }>(`${org()}/sponsors/${sponsorId}/users`)).data.length
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null
      throw error
    }
  }

  return {
    'event-get': async ({ id }) => get<EventRecord>(`/v1/events/${id}`),
    'event-save': async ({ id, draft }) =>
      id ? send<EventRecord>('PATCH', `/v1/events/${id}`, draft) : send<EventRecord>('POST', '/v1/events', draft),
    'tiers-list': async ({ eventId }) => ({
      tiers: (await get<{ data: TierRecord[] }>(`${org()}/events/${eventId}/sponsor-tiers`)).data,
    }),
    'tiers-defaults': async ({ eventId }) => ({
      tiers: (await send<{ data: TierRecord[] }>('POST', `${org()}/events/${eventId}/sponsor-tiers/defaults`)).data,
    }),
    'event-sponsors': async ({ eventId, includeArchived }) => {
      const listed = (
        await get<{ data: Omit<EventSponsorRecord, 'representative_count'>[] }>(
          `${org()}/events/${eventId}/sponsors?include_archived=${includeArchived}`,
        )
      ).data
      const counts = await Promise.all(listed.map((sponsor) => representatives(sponsor.id)))
      return { sponsors: listed.map((sponsor, index) => ({ ...sponsor, representative_count: counts[index] ?? null })) }
    },
    'sponsor-add': async ({ eventId, tierId, name, contactEmail }) =>
      send<EventSponsorRecord>('POST', `${org()}/events/${eventId}/sponsors`, {
        tier_id: tierId,
        name,
        ...(contactEmail ? { contact_email: contactEmail } : {}),
      }),
    'sponsor-update': async ({ sponsorId, eventId, isFeatured, isArchived, tierId }) =>
      send<{ id: string; company_name: string }>('PATCH', `${org()}/sponsors/${sponsorId}`, {
        event_id: eventId,
        ...(isFeatured === undefined ? {} : { is_featured: isFeatured }),
        ...(isArchived === undefined ? {} : { is_archived: isArchived }),
        ...(tierId ? { tier_id: tierId } : {}),
      }),
    'sponsor-people': async ({ sponsorId }) => {
      const [users, invitations] = await Promise.all([
        get<{ data: SponsorUserRecord[] }>(`${org()}/sponsors/${sponsorId}/users`),
        get<{ data: InvitationRecord[] }>(`${org()}/sponsors/${sponsorId}/invitations`),
      ])
      return { users: users.data, invitations: invitations.data }
    },
    'invitation-send': async ({ sponsorId, email, role }) =>
      delivered(await send('POST', `${org()}/sponsors/${sponsorId}/invitations`, { email, role })),
    'invitation-resend': async ({ id }) => delivered(await send('POST', `${org()}/invitations/${id}/resend`)),
    'invitation-revoke': async ({ id }) => send<InvitationRecord>('DELETE', `${org()}/invitations/${id}`),
    'sponsor-user-role': async ({ id, role }) =>
      send<SponsorUserRecord>('PATCH', `${org()}/sponsor-users/${id}`, { role }),
    'sponsor-user-remove': async ({ id }) => {
      await send('DELETE', `${org()}/sponsor-users/${id}`)
      return { removed: true }
    },
    'invitation-accept': async ({ code }) => {
      const token = invitationCode(code)
      if (token.length < 20)
        throw new DesktopError(
          'invalid-invitation-code',
          'That is not an invitation code: paste the whole code or link from the email.',
        )
      type Accepted = {
        sponsor_id: string
        org_id: string
        company_name: string
        role: CommandResult<'invitation-accept'>['role']
      }
      const accepted = await ctx
        .client()
        .request<Accepted>('POST', '/v1/sponsor-invitations/accept', { body: { token }, idempotencyKey: randomUUID() })
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) {
            throw new DesktopError(
              'invitation-not-found',
              'No invitation has this code. Check that you pasted all of it, or ask the sponsor to send a new invitation.',
            )
          }
          throw error
        })
      await ctx.onSeatsChanged()
      return {
        sponsorId: accepted.sponsor_id,
        orgId: accepted.org_id,
        companyName: accepted.company_name,
        role: accepted.role,
      }
    },
    'attendees-list': async ({ eventId, q, offset, limit }) => {
      const query = new URLSearchParams({
        offset: String(offset),
        limit: String(limit),
        ...(q?.trim() ? { q: q.trim() } : {}),
      })
      const page = await get<{ data: AttendeeRecord[]; total: number }>(`/v1/events/${eventId}/attendees?${query}`)
      return { attendees: page.data, total: page.total }
    },
    'attendees-import': async ({ eventId, csv }) => {
      try {
        const result = await ctx
          .client()
          .request<{ inserted: number; updated: number; total: number }>(
            'POST',
            `/v1/events/${eventId}/attendees/import`,
            {
              // A 100,000-row file takes the server a while: wait minutes, not the usual 15 s. An upsert on badge codes: a retry changes nothing.
              orgId: ctx.orgId(),
              body: csv,
              contentType: 'text/csv',
              timeoutMs: 5 * 60_000,
            },
          )
        return { ok: true as const, ...result }
      } catch (error) {
        if (error instanceof ApiError && error.status === 400 && error.code === 'invalid-rows') {
          return {
            ok: false as const,
            message: error.message,
            problems: (error.details as CsvProblem[] | undefined) ?? [],
          }
        }
        throw error
      }
    },
    'sponsor-profile': async ({ sponsorId }) => get<SponsorProfileRecord>(`/v1/sponsors/${sponsorId}/profile`),
    'sponsor-profile-save': async ({ sponsorId, draft }) =>
      send<SponsorProfileRecord>('PATCH', `/v1/sponsors/${sponsorId}/profile`, draft),
    'lead-stats': async ({ sponsorId, eventId }) =>
      get<LeadStatsRecord>(`/v1/sponsors/${sponsorId}/leads/stats${eventId ? `?event_id=${eventId}` : ''}`),
    'qualifiers-list': async ({ sponsorId, eventId }) => ({
      questions: (await get<{ data: QuestionRecord[] }>(`/v1/sponsors/${sponsorId}/events/${eventId}/qualifiers`)).data,
    }),
    'qualifier-save': async ({ sponsorId, eventId, id, draft }) => {
      const body = {
        ...draft,
        options: draft.kind === 'single_choice' || draft.kind === 'multiple_choice' ? draft.options : [],
      }
      // A question's kind is fixed once asked (answers are stored by it): an edit sends the rest.
      if (id)
        return send<QuestionRecord>('PATCH', `/v1/sponsors/${sponsorId}/qualifiers/${id}`, {
          prompt: body.prompt,
          options: body.options,
          is_required: body.is_required,
          is_active: body.is_active,
        })
      return send<QuestionRecord>('POST', `/v1/sponsors/${sponsorId}/events/${eventId}/qualifiers`, body)
    },
  }
}
