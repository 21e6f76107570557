// The dense, sortable, virtual-scrolling table every list screen uses (TanStack Table + Virtual on Mantine's
// colours). Only the rows in view are in the DOM, so 100,000 rows scroll as smoothly as 10. It is an ARIA table
// whose row count and row indexes describe every row, not just the rendered ones. Two ways to feed it:
//   data    — all rows in memory; the table sorts them itself.
//   source  — rows fetched page by page as they scroll into view (the lead review's replica); the source sorts.
// Keyboard: Tab into the rows, ↑/↓/PageUp/PageDown/Home/End move, Enter (or a click) opens the row.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type CellData,
  type ColumnDef,
  type RowData,
  type SortingState,
  type TableFeatures,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react'
import classes from './DataTable.module.css'

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
})
export type DataTableFeatures = typeof dataTableFeatures
export type { SortingState }

declare module '@tanstack/table-core' {
  interface ColumnMeta<TFeatures extends TableFeatures, TData extends RowData, TValue extends CellData = CellData> {
    /** A CSS grid track: '9rem', 'minmax(8rem, 2fr)'. Default 'minmax(6rem, 1fr)'. */
    width?: string
    align?: 'left' | 'right' | 'center'
    /** This column names the row (role "rowheader"): a person's or a thing's name. */
    isRowHeader?: boolean
    /** Phantom use of the generics so the augmentation matches the original's. */
    _types?: [TFeatures, TData, TValue]
  }
}

/** Column definitions for rows of type T: `const col = tableColumns<Lead>()`, then `col.accessor('name', { header: 'Name' })`. */
export const tableColumns = <T extends RowData>() => createColumnHelper<DataTableFeatures, T>()
// Column value types differ per column; TanStack's own helpers type a column list this way.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of columns of different value types
export type DataTableColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, any>

/** Rows fetched as they scroll into view. `rowAt` answers undefined while a row's page loads. */
export interface PagedRows<T> {
  count: number
  rowAt(index: number): T | undefined
  /** The rows in view changed: fetch the pages that cover them. */
  onRangeChange(first: number, last: number): void
}

export interface DataTableProps<T extends RowData> {
  /** The table's accessible name ("Leads", "Orders"). */
  label: string
  columns: DataTableColumn<T>[]
  getRowId: (row: T) => string
  data?: readonly T[]
  source?: PagedRows<T>
  /** Controlled sorting; required with `source` (the source sorts, the table only shows which). */
  sorting?: SortingState
  onSortingChange?: (sorting: SortingState) => void
  /** Which row shows as selected (its detail is open, say). */
  selectedId?: string | null
  /** Enter or a click on the row. */
  onOpen?: (row: T) => void
  /** The row with the keyboard focus (the one single-key shortcuts act on). */
  onFocusRow?: (row: T) => void
  rowHeight?: number
  /** Height of the scrolling body; default fills most of the window. */
  height?: string | number
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode
  /** Scrolls back to the first row when this changes (a new filter or search). */
  resetKey?: string
  /** Columns (by id) left out for now, e.g. while a detail panel beside the table takes their room. */
  hiddenColumns?: string[]
}

/** A column's id: its `id`, else its accessor key. */
const columnId = <T extends RowData>(column: DataTableColumn<T>) =>
  ('id' in column && column.id) ||
  ('accessorKey' in column && typeof column.accessorKey === 'string' ? column.accessorKey : '')

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const {
    label,
    getRowId,
    data,
    source,
    selectedId,
    onOpen,
    onFocusRow,
    rowHeight = 34,
    height = 'min(65vh, 640px)',
    empty,
    resetKey,
    hiddenColumns,
  } = props
  const columns = useMemo(
    () =>
      hiddenColumns?.length
        ? props.columns.filter((column) => !hiddenColumns.includes(columnId(column)))
        : props.columns,
    [props.columns, hiddenColumns],
  )
  const [ownSorting, setOwnSorting] = useState<SortingState>([])
  const sorting = props.sorting ?? ownSorting
  const isPaged = source !== undefined
  const scroller = useRef<HTMLDivElement>(null)
  const [range, setRange] = useState({ first: 0, last: 0 })

  // Paged: the table holds only the rows in view (with their absolute indexes); local: every row.
  const windowed = useMemo(() => {
    if (!source) return null
    const rows: T[] = []
    const indexes: number[] = []
    for (let i = range.first; i <= Math.min(range.last, source.count - 1); i++) {
      const row = source.rowAt(i)
      if (row !== undefined) {
        rows.push(row)
        indexes.push(i)
      }
    }
    return { rows, indexes }
  }, [source, range])
  const tableData = useMemo(() => (windowed ? windowed.rows : [...(data ?? [])]), [windowed, data])

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: tableData,
    getRowId: (row) => getRowId(row),
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater
      if (props.onSortingChange) props.onSortingChange(next)
      else setOwnSorting(next)
    },
    manualSorting: isPaged,
    enableSortingRemoval: false,
    enableMultiSort: false,
  })
  const rows = table.getRowModel().rows
  const count = isPaged ? source.count : rows.length

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => {
    setRange((current) => (current.first === first && current.last === last ? current : { first, last }))
    // Asked again when the rows in view change, and after each page the source loads (a range asked for while
    // an earlier page was in flight is asked for again then).
    source?.onRangeChange(first, last)
  }, [first, last, source?.count, source?.onRangeChange])

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
    setActive(0)
  }, [resetKey])

  const tracks = table
    .getAllLeafColumns()
    .map((column) => column.columnDef.meta?.width ?? 'minmax(6rem, 1fr)')
    .join(' ')
  const rowByIndex = useCallback(
    (index: number) => {
      if (!windowed) return rows[index]
      const position = windowed.indexes.indexOf(index)
      return position === -1 ? undefined : rows[position]
    },
    [rows, windowed],
  )

  // Roving focus: one row is tabbable; arrows move it, scrolling it into view first.
  const [active, setActive] = useState(0)
  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index))
    setActive(target)
    virtualizer.scrollToIndex(target)
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus())
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1)
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: count - 1,
    }
    if (event.key in moves && count > 0) {
      event.preventDefault()
      focusRow(moves[event.key]!)
    } else if (
      event.key === 'Enter' &&
      event.target instanceof HTMLElement &&
      event.target.getAttribute('role') === 'row'
    ) {
      const row = rowByIndex(active)
      if (row && onOpen) {
        event.preventDefault()
        onOpen(row.original)
      }
    }
  }

  return (
    <div role="table" aria-label={label} aria-rowcount={count + 1} className={classes.table}>
      <div role="rowgroup">
        <div
          role="row"
          aria-rowindex={1}
          className={`${classes.row} ${classes.head}`}
          style={{ gridTemplateColumns: tracks }}
        >
          {table.getHeaderGroups()[0]?.headers.map((header) => {
            const isSorted = header.column.getIsSorted()
            const align = header.column.columnDef.meta?.align
            return (
              <div
                key={header.id}
                role="columnheader"
                className={align ? classes[align] : undefined}
                aria-sort={isSorted === 'asc' ? 'ascending' : isSorted === 'desc' ? 'descending' : undefined}
              >
                {header.column.getCanSort() ? (
                  <button
                    type="button"
                    className={classes.sortButton}
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    <table.FlexRender header={header} />
                    {isSorted === 'asc' ? (
                      <IconArrowUp size={14} aria-hidden="true" />
                    ) : isSorted === 'desc' ? (
                      <IconArrowDown size={14} aria-hidden="true" />
                    ) : (
                      <IconArrowsSort size={14} aria-hidden="true" opacity={0.5} />
                    )}
                  </button>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </div>
            )
          })}
        </div>
      </div>
      {count === 0 && empty ? (
        <div className={classes.empty}>{empty}</div>
      ) : (
        <div
          ref={scroller}
          role="rowgroup"
          className={classes.body}
          style={{ height }}
          onKeyDown={onKeyDown}
          data-table-body=""
          tabIndex={count === 0 ? 0 : -1}
          aria-label={count === 0 ? `${label}: none` : undefined}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowByIndex(item.index)
              const id = row?.id
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  tabIndex={item.index === active ? 0 : -1}
                  data-loading={row ? undefined : ''}
                  aria-selected={id !== undefined && selectedId !== undefined ? id === selectedId : undefined}
                  className={`${classes.row} ${classes.bodyRow}${row ? '' : ` ${classes.placeholder}`}`}
                  style={{ gridTemplateColumns: tracks, height: rowHeight, transform: `translateY(${item.start}px)` }}
                  onFocus={() => {
                    setActive(item.index)
                    if (row) onFocusRow?.(row.original)
                  }}
                  onClick={(event) => {
                    // A click on a control inside the row (a star, a menu) is that control's, not an open.
                    if (row && onOpen && !(event.target as HTMLElement).closest('button, a, input, select, textarea'))
                      onOpen(row.original)
                  }}
                >
                  {row ? (
                    row.getAllCells().map((cell) => {
                      const meta = cell.column.columnDef.meta
                      return (
                        <div
                          key={cell.id}
                          role={meta?.isRowHeader ? 'rowheader' : 'cell'}
                          className={meta?.align ? classes[meta.align] : undefined}
                        >
                          <table.FlexRender cell={cell} />
                        </div>
                      )
                    })
                  ) : (
                    <div role="cell">Loading…</div>
                  )}
                </div>
              )
            })}
          </div>
        </div>
      )}
    </div>
  )
}
