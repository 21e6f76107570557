// The merge rules of a lead (issue 21), one place for the sync push and the REST PATCH so every device
// converges. Notes are entries: additions from several devices all stay, and only an author edits their
// own. Star, archive and follow-up are last-writer-wins by the edit's time (the device's, clamped); a
// value that loses is kept in the history as 'superseded' and its author gets a notice.
import { randomUUID } from 'node:crypto'
import {
  historyLimit,
  type FieldMeta,
  type FollowUpStatus,
  type HistoryEntry,
  type LeadNotice,
  type MergedField,
  type NoteEntry,
  type NoteInput,
} from '../../shared/leads/lead-record'
import type { Lead, LeadEditWrite } from '../repositories/leads-repository'
import { AppError, notFound } from '../errors'

/** Who edits: the token's user, and the device (the sync client id; null over REST). */
export interface Editor {
  userId: string
  name: string | null
  deviceId: string | null
}

export interface LeadEdit {
  /** The device's time of the edit; missing means now. */
  editedAt?: Date | undefined
  starred?: boolean | undefined
  archived?: boolean | undefined
  followUpStatus?: FollowUpStatus | undefined
  addNote?: NoteInput | undefined
  editNote?: NoteInput | undefined
  /** Legacy clients send the whole notes text: what is new in it becomes a note; it never overwrites. */
  legacyNotes?: string | null | undefined
}

export const noteLimits = { entries: 200, totalChars: 200_000 } as const

type Merged = Omit<LeadEditWrite, 'qualifiers'>
type LeadState = Merged & Pick<Lead, 'firstCapturedAt' | 'notes'>

/** The notes text old clients, search and the CSV export read: the entries in created order, blank lines between. */
export const notesText = (entries: readonly NoteEntry[]) =>
  entries.length ? entries.map((e) => e.text).join('\n\n') : null

/** An edit's time: the device's, but never after now nor before the lead was first captured. */
export function editTime(editedAt: Date | undefined, firstCapturedAt: Date, now: Date) {
  if (!editedAt || editedAt > now) return now
  return editedAt < firstCapturedAt ? firstCapturedAt : editedAt
}

/** Adds notes in created order (ties by id), as the database's lead_notes_add does; refuses past the limits. */
export function withNotes(entries: readonly NoteEntry[], added: readonly NoteEntry[]): NoteEntry[] {
  const all = [...entries, ...added]
  if (all.length > noteLimits.entries || all.reduce((n, e) => n + e.text.length, 0) > noteLimits.totalChars) {
    throw new AppError(
      409,
      'notes-full',
      `A lead keeps at most ${noteLimits.entries} notes and ${noteLimits.totalChars} characters of them; edit one of your own notes instead.`,
    )
  }
  return all.sort((a, b) =>
    a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1,
  )
}

export function noteEntry(input: { id: string; text: string }, editor: Editor, at: Date): NoteEntry {
  return {
    id: input.id,
    text: input.text,
    author_id: editor.userId,
    author_name: editor.name,
    device_id: editor.deviceId,
    created_at: at.toISOString(),
    edited_at: null,
  }
}

const fieldLabels: Record<MergedField, string> = {
  is_starred: 'Star',
  is_archived: 'Archive',
  follow_up_status: 'Follow-up',
}
const fieldKeys = {
  is_starred: 'isStarred',
  is_archived: 'isArchived',
  follow_up_status: 'followUpStatus',
} as const satisfies Record<MergedField, keyof Merged>

const shown = (field: MergedField | 'note', value: unknown) =>
  field === 'is_starred'
    ? value
      ? 'starred'
      : 'not starred'
    : field === 'is_archived'
      ? value
        ? 'archived'
        : 'not archived'
      : field === 'note'
        ? 'your edit'
        : String(value)
const clock = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

/** Applies an edit to a lead read under lock; returns what to write and the notices for the edit's author. */
export function mergeEdit(
  lead: LeadState,
  edit: LeadEdit,
  editor: Editor,
  now = new Date(),
): { merged: Merged; notices: LeadNotice[] } {
  const at = editTime(edit.editedAt, lead.firstCapturedAt, now)
  const merged: Merged = {
    isStarred: lead.isStarred,
    isArchived: lead.isArchived,
    followUpStatus: lead.followUpStatus,
    noteEntries: lead.noteEntries,
    fieldMeta: { ...lead.fieldMeta },
    history: [...lead.history],
  }
  const notices: LeadNotice[] = []
  const record = (field: HistoryEntry['field'], value: unknown, previous: unknown, outcome: HistoryEntry['outcome']) =>
    merged.history.push({
      at: now.toISOString(),
      edited_at: at.toISOString(),
      field,
      value,
      previous,
      by: editor.userId,
      by_name: editor.name,
      device_id: editor.deviceId,
      outcome,
    })

  const changes: [MergedField, unknown][] = [
    ['is_starred', edit.starred],
    ['is_archived', edit.archived],
    ['follow_up_status', edit.followUpStatus],
  ]
  for (const [field, value] of changes) {
    if (value === undefined) continue
    const key = fieldKeys[field]
    const previous = merged[key]
    const meta = merged.fieldMeta[field]
    if (meta && new Date(meta.at) > at) {
      // A later edit (by its device's time) already decided this field: keep ours in the history, say so
      // (no notice when both chose the same value).
      record(field, value, previous, 'superseded')
      if (value !== previous)
        notices.push({
          code: 'field-superseded',
          field,
          message: `${fieldLabels[field]} was changed by ${meta.by_name ?? 'someone'} at ${clock(meta.at)}; your change (${shown(field, value)}) is kept in the lead's history.`,
        })
      continue
    }
    // Every person's action stays in the lead's story, a repeat of the current value too.
    record(field, value, previous, 'applied')
    Object.assign(merged, { [key]: value })
    merged.fieldMeta[field] = {
      by: editor.userId,
      by_name: editor.name,
      device_id: editor.deviceId,
      at: at.toISOString(),
    } satisfies FieldMeta
  }

  const added = edit.addNote ?? legacyNote(edit.legacyNotes, lead.notes)
  if (added && !merged.noteEntries.some((e) => e.id === added.id)) {
    merged.noteEntries = withNotes(merged.noteEntries, [noteEntry(added, editor, at)])
    // Notes from elsewhere that reached the server after this one was written: the device could not have seen them.
    const beside = merged.history.filter(
      (h) =>
        h.field === 'note' &&
        h.previous === null &&
        h.outcome === 'applied' &&
        (h.by !== editor.userId || h.device_id !== editor.deviceId) &&
        new Date(h.at) > at,
    ).length
    record('note', { id: added.id }, null, 'applied')
    if (beside > 0)
      notices.push({
        code: 'note-merged',
        field: 'note',
        message: `Your note was added beside ${beside} note${beside === 1 ? '' : 's'} from another device.`,
      })
  }
  if (edit.editNote) editOwnNote(merged, edit.editNote, editor, at, record, notices)
  merged.history = merged.history.slice(-historyLimit)
  return { merged, notices }
}

function editOwnNote(
  merged: Merged,
  input: NoteInput,
  editor: Editor,
  at: Date,
  record: (field: 'note', value: unknown, previous: unknown, outcome: HistoryEntry['outcome']) => void,
  notices: LeadNotice[],
) {
  const entry = merged.noteEntries.find((e) => e.id === input.id)
  if (!entry) throw notFound('Note')
  if (entry.author_id !== editor.userId)
    throw new AppError(403, 'not-your-note', 'Only the author of a note may edit it; add a note of your own instead.')
  if (entry.text === input.text) return
  if (entry.edited_at && new Date(entry.edited_at) > at) {
    record('note', { id: entry.id, text: input.text }, { id: entry.id, text: entry.text }, 'superseded')
    notices.push({
      code: 'field-superseded',
      field: 'note',
      message: `Your note was edited later on another device at ${clock(entry.edited_at)}; ${shown('note', null)} is kept in the lead's history.`,
    })
    return
  }
  record('note', { id: entry.id, text: input.text }, { id: entry.id, text: entry.text }, 'applied')
  const total = merged.noteEntries.reduce((n, e) => n + e.text.length, 0) - entry.text.length + input.text.length
  if (total > noteLimits.totalChars)
    throw new AppError(409, 'notes-full', `A lead keeps at most ${noteLimits.totalChars} characters of notes.`)
  merged.noteEntries = merged.noteEntries.map((e) =>
    e.id === entry.id ? { ...e, text: input.text, edited_at: at.toISOString() } : e,
  )
}

/** What an old client's whole notes text adds: nothing when unchanged, the new tail when it only appended, else all of it. */
function legacyNote(text: string | null | undefined, current: string | null): NoteInput | undefined {
  if (!text?.trim() || text === current) return undefined
  const added = current && text.startsWith(current) ? text.slice(current.length).trim() : text.trim()
  return added ? { id: randomUUID(), text: added } : undefined
}
