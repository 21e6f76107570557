// What each person is emailed about, and what those emails say. Sponsor people choose, per event, an email
// for each hot lead, an hourly digest of new leads by intent, or nothing; organizers choose the moments their
// webhooks carry. Lead emails carry the attendee's consented contact fields and nothing else.
import { formatMoney } from '../../shared/commerce/commerce-records'
import { domainEventTypes } from '../outbox/domain-event-types'

export const leadEmailModes = ['each_hot_lead', 'hourly_digest', 'off'] as const
export type LeadEmailMode = (typeof leadEmailModes)[number]

/** The moments an organizer may be emailed about: the same ones their webhooks carry. */
export const organizerMoments = [
  domainEventTypes.orderFunded,
  domainEventTypes.proposalSent,
  domainEventTypes.payoutCompleted,
  domainEventTypes.deliverableSubmitted,
  domainEventTypes.deliverableApproved,
] as const
export type OrganizerMoment = (typeof organizerMoments)[number]

export const isOrganizerMoment = (value: string): value is OrganizerMoment =>
  (organizerMoments as readonly string[]).includes(value)

/** The preference an email depends on, and that its unsubscribe link turns off. */
export type EmailScope = 'leads' | OrganizerMoment
export const isEmailScope = (value: unknown): value is EmailScope =>
  value === 'leads' || (typeof value === 'string' && isOrganizerMoment(value))

export const momentWords: Record<OrganizerMoment, string> = {
  'order.funded': 'Order funded',
  'proposal.sent': 'Proposal sent',
  'payout.completed': 'Payout completed',
  'deliverable.submitted': 'Deliverable submitted',
  'deliverable.approved': 'Deliverable approved',
}

/** The attendee's contact fields the attendee agreed to share with the sponsor: an explicit list. */
export const consentedLeadFields = ['name', 'title', 'company', 'email', 'phone', 'badge_code'] as const
export type ConsentedLead = Partial<Record<(typeof consentedLeadFields)[number], string>>

/** Exactly the consented fields of a lead.captured event's attendee (anything else it holds is left out). */
export function consentedFields(data: Record<string, unknown>): ConsentedLead {
  const attendee = (data.attendee ?? {}) as Record<string, unknown>
  const picked: ConsentedLead = {}
  for (const key of consentedLeadFields) {
    const value = attendee[key]
    if (typeof value === 'string' && value.length) picked[key] = value
  }
  return picked
}

/** A capture that made the lead hot (its first capture, or one that raised it): one email per hot lead. */
export const becameHot = (data: Record<string, unknown>) =>
  data.intent_level === 'hot' && data.previous_intent_level !== 'hot'

/** A lead captured for the first time: the digest's "new leads". */
export const isNewLead = (data: Record<string, unknown>) => data.is_repeat !== true

/** The hour window a moment belongs to (UTC, whole hours). */
export function hourWindow(at: Date): Date {
  const start = new Date(at)
  start.setUTCMinutes(0, 0, 0)
  return start
}

/** Whether a window's digest may go out: its hour is over. */
export const windowClosed = (windowStart: Date, now: Date) => windowStart.getTime() + 3_600_000 <= now.getTime()

const leadLine = (lead: ConsentedLead) => {
  const role = [lead.title, lead.company].filter(Boolean).join(' at ')
  const contact = [lead.email, lead.phone].filter(Boolean).join(', ')
  return [lead.name ?? lead.badge_code ?? 'Someone', role, contact].filter(Boolean).join(', ')
}

export interface EmailDraft {
  subject: string
  body: string
}

export function hotLeadEmail(eventTitle: string, lead: ConsentedLead, score: unknown): EmailDraft {
  return {
    subject: `Hot lead at ${eventTitle}: ${lead.name ?? lead.badge_code ?? 'a visitor'}`,
    body:
      `A lead at ${eventTitle} is now hot (intent score ${String(score)}).\n\n` +
      consentedLeadFields
        .filter((key) => lead[key])
        .map((key) => `${key.replace('_', ' ')}: ${lead[key]}`)
        .join('\n') +
      '\n',
  }
}

const intentOrder = ['hot', 'warm', 'cold'] as const

export function digestEmail(
  eventTitle: string,
  windowStart: Date,
  leads: { intentLevel: string; fields: ConsentedLead }[],
): EmailDraft {
  const hour = `${windowStart.toISOString().slice(0, 13).replace('T', ' ')}:00 UTC`
  const sections = intentOrder
    .map((level) => ({ level, items: leads.filter((l) => l.intentLevel === level) }))
    .filter((s) => s.items.length)
    .map(
      (s) =>
        `${s.level[0]!.toUpperCase()}${s.level.slice(1)} (${s.items.length})\n${s.items.map((l) => `- ${leadLine(l.fields)}`).join('\n')}`,
    )
  return {
    subject: `${leads.length} new lead${leads.length === 1 ? '' : 's'} at ${eventTitle} (hour from ${hour})`,
    body: `New leads at ${eventTitle} in the hour from ${hour}, by intent:\n\n${sections.join('\n\n')}\n`,
  }
}

const money = (data: Record<string, unknown>) =>
  formatMoney(Number(data.amount_cents ?? 0), typeof data.currency === 'string' ? data.currency : 'USD')

export function momentEmail(moment: OrganizerMoment, eventTitle: string, data: Record<string, unknown>): EmailDraft {
  const what: Record<OrganizerMoment, string> = {
    'order.funded': `An order of ${money(data)} was funded; the money is held in escrow.`,
    'proposal.sent': 'A proposal was sent.',
    'payout.completed': `A payout of ${money(data)} was transferred to your account.`,
    'deliverable.submitted': `The ${String(data.type ?? '').replace(/_/g, ' ')} deliverable has a proof to review.`,
    'deliverable.approved': `The ${String(data.type ?? '').replace(/_/g, ' ')} deliverable was approved.`,
  }
  return { subject: `${momentWords[moment]}: ${eventTitle}`, body: `${what[moment]}\n\nEvent: ${eventTitle}\n` }
}

/** The footer every notification email ends with. */
export const unsubscribeFooter = (scope: EmailScope, url: string) =>
  `\n--\nYou get this because of your Yardpass notification settings. ` +
  `To stop ${scope === 'leads' ? 'lead emails' : `"${momentWords[scope]}" emails`} for this event, open ${url}\n`
