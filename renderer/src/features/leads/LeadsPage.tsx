// Lead review for sponsor representatives, at show scale: filtering, sorting and search run in the replica's
// SQLite (so it works offline), the table renders only the rows in view and fetches pages as it scrolls.
// Star, archive and follow-up are done at once, with Undo; archived leads have their own view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Badge, Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { IconDownload, IconSearch } from '@tabler/icons-react'
import type { LeadSummary, ReplicaLead } from '../../../../shared/desktop-api'
import type { IntentLevel } from '../../../../shared/leads/intent-scoring'
import { choicesOf, intentLevelTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useOnSync } from '../../desktop/use-sync'
import { useSponsors } from '../../desktop/use-sponsors'
import { formatCount } from '../../ui/format'
import { notifyDone, notifyError, notifyUndo } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { SponsorSelect } from '../../ui/SponsorSelect'
import { EmptyState, ErrorState, LoadingState } from '../../ui/states'
import { usePaletteActions } from '../shell/palette-actions'
import { useLeadPages, type LeadQuery } from './use-lead-pages'
import { LeadTable } from './LeadTable'
import { LeadDetail, type LeadChange } from './LeadDetail'

const views = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
] as const
const isView = (value: string): value is LeadQuery['archived'] => views.some((view) => view.value === value)
const isIntent = (value: string): value is IntentLevel => Object.hasOwn(intentLevelTerms, value)

export function LeadsPage() {
  const { sponsors, error: sponsorsError } = useSponsors()
  const [sponsorId, setSponsorId] = useState('')
  const [intent, setIntent] = useState<IntentLevel | ''>('')
  const [q, setQ] = useState('')
  const [archived, setArchived] = useState<LeadQuery['archived']>('active')
  const [isStarredOnly, setStarredOnly] = useState(false)
  const [sort, setSort] = useState<LeadQuery['sort']>('recent')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [detailVersion, setDetailVersion] = useState(0)
  const searchField = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (sponsors?.length && !sponsors.some((sponsor) => sponsor.id === sponsorId)) setSponsorId(sponsors[0]!.id)
  }, [sponsors, sponsorId])

  const query = useMemo<LeadQuery | null>(
    () =>
      sponsorId
        ? {
            sponsorId,
            archived,
            sort,
            ...(intent ? { intentLevel: intent } : {}),
            ...(q.trim() ? { q: q.trim() } : {}),
            ...(isStarredOnly ? { starred: true } : {}),
          }
        : null,
    [sponsorId, archived, sort, intent, q, isStarredOnly],
  )
  const leads = useLeadPages(query)
  const { refresh } = leads
  const onSync = useCallback(() => {
    refresh()
    setDetailVersion((v) => v + 1)
  }, [refresh])
  useOnSync(onSync)

  const update = useCallback(
    async (leadId: string, change: LeadChange): Promise<ReplicaLead | null> => {
      try {
        const updated = await desktop.invoke('lead-update', { sponsorId, leadId, ...change })
        refresh()
        setDetailVersion((v) => v + 1)
        return updated
      } catch (failure) {
        notifyError(errorText(failure))
        return null
      }
    },
    [sponsorId, refresh],
  )

  /** Archive and restore are done at once; the notification offers to undo. */
  const setArchivedWithUndo = useCallback(
    async (lead: { id: string; name: string }, isArchived: boolean) => {
      const updated = await update(lead.id, { archived: isArchived })
      if (updated)
        notifyUndo({
          message: isArchived ? `Archived ${lead.name}.` : `Restored ${lead.name}.`,
          onUndo: () => void update(lead.id, { archived: !isArchived }),
        })
      return updated
    },
    [update],
  )
  const toggleStar = useCallback(
    async (lead: { id: string; name: string; isStarred: boolean }) => {
      const updated = await update(lead.id, { starred: !lead.isStarred })
      if (updated)
        notifyUndo({
          message: lead.isStarred ? `Removed the star from ${lead.name}.` : `Starred ${lead.name}.`,
          onUndo: () => void update(lead.id, { starred: lead.isStarred }),
        })
    },
    [update],
  )

  const onDetailChange = useCallback(
    async (change: LeadChange, lead: ReplicaLead) => {
      if (change.archived !== undefined) return setArchivedWithUndo(lead, change.archived)
      if (change.starred !== undefined) {
        await toggleStar({ id: lead.id, name: lead.name, isStarred: lead.is_starred })
        return desktop.invoke('lead-detail', { sponsorId, leadId: lead.id })
      }
      const updated = await update(lead.id, change)
      if (updated && change.followUpStatus !== undefined && change.followUpStatus !== lead.follow_up_status) {
        notifyUndo({
          message: `Follow-up of ${lead.name} set.`,
          onUndo: () => void update(lead.id, { followUpStatus: lead.follow_up_status }),
        })
      }
      return updated
    },
    [update, setArchivedWithUndo, toggleStar, sponsorId],
  )

  const exportCsv = useCallback(async () => {
    try {
      const file = await desktop.invoke('leads-export', { sponsorId })
      const saved = await desktop.saveFile(
        { suggestedName: file.fileName, content: file.csv, filters: [{ name: 'CSV', extensions: ['csv'] }] },
        'text/csv',
      )
      if (saved.saved) notifyDone(`Exported the leads to ${saved.path}.`)
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }, [sponsorId])

  const canExport = sponsors?.find((s) => s.id === sponsorId)?.permissions.includes('sponsor:leads:export') ?? false
  const selected = useRef<LeadSummary | null>(null)
  useHotkeys([
    ['/', () => searchField.current?.focus()],
    ['s', () => selected.current && void toggleStar(selected.current)],
    ['e', () => selected.current && void setArchivedWithUndo(selected.current, !selected.current.isArchived)],
  ])
  const paletteActions = useMemo(
    () => [
      ...(canExport
        ? [{ id: 'leads-export', group: 'Leads', label: 'Export leads to CSV', run: () => void exportCsv() }]
        : []),
      { id: 'leads-archived', group: 'Leads', label: 'Show archived leads', run: () => setArchived('archived') },
      { id: 'leads-hot', group: 'Leads', label: 'Show hot leads', run: () => setIntent('hot') },
      { id: 'leads-search', group: 'Leads', label: 'Search leads', run: () => searchField.current?.focus() },
    ],
    [canExport, exportCsv],
  )
  usePaletteActions('leads', paletteActions)

  if (sponsorsError && !sponsors) return <ErrorState message={sponsorsError} />
  if (!sponsors) return <LoadingState label="Loading your sponsors…" />
  if (sponsors.length === 0)
    return <EmptyState title="You do not represent a sponsor yet" description="Accept an invitation to review leads." />
  const total = leads.total

  return (
    <section aria-labelledby="leads-title">
      <PageHeader
        id="leads-title"
        title="Leads"
        actions={
          canExport && (
            <Button leftSection={<IconDownload size={16} aria-hidden="true" />} onClick={() => void exportCsv()}>
              Export CSV
            </Button>
          )
        }
      />
      <Group gap="sm" align="flex-end" mb="xs" wrap="wrap">
        <SponsorSelect
          sponsors={sponsors}
          value={sponsorId}
          onChange={(id) => {
            setSponsorId(id)
            setSelectedId(null)
          }}
        />
        <NativeSelect
          label="Intent"
          value={intent}
          onChange={(e) => setIntent(isIntent(e.currentTarget.value) ? e.currentTarget.value : '')}
          data={[{ value: '', label: 'All' }, ...choicesOf(intentLevelTerms)]}
        />
        <TextInput
          ref={searchField}
          label="Search leads"
          type="search"
          value={q}
          maxLength={200}
          onChange={(e) => setQ(e.currentTarget.value)}
          leftSection={<IconSearch size={14} aria-hidden="true" />}
          placeholder="Name, company, email, badge, notes"
          w={260}
        />
        <Radio.Group label="View" value={archived} onChange={(value) => isView(value) && setArchived(value)}>
          <Group gap="sm" mt={8}>
            {views.map((view) => (
              <Radio key={view.value} value={view.value} label={view.label} />
            ))}
          </Group>
        </Radio.Group>
        <Checkbox
          mb={8}
          checked={isStarredOnly}
          onChange={(e) => setStarredOnly(e.currentTarget.checked)}
          label="Starred only"
        />
      </Group>
      <Text
        className="lead-count"
        size="sm"
        c="dimmed"
        role="status"
        aria-live="polite"
        data-version={leads.version}
        data-counting={leads.isCounting || undefined}
        mb={4}
      >
        {total === null ? 'Loading leads…' : leads.isCounting ? 'Counting leads…' : formatCount(total, 'lead')}
      </Text>
      {leads.error && <ErrorState message={leads.error} onRetry={refresh} />}
      {leads.pending.length > 0 && (
        <Group
          component="ul"
          aria-label="Waiting for the server"
          gap={4}
          p={0}
          m={0}
          mb={4}
          style={{ listStyle: 'none' }}
        >
          {leads.pending.map((item) => (
            <Badge component="li" key={item.leadId} color="yellow" variant="light" tt="none">
              {item.name} · {item.badgeCode ?? 'by hand'} · pending
            </Badge>
          ))}
        </Group>
      )}
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <LeadTable
            leads={leads}
            sort={sort}
            queryKey={JSON.stringify(query)}
            onSort={setSort}
            selectedId={selectedId}
            onSelect={(lead) => {
              selected.current = lead
              setSelectedId(lead.id)
            }}
            onFocusLead={(lead) => {
              selected.current = lead
            }}
            onStar={(lead) => void toggleStar(lead)}
            onArchive={(lead) => void setArchivedWithUndo(lead, !lead.isArchived)}
          />
          {total === 0 && leads.pending.length === 0 && (
            <Text size="sm" c="dimmed">
              {q || intent || isStarredOnly
                ? 'No leads match.'
                : archived === 'archived'
                  ? 'No archived leads.'
                  : 'No leads yet.'}
            </Text>
          )}
        </Stack>
        {selectedId && (
          <LeadDetail
            sponsorId={sponsorId}
            leadId={selectedId}
            version={detailVersion}
            onChange={onDetailChange}
            onClose={() => setSelectedId(null)}
          />
        )}
      </Group>
    </section>
  )
}
