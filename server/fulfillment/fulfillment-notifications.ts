// Tells the parties when fulfillment moves (seed 001 §20.2 "notify sponsors when reviews are completed"): the
// 'fulfillment-notifications' outbox reader turns deliverable and SLA events into a realtime message in each
// party's organization room and an email to the owners and admins of the party that must hear it — the
// responsible side when its work was reviewed, the reviewer when a proof arrives, both when an SLA is decided.
import type { FastifyInstance } from 'fastify'
import type { Queryable } from '../db/database'
import type { DomainEvent } from '../outbox/domain-event-types'
import type { OutboxReaderSpec } from '../outbox/outbox-reader'
import { realtimeEvents } from '../../shared/domain'

export const notifiedTypes = [
  'deliverable.submitted',
  'deliverable.approved',
  'deliverable.needs_changes',
  'deliverable.waived',
  'sla.met',
  'sla.breached',
] as const

interface Notice {
  orgIds: string[]
  realtimeEvent: string
  payload: Record<string, unknown>
  emails: string[]
  subject: string
  text: string
}

const words: Record<string, string> = {
  'deliverable.submitted': 'has a new proof to review',
  'deliverable.approved': 'was approved',
  'deliverable.needs_changes': 'needs changes',
  'deliverable.waived': 'was waived',
}

async function ownersAndAdmins(tx: Queryable, orgIds: string[]) {
  const { rows } = await tx.query<{ org_id: string; email: string }>(
    `SELECT m.org_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ANY($1::uuid[]) AND m.role IN ('owner', 'admin')`,
    [orgIds],
  )
  return rows
}

async function noticesFor(tx: Queryable, events: DomainEvent[]): Promise<Notice[]> {
  const people = await ownersAndAdmins(tx, [...new Set(events.flatMap((e) => e.orgIds))])
  const emailsOf = (orgIds: string[]) => people.filter((p) => orgIds.includes(p.org_id)).map((p) => p.email)
  return events.map((event) => {
    const [organizerOrg, sponsorOrg] = event.orgIds as [string, string]
    const data = event.data
    if (event.type.startsWith('sla.')) {
      const status = event.type === 'sla.met' ? 'met' : 'breached'
      return {
        orgIds: event.orgIds,
        realtimeEvent: realtimeEvents.slaDecided,
        payload: data,
        emails: emailsOf(event.orgIds),
        subject: `SLA ${String(data.metric)} ${status}`,
        text:
          `The ${String(data.metric).replace('_', ' ')} SLA of order ${String(data.order_id)} was ${status}: ${String(data.actual)} of ${String(data.target)}.` +
          (status === 'breached' ? ` Its breach policy applies: ${JSON.stringify(data.breach_policy)}.` : ''),
      }
    }
    const responsibleOrg = data.responsible_side === 'organizer' ? organizerOrg : sponsorOrg
    const reviewerOrg = responsibleOrg === organizerOrg ? sponsorOrg : organizerOrg
    const toldOrg = event.type === 'deliverable.submitted' ? reviewerOrg : responsibleOrg
    const reason = data.reason ? ` Reason: ${String(data.reason)}` : ''
    return {
      orgIds: event.orgIds,
      realtimeEvent: realtimeEvents.deliverableUpdated,
      payload: data,
      emails: emailsOf([toldOrg]),
      subject: `Deliverable ${String(data.type)} ${words[event.type] ?? 'changed'}`,
      text: `The ${String(data.type).replace(/_/g, ' ')} deliverable (${String(data.deliverable_id)}) ${words[event.type] ?? 'changed'}.${reason}`,
    }
  })
}

export function fulfillmentNotificationsReader(app: FastifyInstance): OutboxReaderSpec<Notice[]> {
  return {
    name: 'fulfillment-notifications',
    types: notifiedTypes,
    batchSize: 200,
    handle: (tx, events) => noticesFor(tx, events),
    async afterCommit(notices) {
      for (const notice of notices) {
        for (const orgId of notice.orgIds) app.realtime.toOrg(orgId, notice.realtimeEvent, notice.payload)
        for (const to of notice.emails) {
          await app.mailer.send({ to, subject: notice.subject, text: notice.text }).catch((error: unknown) => {
            app.log.warn({ err: error }, 'a fulfillment email could not be sent')
          })
        }
      }
    },
  }
}
