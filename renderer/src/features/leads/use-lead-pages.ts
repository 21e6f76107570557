// Lead review's rows, fetched a page at a time as the table scrolls. A new filter or search is sent at once when
// nothing is in flight, else as soon as the answer in flight arrives (only the latest waits): typing never queues
// stale work, and an answer for an older query is dropped.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CaptureItem, LeadPageArgs, LeadSummary } from '../../../../shared/desktop-api'
import { desktop, errorText } from '../../desktop/desktop-client'

export const PAGE_SIZE = 100
// Pages kept around the viewport; farther ones are dropped so a long scroll does not grow the heap.
const KEPT_PAGES = 12

export type LeadQuery = Omit<LeadPageArgs, 'offset' | 'limit'>

export interface LeadPages {
  total: number | null
  /** The rows are the new query's; its total is still being counted (total is a lower bound meanwhile). */
  isCounting: boolean
  pending: CaptureItem[]
  /** The row at an index, or undefined while its page loads. */
  row(index: number): LeadSummary | undefined
  /** Asks for the pages covering these rows (the table's visible range). */
  need(first: number, last: number): void
  /** Fetches the loaded pages again (after an edit or a sync). */
  refresh(): void
  error: string | null
  /** How many queries have been answered; tests and the benchmark wait on it. */
  version: number
}

export function useLeadPages(query: LeadQuery | null): LeadPages {
  const [state, setState] = useState<{
    pages: Map<number, LeadSummary[]>
    total: number | null
    isCounting: boolean
    pending: CaptureItem[]
    version: number
  }>({ pages: new Map(), total: null, isCounting: false, pending: [], version: 0 })
  const [error, setError] = useState<string | null>(null)
  const key = query ? JSON.stringify(query) : null
  const current = useRef<{ key: string | null; query: LeadQuery | null }>({ key: null, query: null })
  const inFlight = useRef(false)
  const waiting = useRef<(() => void) | null>(null)
  const loading = useRef(new Set<number>())
  const visible = useRef({ first: 0, last: 0 })

  const fetchPage = useCallback(
    (forKey: string, forQuery: LeadQuery, page: number, replace: boolean): Promise<void> => {
      loading.current.add(page)
      // A new query's first page comes without a costly total: its rows show at once, the count follows.
      return desktop
        .invoke('leads-page', {
          ...forQuery,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          ...(replace ? { withTotal: false } : {}),
        })
        .then(
          (result) => {
            loading.current.delete(page)
            if (current.current.key !== forKey) return
            setError(null)
            setState((previous) => {
              const pages = new Map(replace ? [] : previous.pages)
              pages.set(page, result.rows)
              const centre = Math.floor(visible.current.first / PAGE_SIZE)
              for (const kept of pages.keys()) if (Math.abs(kept - centre) > KEPT_PAGES / 2) pages.delete(kept)
              const total = result.total ?? Math.max(result.rows.length, previous.total ?? 0)
              return {
                pages,
                total,
                isCounting: result.total === null,
                pending: page === 0 ? result.pending : previous.pending,
                version: previous.version + 1,
              }
            })
            // Counted only for the query the user stopped at: a newer keystroke waiting makes this count moot.
            if (result.total === null && !waiting.current) void fetchPage(forKey, forQuery, page, false)
          },
          (failure: unknown) => {
            loading.current.delete(page)
            if (current.current.key === forKey) setError(errorText(failure))
          },
        )
    },
    [],
  )

  /** The first page of the current query (and the visible one), sent now or right after the answer in flight. */
  const load = useCallback(
    (isNewQuery: boolean) => {
      const run = () => {
        const { key: forKey, query: forQuery } = current.current
        if (!forKey || !forQuery) return
        inFlight.current = true
        const firstPage = Math.floor(visible.current.first / PAGE_SIZE)
        const pages = [...new Set([0, firstPage, Math.floor(visible.current.last / PAGE_SIZE)])]
        loading.current.clear()
        void Promise.all(pages.map((page, i) => fetchPage(forKey, forQuery, page, isNewQuery && i === 0))).finally(
          () => {
            inFlight.current = false
            const next = waiting.current
            waiting.current = null
            next?.()
          },
        )
      }
      if (inFlight.current) waiting.current = run
      else run()
    },
    [fetchPage],
  )

  useEffect(() => {
    const changed = current.current.key !== key
    current.current = { key, query }
    if (!changed) return
    // A new query starts at the top.
    visible.current = { first: 0, last: 0 }
    load(true)
  }, [key, query, load])

  const need = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last }
      const { key: forKey, query: forQuery } = current.current
      if (!forKey || !forQuery || inFlight.current) return
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!state.pages.has(page) && !loading.current.has(page)) void fetchPage(forKey, forQuery, page, false)
      }
    },
    [state.pages, fetchPage],
  )

  const row = useCallback(
    (index: number) => state.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [state.pages],
  )

  return {
    total: state.total,
    isCounting: state.isCounting,
    pending: state.pending,
    row,
    need,
    refresh: () => load(false),
    error,
    version: state.version,
  }
}
