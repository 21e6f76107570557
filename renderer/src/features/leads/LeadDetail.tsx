// One lead in full beside the table: contact, score with its explanation in words, star, archive, follow-up, the
// notes (entries by author; one's own editable) and the history of changes, including those that lost to a later one.
import { useEffect, useState, type ReactNode } from 'react'
import { Button, Group, List, NativeSelect, Paper, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core'
import type { CommandArgs, ReplicaLead } from '../../../../shared/desktop-api'
import type { HistoryEntry, NoteEntry } from '../../../../shared/leads/lead-record'
import { choicesOf, explainInWords, followUpTerms, intentLevelTerms, labelOf } from '../../../../shared/vocabulary'
import { followUpStatuses, type FollowUpStatus } from '../../../../shared/leads/lead-record'
import { desktop, errorText } from '../../desktop/desktop-client'
import { formatDateTime } from '../../ui/format'
import { StatusBadge } from '../../ui/StatusBadge'
import { ErrorState, LoadingState } from '../../ui/states'

export type LeadChange = Omit<CommandArgs<'lead-update'>, 'sponsorId' | 'leadId'>
const isFollowUp = (value: string): value is FollowUpStatus => (followUpStatuses as readonly string[]).includes(value)

/** One history entry as a sentence: "starred it", "set follow-up to Contacted (was New)", "added a note". */
function describe(entry: HistoryEntry): string {
  if (entry.field === 'is_starred') return entry.value ? 'starred it' : 'removed the star'
  if (entry.field === 'is_archived') return entry.value ? 'archived it' : 'restored it'
  if (entry.field === 'note') return entry.previous === null ? 'added a note' : 'edited a note'
  const status = (value: unknown) => labelOf(followUpTerms, typeof value === 'string' ? value : null)
  return `set follow-up to ${status(entry.value)}${entry.previous !== undefined && entry.previous !== entry.value ? ` (was ${status(entry.previous)})` : ''}`
}

/** The notes as entries; a lead from before entries existed shows its text as one entry by nobody. */
function noteEntries(lead: ReplicaLead): NoteEntry[] {
  if (lead.note_entries) return lead.note_entries
  return lead.notes
    ? [
        {
          id: 'legacy',
          text: lead.notes,
          author_id: null,
          author_name: null,
          device_id: null,
          created_at: lead.updated_at,
          edited_at: null,
        },
      ]
    : []
}

export interface LeadDetailProps {
  sponsorId: string
  leadId: string
  /** Bumped by the page when the lead may have changed (a sync, an edit from the table). */
  version: number
  onChange(change: LeadChange, lead: ReplicaLead): Promise<ReplicaLead | null>
  onClose(): void
}

export function LeadDetail({ sponsorId, leadId, version, onChange, onClose }: LeadDetailProps) {
  const [lead, setLead] = useState<ReplicaLead | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [userId, setUserId] = useState<string | null>(null)
  const [draft, setDraft] = useState('')
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null)

  useEffect(() => {
    desktop.invoke('session-status', {}).then(
      (status) => setUserId(status.state === 'signed-in' ? status.user.id : null),
      () => {},
    )
  }, [])
  useEffect(() => {
    let isCurrent = true
    desktop.invoke('lead-detail', { sponsorId, leadId }).then(
      (row) => isCurrent && setLead(row),
      (failure: unknown) => isCurrent && setError(errorText(failure)),
    )
    return () => {
      isCurrent = false
    }
  }, [sponsorId, leadId, version])

  const frame = (label: string, content: ReactNode) => (
    <Paper component="aside" withBorder p="sm" w={320} miw={320} aria-label={label}>
      {content}
    </Paper>
  )
  if (error) return frame('Lead', <ErrorState message={error} />)
  if (!lead) return frame('Lead', <LoadingState label="Loading the lead…" />)

  const change = async (args: LeadChange) => {
    const updated = await onChange(args, lead)
    if (updated) setLead(updated)
    return updated
  }
  const history = lead.history ?? []
  const notes = noteEntries(lead)

  return frame(
    `Lead ${lead.name}`,
    <ScrollArea.Autosize mah="calc(100vh - 12rem)" type="auto" offsetScrollbars viewportProps={{ tabIndex: 0 }}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h4">
            {lead.name}
          </Title>
          <Button size="compact-sm" variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
        <Text size="sm">
          {[lead.title, lead.company, lead.email, lead.badge_code && `Badge ${lead.badge_code}`]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <div>
          <Group gap="xs">
            <Text fw={600}>Score {lead.intent_score}</Text>
            <StatusBadge vocabulary={intentLevelTerms} value={lead.intent_level} />
          </Group>
          <Text size="xs" c="dimmed">
            {explainInWords(lead.interactions, lead.intent_score)}
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <Button
            size="xs"
            variant={lead.is_starred ? 'filled' : 'default'}
            aria-pressed={lead.is_starred}
            onClick={() => void change({ starred: !lead.is_starred })}
          >
            {lead.is_starred ? 'Starred' : 'Star'}
          </Button>
          <Button size="xs" variant="default" onClick={() => void change({ archived: !lead.is_archived })}>
            {lead.is_archived ? 'Restore' : 'Archive'}
          </Button>
          <NativeSelect
            size="xs"
            label="Follow-up"
            value={lead.follow_up_status}
            data={choicesOf(followUpTerms)}
            onChange={(e) =>
              isFollowUp(e.currentTarget.value) && void change({ followUpStatus: e.currentTarget.value })
            }
          />
        </Group>

        <Title order={4} size="h5" id="lead-notes">
          Notes
        </Title>
        <List aria-labelledby="lead-notes" size="sm" spacing={6} listStyleType="none">
          {notes.map((note) => (
            <List.Item key={note.id}>
              {editing?.id === note.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault()
                    void change({ noteEdit: { id: note.id, text: editing.text } }).then(
                      (updated) => updated && setEditing(null),
                    )
                  }}
                >
                  <Textarea
                    label="Edit note"
                    value={editing.text}
                    maxLength={2000}
                    onChange={(e) => setEditing({ id: note.id, text: e.currentTarget.value })}
                  />
                  <Group gap="xs" mt={4}>
                    <Button type="submit" size="compact-sm" disabled={!editing.text.trim()}>
                      Save note
                    </Button>
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(null)}>
                      Cancel
                    </Button>
                  </Group>
                </form>
              ) : (
                <>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {note.text}
                  </Text>
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">
                      {note.author_name ?? 'Unknown'} · {formatDateTime(note.created_at)}
                      {note.edited_at ? ` · edited ${formatDateTime(note.edited_at)}` : ''}
                    </Text>
                    {userId && note.author_id === userId && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing({ id: note.id, text: note.text })}
                      >
                        Edit
                      </Button>
                    )}
                  </Group>
                </>
              )}
            </List.Item>
          ))}
          {notes.length === 0 && (
            <List.Item>
              <Text size="sm" c="dimmed">
                No notes yet.
              </Text>
            </List.Item>
          )}
        </List>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void change({ noteAdd: draft.trim() }).then((updated) => updated && setDraft(''))
          }}
        >
          <Textarea label="Add note" value={draft} maxLength={2000} onChange={(e) => setDraft(e.currentTarget.value)} />
          <Button type="submit" size="compact-sm" mt={4} disabled={!draft.trim()}>
            Add note
          </Button>
        </form>

        <Title order={4} size="h5" id="lead-history">
          History
        </Title>
        <List aria-labelledby="lead-history" size="sm" spacing={4} type="ordered">
          {history.map((entry, index) => (
            <List.Item key={index} c={entry.outcome === 'superseded' ? 'orange.9' : undefined}>
              {formatDateTime(entry.at)} · {entry.by_name ?? 'Someone'} {describe(entry)}
              {entry.outcome === 'superseded' && <strong> (a later change won; kept here)</strong>}
            </List.Item>
          ))}
          {history.length === 0 && <List.Item>No changes yet.</List.Item>}
        </List>
      </Stack>
    </ScrollArea.Autosize>,
  )
}
