// One lead in full beside the table: contact, score with its explanation, star, archive, follow-up, the notes
// (entries by author; one's own editable) and the history of changes, including those that lost to a later one.
import { useEffect, useState } from 'react'
import type { CommandArgs } from '../../../../shared/desktop-api'
import type { HistoryEntry, NoteEntry } from '../../../../shared/leads/lead-record'
import { followUpStatuses, type FollowUpStatus } from '../../../../shared/leads/lead-record'
import { desktop } from '../../desktop-client'
import { errorText } from '../../use-sponsors'

type Lead = Record<string, unknown>
export type LeadChange = Omit<CommandArgs<'lead-update'>, 'sponsorId' | 'leadId'>

const when = (iso: unknown) => (typeof iso === 'string' && iso ? new Date(iso).toLocaleString() : '')
/** One history entry as a sentence: "starred it", "set follow-up to contacted (was new)", "added a note". */
function describe(entry: HistoryEntry): string {
  if (entry.field === 'is_starred') return entry.value ? 'starred it' : 'removed the star'
  if (entry.field === 'is_archived') return entry.value ? 'archived it' : 'restored it'
  if (entry.field === 'note') return entry.previous === null ? 'added a note' : 'edited a note'
  const status = (value: unknown) => String(value ?? '—').replace(/_/g, ' ')
  return `set follow-up to ${status(entry.value)}${entry.previous !== undefined && entry.previous !== entry.value ? ` (was ${status(entry.previous)})` : ''}`
}

/** The notes as entries; a lead from before entries existed shows its text as one entry by nobody. */
function noteEntries(lead: Lead): NoteEntry[] {
  if (Array.isArray(lead.note_entries)) return lead.note_entries as NoteEntry[]
  const text = typeof lead.notes === 'string' ? lead.notes : ''
  return text ? [{ id: 'legacy', text, author_id: null, author_name: null, device_id: null, created_at: String(lead.updated_at ?? ''), edited_at: null }] : []
}

export interface LeadDetailProps {
  sponsorId: string
  leadId: string
  /** Bumped by the page when the lead may have changed (a sync, an edit from the table). */
  version: number
  onChange(change: LeadChange, lead: Lead): Promise<Lead | null>
  onClose(): void
}

export function LeadDetail({ sponsorId, leadId, version, onChange, onClose }: LeadDetailProps) {
  const [lead, setLead] = useState<Lead | null>(null)
  const [userId, setUserId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [draft, setDraft] = useState('')
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null)

  useEffect(() => {
    desktop.invoke('session-status', {}).then((status) => setUserId(status.state === 'signed-in' ? status.user.id : null), () => {})
  }, [])
  useEffect(() => {
    let isCurrent = true
    desktop.invoke('lead-detail', { sponsorId, leadId }).then((row) => isCurrent && setLead(row), (failure: unknown) => isCurrent && setError(errorText(failure)))
    return () => {
      isCurrent = false
    }
  }, [sponsorId, leadId, version])

  if (error) return <aside className="lead-detail card" aria-label="Lead"><p role="alert" className="error">{error}</p></aside>
  if (!lead) return <aside className="lead-detail card" aria-label="Lead"><p>Loading…</p></aside>

  const change = async (args: LeadChange) => {
    const updated = await onChange(args, lead)
    if (updated) setLead(updated)
    return updated
  }
  const history = Array.isArray(lead.history) ? (lead.history as HistoryEntry[]) : []
  const notes = noteEntries(lead)

  return (
    <aside className="lead-detail card" aria-label={`Lead ${String(lead.name)}`}>
      <header className="page-header">
        <h3>{String(lead.name)}</h3>
        <button type="button" className="secondary" onClick={onClose}>Close</button>
      </header>
      <p>{[lead.title, lead.company, lead.email, lead.badge_code].filter(Boolean).map(String).join(' · ')}</p>
      <details className="score">
        <summary>Score {String(lead.intent_score)} · {String(lead.intent_level)}</summary>
        <span className="explanation">{String(lead.score_explanation ?? '')}</span>
      </details>
      <div className="lead-actions">
        <button type="button" aria-pressed={lead.is_starred === true} onClick={() => void change({ starred: lead.is_starred !== true })}>
          {lead.is_starred ? 'Starred' : 'Star'}
        </button>
        <button type="button" className="secondary" onClick={() => void change({ archived: lead.is_archived !== true })}>
          {lead.is_archived ? 'Restore' : 'Archive'}
        </button>
        <label>Follow-up
          <select aria-label="Follow-up" value={String(lead.follow_up_status)} onChange={(e) => void change({ followUpStatus: e.target.value as FollowUpStatus })}>
            {followUpStatuses.map((status) => <option key={status} value={status}>{status.replace('_', ' ')}</option>)}
          </select>
        </label>
      </div>

      <h4 id="lead-notes">Notes</h4>
      <ul aria-labelledby="lead-notes" className="notes">
        {notes.map((note) => (
          <li key={note.id}>
            {editing?.id === note.id ? (
              <form onSubmit={(e) => {
                e.preventDefault()
                void change({ noteEdit: { id: note.id, text: editing.text } }).then((updated) => updated && setEditing(null))
              }}>
                <label>Edit note<textarea value={editing.text} maxLength={2000} rows={3} onChange={(e) => setEditing({ id: note.id, text: e.target.value })} /></label>
                <button type="submit" disabled={!editing.text.trim()}>Save note</button>
                <button type="button" className="secondary" onClick={() => setEditing(null)}>Cancel</button>
              </form>
            ) : (
              <>
                <p className="note-text">{note.text}</p>
                <p className="note-meta">
                  {note.author_name ?? 'Unknown'} · {when(note.created_at)}{note.edited_at ? ` · edited ${when(note.edited_at)}` : ''}
                  {userId && note.author_id === userId && (
                    <button type="button" className="link" onClick={() => setEditing({ id: note.id, text: note.text })}>Edit</button>
                  )}
                </p>
              </>
            )}
          </li>
        ))}
        {notes.length === 0 && <li>No notes yet.</li>}
      </ul>
      <form onSubmit={(e) => {
        e.preventDefault()
        void change({ noteAdd: draft.trim() }).then((updated) => updated && setDraft(''))
      }}>
        <label>Add note<textarea value={draft} maxLength={2000} rows={2} onChange={(e) => setDraft(e.target.value)} /></label>
        <button type="submit" disabled={!draft.trim()}>Add note</button>
      </form>

      <h4 id="lead-history">History</h4>
      <ol aria-labelledby="lead-history" className="history">
        {history.map((entry, index) => (
          <li key={index} className={`history-${entry.outcome}`}>
            {when(entry.at)} · {entry.by_name ?? 'Someone'} {describe(entry)}
            {entry.outcome === 'superseded' && <strong> (a later change won; kept here)</strong>}
          </li>
        ))}
        {history.length === 0 && <li>No changes yet.</li>}
      </ol>
    </aside>
  )
}
