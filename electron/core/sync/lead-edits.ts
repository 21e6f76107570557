// A lead edit as the device applies it to its replica: at once when made, and again on top of every pull
// while the server has not acknowledged it. The server applies the same args with its merge rules
// (last-writer-wins for fields, notes that append); this is the device's best guess until then.

/** `lead.update` args as the desktop sends them (shared/sync/sync-protocol.ts UpdateLeadArgs). */
export interface LeadEditArgs {
  sponsor_id: string
  lead_id: string
  edited_at?: string
  starred?: boolean
  archived?: boolean
  follow_up_status?: string
  add_note?: { id: string; text: string }
  edit_note?: { id: string; text: string }
  notes?: string | null
}

/** Who makes edits on this device: the note author and the field_meta of what they set. */
export interface EditAuthor {
  id: string
  name: string | null
  deviceId: string
}

export interface NoteEntry {
  id: string
  text: string
  author_id: string | null
  author_name: string | null
  device_id: string | null
  created_at: string
  edited_at: string | null
}

const fields = { starred: 'is_starred', archived: 'is_archived', follow_up_status: 'follow_up_status' } as const

export function noteEntries(lead: Record<string, unknown>): NoteEntry[] {
  if (Array.isArray(lead.note_entries)) return lead.note_entries as NoteEntry[]
  // A lead pulled from a server without note entries: its notes are one entry by nobody in particular.
  const notes = typeof lead.notes === 'string' && lead.notes !== '' ? lead.notes : null
  return notes
    ? [
        {
          id: `legacy-${String(lead.id)}`,
          text: notes,
          author_id: null,
          author_name: null,
          device_id: null,
          created_at: String(lead.first_captured_at ?? ''),
          edited_at: null,
        },
      ]
    : []
}

/** Whether the edit's note change is allowed here: only the author edits their own entry. */
export function canEditNote(lead: Record<string, unknown>, noteId: string, author: EditAuthor): boolean {
  return noteEntries(lead).some((entry) => entry.id === noteId && entry.author_id === author.id)
}

/** The lead with the edit applied, as the server would (notes derived from the entries). */
export function applyLeadEdit(
  lead: Record<string, unknown>,
  args: LeadEditArgs,
  author: EditAuthor,
): Record<string, unknown> {
  const at = args.edited_at ?? new Date().toISOString()
  const next: Record<string, unknown> = { ...lead }
  const meta = { ...((lead.field_meta as Record<string, unknown> | undefined) ?? {}) }
  for (const [arg, column] of Object.entries(fields)) {
    const value = args[arg as keyof typeof fields]
    if (value === undefined) continue
    next[column] = value
    meta[column] = { by: author.id, by_name: author.name, device_id: author.deviceId, at }
  }
  next.field_meta = meta
  let entries = noteEntries(lead)
  const added = args.add_note ?? (args.notes ? { id: `legacy-note-${at}`, text: args.notes } : undefined)
  if (added && !entries.some((entry) => entry.id === added.id)) {
    entries = [
      ...entries,
      {
        id: added.id,
        text: added.text,
        author_id: author.id,
        author_name: author.name,
        device_id: author.deviceId,
        created_at: at,
        edited_at: null,
      },
    ]
  }
  const edited = args.edit_note
  if (edited) {
    entries = entries.map((entry) =>
      entry.id === edited.id && entry.author_id === author.id ? { ...entry, text: edited.text, edited_at: at } : entry,
    )
  }
  next.note_entries = entries
  next.notes = entries.length > 0 ? entries.map((entry) => entry.text).join('\n\n') : null
  return next
}
