// How a deliverable reads to a person: its benefit in words, what its spec asks, when it is due, who acts next.
import type { DeliverableRecord } from '../../../../shared/commerce/fulfillment-records'
import type { Side } from '../../../../shared/commerce/commerce-records'
import { benefitLabel, benefitValue, humanize } from '../../../../shared/vocabulary'
import { formatDate } from '../../ui/format'

const dayMs = 86_400_000

export const deliverableTitle = (d: Pick<DeliverableRecord, 'type'>) => benefitLabel(d.type)

/** The spec as "Placement: Main stage · Size: Large"; empty when it asks nothing in particular. */
export function specWords(spec: Record<string, unknown>): string {
  return Object.entries(spec)
    .filter(([key]) => key !== 'benefit') // the benefit it came from is already its title
    .map(([key, value]) => `${benefitLabel(key)}: ${codeWords(value)}`)
    .join(' · ')
}

/** A stored code such as main_stage reads "Main stage"; anything else as the benefit's value reads. */
const codeWords = (value: unknown) =>
  typeof value === 'string' && /^[a-z]+(_[a-z]+)+$/.test(value) ? humanize(value) : benefitValue(value)

/** "Overdue since 3 Dec", "Due today", "Due in 2 days", "Due 14 Jan", or "No due date". */
export function dueWords(d: Pick<DeliverableRecord, 'due_at' | 'is_overdue'>, now = new Date()): string {
  if (!d.due_at) return 'No due date'
  const due = new Date(d.due_at)
  if (d.is_overdue) return `Overdue since ${formatDate(due)}`
  const days = Math.ceil((due.getTime() - now.getTime()) / dayMs)
  if (days <= 0) return 'Due today'
  if (days === 1) return 'Due tomorrow'
  if (days <= 7) return `Due in ${days} days`
  return `Due ${formatDate(due)}`
}

/** Due within three days and still owed: the queue flags it, and the command center shows it. */
export const isDueSoon = (d: Pick<DeliverableRecord, 'due_at' | 'is_overdue'>, now = new Date()) =>
  !!d.due_at && !d.is_overdue && new Date(d.due_at).getTime() - now.getTime() <= 3 * dayMs

/** Whose move it is, from the reader's side. */
export function nextStepWords(d: Pick<DeliverableRecord, 'awaiting' | 'status' | 'responsible_side'>, side: Side) {
  if (!d.awaiting) return d.status === 'approved' ? 'Done' : 'Nothing owed'
  const other = side === 'organizer' ? 'the sponsor' : 'the organizer'
  if (d.awaiting === side) return d.responsible_side === side ? 'Yours to prove' : 'Yours to review'
  return d.responsible_side === side ? `Waiting for ${other} to review` : `Waiting for ${other}'s proof`
}
