// The lead review table: dense, sortable (by capture time, name or score; the replica sorts), virtualised over
// every matching lead. Each row: capture time, name, company, badge, representative, score with its explanation
// on hover, follow-up, and star and archive (with Undo) at hand.
import { useMemo } from 'react'
import { useMediaQuery } from '@mantine/hooks'
import { ActionIcon, Group, Text, Tooltip, UnstyledButton } from '@mantine/core'
import { IconArchive, IconArchiveOff, IconStar, IconStarFilled } from '@tabler/icons-react'
import type { LeadSummary } from '../../../../shared/desktop-api'
import { followUpTerms, intentLevelTerms, labelOf } from '../../../../shared/vocabulary'
import { DataTable, tableColumns, type DataTableColumn, type SortingState } from '../../ui/DataTable'
import { formatShortDateTime } from '../../ui/format'
import { StatusBadge } from '../../ui/StatusBadge'
import type { LeadPages, LeadQuery } from './use-lead-pages'

type Sort = LeadQuery['sort']
/** The replica's orders: newest first, highest score first, names A to Z. */
const sortColumn: Record<Sort, { id: string; desc: boolean }> = {
  recent: { id: 'captured', desc: true },
  score: { id: 'score', desc: true },
  name: { id: 'name', desc: false },
}
const sortOf = (sorting: SortingState): Sort | null =>
  (Object.keys(sortColumn) as Sort[]).find((sort) => sortColumn[sort].id === sorting[0]?.id) ?? null

export interface LeadTableProps {
  leads: LeadPages
  sort: Sort
  /** Changes with the query: the table goes back to its first row. */
  queryKey: string
  onSort(sort: Sort): void
  selectedId: string | null
  onSelect(lead: LeadSummary): void
  /** The row the keyboard is on: S and E act on it. */
  onFocusLead?(lead: LeadSummary): void
  onStar(lead: LeadSummary): void
  onArchive(lead: LeadSummary): void
}

export function LeadTable({
  leads,
  sort,
  queryKey,
  onSort,
  selectedId,
  onSelect,
  onFocusLead,
  onStar,
  onArchive,
}: LeadTableProps) {
  const columns = useMemo(() => leadColumns({ onSelect, onStar, onArchive }), [onSelect, onStar, onArchive])
  // On a booth laptop (or with a lead open beside the table) the score, follow-up and actions keep their room;
  // company, badge and representative stay in the lead's detail.
  const isNarrow = useMediaQuery('(max-width: 1279px)') ?? false
  const hidden = useMemo(
    () =>
      isNarrow
        ? ['company', 'badgeCode', 'representative', ...(selectedId ? ['followUpStatus', 'captured'] : [])]
        : selectedId
          ? ['company', 'followUpStatus']
          : undefined,
    [isNarrow, selectedId],
  )
  const source = useMemo(
    () => ({ count: leads.total ?? 0, rowAt: leads.row, onRangeChange: leads.need }),
    [leads.total, leads.row, leads.need],
  )
  return (
    <DataTable
      label="Leads"
      columns={columns}
      getRowId={(lead) => lead.id}
      source={source}
      sorting={[sortColumn[sort]]}
      onSortingChange={(next) => {
        const chosen = sortOf(next)
        if (chosen) onSort(chosen)
      }}
      selectedId={selectedId}
      onOpen={onSelect}
      onFocusRow={onFocusLead}
      hiddenColumns={hidden}
      resetKey={queryKey}
    />
  )
}

function leadColumns({
  onSelect,
  onStar,
  onArchive,
}: Pick<LeadTableProps, 'onSelect' | 'onStar' | 'onArchive'>): DataTableColumn<LeadSummary>[] {
  const col = tableColumns<LeadSummary>()
  return [
    col.accessor('lastCapturedAt', {
      id: 'captured',
      header: 'Captured',
      cell: (info) => formatShortDateTime(info.getValue()),
      meta: { width: '8.5rem' },
    }),
    col.accessor('name', {
      id: 'name',
      header: 'Name',
      meta: { width: 'minmax(8rem, 1.4fr)', isRowHeader: true },
      cell: (info) => (
        <UnstyledButton
          onClick={() => onSelect(info.row.original)}
          fz="sm"
          fw={600}
          maw="100%"
          td="underline"
          style={{
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            textDecorationColor: 'var(--mantine-color-default-border)',
          }}
        >
          {info.getValue()}
        </UnstyledButton>
      ),
    }),
    col.accessor('company', {
      header: 'Company',
      enableSorting: false,
      cell: (info) => info.getValue() ?? '',
      meta: { width: 'minmax(6rem, 1fr)' },
    }),
    col.accessor('badgeCode', {
      header: 'Badge',
      enableSorting: false,
      cell: (info) => info.getValue() ?? 'By hand',
      meta: { width: '6.5rem' },
    }),
    col.accessor('representative', {
      header: 'Representative',
      enableSorting: false,
      cell: (info) => info.getValue() ?? '—',
      meta: { width: 'minmax(6rem, 1fr)' },
    }),
    col.accessor('intentScore', {
      id: 'score',
      header: 'Score',
      meta: { width: '7.5rem' },
      cell: (info) => {
        const lead = info.row.original
        return (
          <Tooltip label={lead.scoreExplanation} multiline maw={320} withArrow>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600} w={24} ta="right">
                {lead.intentScore}
              </Text>
              <StatusBadge vocabulary={intentLevelTerms} value={lead.intentLevel} size="sm" />
            </Group>
          </Tooltip>
        )
      },
    }),
    col.accessor('followUpStatus', {
      header: 'Follow-up',
      enableSorting: false,
      cell: (info) => labelOf(followUpTerms, info.getValue()),
      meta: { width: '7rem' },
    }),
    col.display({
      id: 'actions',
      header: 'Actions',
      meta: { width: '4.5rem' },
      cell: (info) => {
        const lead = info.row.original
        return (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              size="sm"
              variant="subtle"
              color="yellow.8"
              aria-label={`Star ${lead.name}`}
              aria-pressed={lead.isStarred}
              onClick={() => onStar(lead)}
            >
              {lead.isStarred ? (
                <IconStarFilled size={16} aria-hidden="true" />
              ) : (
                <IconStar size={16} aria-hidden="true" />
              )}
            </ActionIcon>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={`${lead.isArchived ? 'Restore' : 'Archive'} ${lead.name}`}
              onClick={() => onArchive(lead)}
            >
              {lead.isArchived ? (
                <IconArchiveOff size={16} aria-hidden="true" />
              ) : (
                <IconArchive size={16} aria-hidden="true" />
              )}
            </ActionIcon>
          </Group>
        )
      },
    }),
  ]
}
