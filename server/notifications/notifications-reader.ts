// The 'notifications' outbox reader: turns lead captures and organizer moments into queued emails (or
// digest items) in its batch transaction, so an email is queued exactly when its event is read, once.
// Nothing here sends: the sender does, after the batch committed — never the request that caused the event.
import type pg from 'pg'
import type { DomainEvent } from '../outbox/domain-event-types'
import { domainEventTypes } from '../outbox/domain-event-types'
import type { OutboxReaderSpec } from '../outbox/outbox-reader'
import { eventTitles, leadRecipients, momentRecipients } from '../repositories/notification-preferences-repository'
import {
  addDigestItems,
  queueEmails,
  updateDigestIntents,
  type DigestItem,
  type QueuedEmail,
} from '../repositories/notification-emails-repository'
import {
  becameHot,
  consentedFields,
  hotLeadEmail,
  hourWindow,
  isNewLead,
  isOrganizerMoment,
  momentEmail,
  organizerMoments,
} from './notification-rules'

export const notificationsReaderName = 'notifications'

const eventIdOf = (e: DomainEvent) => e.eventId ?? (typeof e.data.event_id === 'string' ? e.data.event_id : null)

async function leadWork(tx: pg.PoolClient, leads: DomainEvent[], titles: Map<string, string>) {
  const keyed = leads.map((e) => ({
    orgId: e.orgIds[0]!,
    eventId: eventIdOf(e)!,
    sponsorId: String(e.data.sponsor_id),
  }))
  const keys = [...new Map(keyed.map((k) => [`${k.orgId}:${k.eventId}:${k.sponsorId}`, k])).values()]
  const recipients = await leadRecipients(tx, keys)
  const emails: QueuedEmail[] = []
  const digest: DigestItem[] = []
  const repeats: { leadId: string; intentLevel: string }[] = []
  for (const event of leads) {
    const eventId = eventIdOf(event)!
    const leadId = String(event.data.lead_id)
    const fields = consentedFields(event.data)
    if (!isNewLead(event.data)) repeats.push({ leadId, intentLevel: String(event.data.intent_level) })
    for (const r of recipients) {
      if (r.org_id !== event.orgIds[0] || r.event_id !== eventId || r.sponsor_id !== event.data.sponsor_id) continue
      if (r.lead_emails === 'each_hot_lead' && becameHot(event.data)) {
        const draft = hotLeadEmail(titles.get(eventId) ?? 'your event', fields, event.data.intent_score)
        emails.push({
          dedupeKey: `hot:${r.user_id}:${leadId}`,
          userId: r.user_id,
          orgId: r.org_id,
          eventId,
          scope: 'leads',
          ...draft,
        })
      } else if (r.lead_emails === 'hourly_digest' && isNewLead(event.data)) {
        digest.push({
          userId: r.user_id,
          orgId: r.org_id,
          eventId,
          windowStart: hourWindow(event.occurredAt),
          leadId,
          intentLevel: String(event.data.intent_level),
          fields: fields as Record<string, string>,
        })
      }
    }
  }
  await addDigestItems(tx, digest)
  // A lead seen again while its hour's digest is open is listed there with its latest intent.
  if (recipients.some((r) => r.lead_emails === 'hourly_digest')) await updateDigestIntents(tx, repeats)
  return emails
}

async function momentWork(tx: pg.PoolClient, moments: DomainEvent[], titles: Map<string, string>) {
  const recipients = await momentRecipients(tx, [...new Set(moments.map((e) => eventIdOf(e)!))])
  const emails: QueuedEmail[] = []
  for (const event of moments) {
    if (!isOrganizerMoment(event.type)) continue
    const eventId = eventIdOf(event)!
    for (const r of recipients) {
      if (r.event_id !== eventId || !event.orgIds.includes(r.org_id) || !r.moments.includes(event.type)) continue
      const draft = momentEmail(event.type, titles.get(eventId) ?? 'your event', event.data)
      emails.push({
        dedupeKey: `moment:${r.user_id}:${r.org_id}:${event.id}`,
        userId: r.user_id,
        orgId: r.org_id,
        eventId,
        scope: event.type,
        ...draft,
      })
    }
  }
  return emails
}

export function notificationsReader(onQueued: () => void): OutboxReaderSpec<number> {
  return {
    name: notificationsReaderName,
    types: [domainEventTypes.leadCaptured, ...organizerMoments],
    batchSize: 500,
    async handle(tx, events) {
      const withEvent = events.filter((e) => eventIdOf(e))
      if (!withEvent.length) return 0
      const titles = await eventTitles(tx, [...new Set(withEvent.map((e) => eventIdOf(e)!))])
      const leads = withEvent.filter((e) => e.type === domainEventTypes.leadCaptured)
      const moments = withEvent.filter((e) => e.type !== domainEventTypes.leadCaptured)
      const emails = [...(await leadWork(tx, leads, titles)), ...(await momentWork(tx, moments, titles))]
      return queueEmails(tx, emails)
    },
    afterCommit(queued) {
      if (queued > 0) onQueued()
    },
  }
}
