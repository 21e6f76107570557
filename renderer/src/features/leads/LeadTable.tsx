// The lead review table: dense, sortable, virtualised (only the rows in view are in the DOM), as an ARIA table
// whose row count and row indexes describe all the matching leads, not just the rendered ones.
import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { LeadSummary } from '../../../../shared/desktop-api'
import type { LeadPages, LeadQuery } from './use-lead-pages'

const ROW_HEIGHT = 34
type Sort = LeadQuery['sort']

const columns: { label: string; sort?: Sort; className: string }[] = [
  { label: 'Captured', sort: 'recent', className: 'col-time' },
  { label: 'Name', sort: 'name', className: 'col-name' },
  { label: 'Company', className: 'col-company' },
  { label: 'Badge', className: 'col-badge' },
  { label: 'Score', sort: 'score', className: 'col-score' },
  { label: 'Star', className: 'col-star' },
  { label: 'Follow-up', className: 'col-follow' },
]

const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
const capturedAt = (iso: string) => (iso ? timeFormat.format(new Date(iso)) : '')

export interface LeadTableProps {
  leads: LeadPages
  sort: Sort
  /** Changes with the query: the table goes back to its first row. */
  queryKey: string
  onSort(sort: Sort): void
  selectedId: string | null
  onSelect(lead: LeadSummary): void
  onStar(lead: LeadSummary): void
}

export function LeadTable({ leads, sort, queryKey, onSort, selectedId, onSelect, onStar }: LeadTableProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const count = leads.total ?? 0
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  const { need } = leads
  useEffect(() => need(first, last), [need, first, last])
  // A new query shows its first rows.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
  }, [queryKey])

  return (
    <div role="table" aria-label="Leads" aria-rowcount={count + 1} className="lead-table">
      <div role="rowgroup" className="lead-head">
        <div role="row" aria-rowindex={1} className="lead-row">
          {columns.map((column) => (
            <div key={column.label} role="columnheader" className={column.className}
              aria-sort={column.sort && column.sort === sort ? (column.sort === 'name' ? 'ascending' : 'descending') : undefined}>
              {column.sort ? <button type="button" className="link" onClick={() => onSort(column.sort!)}>{column.label}</button> : column.label}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="lead-body" tabIndex={-1}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const lead = leads.row(item.index)
            return (
              <div key={item.key} role="row" aria-rowindex={item.index + 2} aria-selected={lead ? lead.id === selectedId : undefined}
                className={`lead-row${lead ? ` intent-${lead.intentLevel}` : ' loading'}${lead?.id === selectedId ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                {lead ? <LeadCells lead={lead} onSelect={onSelect} onStar={onStar} /> : <div role="cell" className="col-time">…</div>}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

function LeadCells({ lead, onSelect, onStar }: { lead: LeadSummary; onSelect(lead: LeadSummary): void; onStar(lead: LeadSummary): void }) {
  return (
    <>
      <div role="cell" className="col-time">{capturedAt(lead.lastCapturedAt)}</div>
      <div role="rowheader" className="col-name">
        <button type="button" className="link" onClick={() => onSelect(lead)}>{lead.name}</button>
      </div>
      <div role="cell" className="col-company">{lead.company ?? ''}</div>
      <div role="cell" className="col-badge">{lead.badgeCode ?? ''}</div>
      <div role="cell" className="col-score score" title={lead.scoreExplanation}>{lead.intentScore} {lead.intentLevel}</div>
      <div role="cell" className="col-star">
        <button type="button" className="link" aria-label={`Star ${lead.name}`} aria-pressed={lead.isStarred} onClick={() => onStar(lead)}>{lead.isStarred ? '★' : '☆'}</button>
      </div>
      <div role="cell" className="col-follow">{lead.followUpStatus.replace('_', ' ')}{lead.isArchived ? ' · archived' : ''}</div>
    </>
  )
}
