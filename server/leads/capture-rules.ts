// The rules of one capture, shared by the online endpoint and the pushed-backlog path so both decide
// alike: who may be captured, and what a first or a repeat capture makes of the lead.
import type { CaptureLeadBody, Interaction, NoteEntry, QualifierAnswers } from '../../shared/leads/lead-record'
import { interactionPoints, scoreInteractions } from '../../shared/leads/intent-scoring'
import type { Lead } from '../repositories/leads-repository'
import { AppError, conflict, notFound } from '../errors'
import { noteEntry, notesText, withNotes, type Editor } from './lead-edits'

type Attendee = { id: string; name: string; email: string | null; company: string | null; title: string | null }
type Person = Pick<CaptureLeadBody, 'badge_code' | 'manual'>

export const consentMissing = () =>
  new AppError(
    422,
    'consent-missing',
    'This attendee has not agreed to share their details with sponsors, so no lead was stored. If they agree now, enter them by hand and confirm their consent.',
  )

export function requireBadgeOrManual(person: Person) {
  if ((person.badge_code === undefined) === (person.manual === undefined)) {
    throw new AppError(
      400,
      'badge-or-manual',
      'Send either badge_code (a scanned badge) or manual (a person without a badge), exactly one of them.',
    )
  }
}

/**
 * Refuses a capture the sponsor may not make: not at the event, archived there, an unknown badge, or an
 * attendee who did not consent. `badgeConsent` is asked only when the directory shows no attendee.
 */
export async function requireCapturable(
  context: { isSponsoring: boolean; isArchived: boolean; attendee: Attendee | null },
  person: Person,
  badgeConsent: (badgeCode: string) => Promise<'consented' | 'not_consented' | null>,
) {
  if (!context.isSponsoring) throw notFound('The sponsor at this event')
  if (context.isArchived)
    throw conflict(
      'sponsor-archived',
      'This sponsor is archived at the event; leads cannot be captured until the organizer restores it.',
    )
  if (person.badge_code !== undefined && !context.attendee) {
    if ((await badgeConsent(person.badge_code)) === null)
      throw notFound(`An attendee with badge code "${person.badge_code}" at this event`)
    throw consentMissing()
  }
}

/** How far a device's clock is believed: a little ahead of the server, and back to a day before the event was created. */
export const clockBounds = { aheadMs: 5 * 60_000, beforeEventMs: 24 * 3_600_000 } as const

export interface CaptureClock {
  /** When the capture counts as made. */
  at: Date
  /** When the server received it. */
  receivedAt: Date
  /** Set when the device's time was out of bounds and the receive time replaced it. */
  flag: 'future' | 'past' | null
}

/** When a capture counts as made: the device's time when it is sane, otherwise the receive time, flagged. */
export function captureClock(
  deviceAt: Date | undefined,
  eventCreatedAt: Date | null,
  receivedAt = new Date(),
): CaptureClock {
  if (!deviceAt || Number.isNaN(deviceAt.getTime())) return { at: receivedAt, receivedAt, flag: null }
  if (deviceAt.getTime() > receivedAt.getTime() + clockBounds.aheadMs)
    return { at: receivedAt, receivedAt, flag: 'future' }
  if (eventCreatedAt && deviceAt.getTime() < eventCreatedAt.getTime() - clockBounds.beforeEventMs)
    return { at: receivedAt, receivedAt, flag: 'past' }
  return { at: deviceAt, receivedAt, flag: null }
}

export function scored(interactions: Interaction[]) {
  const { score, level } = scoreInteractions(interactions.map((i) => i.type))
  return { intentScore: score, intentLevel: level }
}

export function interactionOf(type: CaptureLeadBody['interaction'], clock: CaptureClock, userId: string): Interaction {
  return {
    type,
    points: interactionPoints[type],
    at: clock.at.toISOString(),
    captured_by: userId,
    received_at: clock.receivedAt.toISOString(),
    clock: clock.flag ? 'clamped' : 'ok',
  }
}

/** The note a capture brings, as an entry by the capturer (its id is the capture's). */
export const captureNote = (captureId: string, notes: string | undefined, editor: Editor, at: Date): NoteEntry[] =>
  notes ? [noteEntry({ id: captureId, text: notes }, editor, at)] : []

/** The lead a first capture makes: the attendee's shared details, or the manual person with their confirmed consent. */
export function firstCapture(input: {
  id: string
  sponsorId: string
  eventId: string
  attendee: Attendee | null
  person: Person
  addedNotes: NoteEntry[]
  interaction: Interaction
  answers: QualifierAnswers
  userId: string
  at: Date
}): Lead {
  const {
    attendee,
    person: { badge_code: badgeCode, manual },
    at,
    userId,
  } = input
  const person = attendee ?? {
    name: manual!.name,
    email: manual!.email ?? null,
    company: manual!.company ?? null,
    title: manual!.title ?? null,
  }
  return {
    id: input.id,
    sponsorId: input.sponsorId,
    eventId: input.eventId,
    attendeeId: attendee?.id ?? null,
    badgeCode: badgeCode ?? null,
    name: person.name,
    email: person.email,
    company: person.company,
    title: person.title,
    phone: manual?.phone ?? null,
    consentSource: attendee ? 'attendee_directory' : 'confirmed_at_capture',
    consentConfirmedBy: attendee ? null : userId,
    consentConfirmedAt: at,
    interactions: [input.interaction],
    ...scored([input.interaction]),
    qualifiers: input.answers,
    noteEntries: withNotes([], input.addedNotes),
    notes: notesText(input.addedNotes),
    fieldMeta: {},
    history: [],
    isStarred: false,
    isArchived: false,
    followUpStatus: 'new',
    capturedBy: userId,
    captureCount: 1,
    firstCapturedAt: at,
    lastCapturedAt: at,
    createdAt: at,
    updatedAt: at,
  }
}

/**
 * A later capture of the same person: its interaction and a repeat_visit, merged answers, its note added beside
 * the others. The captured span only widens: a capture dated earlier never moves last_captured_at back.
 */
export function repeatCapture(
  existing: Lead,
  change: { interaction: Interaction; answers: QualifierAnswers; addedNotes: NoteEntry[]; at: Date },
): Lead {
  const repeat: Interaction = { ...change.interaction, type: 'repeat_visit', points: interactionPoints.repeat_visit }
  const interactions = [...existing.interactions, change.interaction, repeat]
  const noteEntries = withNotes(existing.noteEntries, change.addedNotes)
  return {
    ...existing,
    interactions,
    ...scored(interactions),
    qualifiers: { ...existing.qualifiers, ...change.answers },
    noteEntries,
    notes: notesText(noteEntries),
    captureCount: existing.captureCount + 1,
    firstCapturedAt: change.at < existing.firstCapturedAt ? change.at : existing.firstCapturedAt,
    lastCapturedAt: change.at > existing.lastCapturedAt ? change.at : existing.lastCapturedAt,
  }
}
