// Lead review for sponsor representatives, at show scale: filtering, sorting and search run in the replica's
// SQLite (so it works offline), the table renders only the rows in view and fetches pages as it scrolls.
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { LeadSummary, SponsorChoice } from '../../../shared/desktop-api'
import { SponsorSelect } from '../components/SponsorSelect'
import { desktop } from '../desktop-client'
import { useOnSync } from '../use-sync'
import { errorText, useSponsors } from '../use-sponsors'
import { useLeadPages, type LeadQuery } from '../features/leads/use-lead-pages'
import { LeadTable } from '../features/leads/LeadTable'
import { LeadDetail, type LeadChange } from '../features/leads/LeadDetail'

type Lead = Record<string, unknown>
const views = [{ value: 'active', label: 'Active' }, { value: 'archived', label: 'Archived' }, { value: 'all', label: 'All' }] as const

export function LeadsPage() {
  const { sponsors: fetched, error: sponsorsError } = useSponsors()
  // The replica's copy answers at once (and offline); the server's list replaces it when it arrives.
  const [known, setKnown] = useState<SponsorChoice[] | null>(null)
  useEffect(() => {
    desktop.invoke('leads-sponsors', {}).then((result) => setKnown(result.sponsors), () => setKnown([]))
  }, [])
  const sponsors = fetched ?? (known?.length ? known : null)
  const [sponsorId, setSponsorId] = useState('')
  const [intent, setIntent] = useState<'' | 'hot' | 'warm' | 'cold'>('')
  const [q, setQ] = useState('')
  const [archived, setArchived] = useState<LeadQuery['archived']>('active')
  const [isStarredOnly, setStarredOnly] = useState(false)
  const [sort, setSort] = useState<LeadQuery['sort']>('recent')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [detailVersion, setDetailVersion] = useState(0)
  const [message, setMessage] = useState<{ text: string; undo?: () => void } | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (sponsors?.length && !sponsors.some((sponsor) => sponsor.id === sponsorId)) setSponsorId(sponsors[0]!.id)
  }, [sponsors, sponsorId])

  const query = useMemo<LeadQuery | null>(() => sponsorId
    ? { sponsorId, archived, sort, ...(intent ? { intentLevel: intent } : {}), ...(q.trim() ? { q: q.trim() } : {}), ...(isStarredOnly ? { starred: true } : {}) }
    : null, [sponsorId, archived, sort, intent, q, isStarredOnly])
  const leads = useLeadPages(query)
  const { refresh } = leads
  const onSync = useCallback(() => {
    refresh()
    setDetailVersion((v) => v + 1)
  }, [refresh])
  useOnSync(onSync)

  const update = useCallback(async (leadId: string, change: LeadChange): Promise<Lead | null> => {
    try {
      const updated = await desktop.invoke('lead-update', { sponsorId, leadId, ...change })
      refresh()
      return updated
    } catch (failure) {
      setError(errorText(failure))
      return null
    }
  }, [sponsorId, refresh])

  const onDetailChange = useCallback(async (change: LeadChange, lead: Lead) => {
    const updated = await update(String(lead.id), change)
    if (updated && change.archived !== undefined) {
      const name = String(lead.name)
      setMessage({
        text: change.archived ? `Archived ${name}.` : `Restored ${name}.`,
        undo: () => {
          setMessage(null)
          void update(String(lead.id), { archived: !change.archived }).then(() => setDetailVersion((v) => v + 1))
        },
      })
    }
    return updated
  }, [update])

  async function exportCsv() {
    try {
      const saved = await desktop.invoke('leads-export', { sponsorId })
      setMessage({ text: `Exported to ${saved.path}` })
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  if (sponsorsError && !sponsors) return <p role="alert" className="error">{sponsorsError}</p>
  if (!sponsors) return <p>Loading…</p>
  const canExport = sponsors.find((s) => s.id === sponsorId)?.permissions.includes('sponsor:leads:export')
  const total = leads.total

  return (
    <section aria-labelledby="leads-title" className="leads-page">
      <header className="page-header">
        <h2 id="leads-title">Leads</h2>
        {canExport && <button type="button" onClick={() => void exportCsv()}>Export CSV</button>}
      </header>
      <div className="filters">
        <SponsorSelect sponsors={sponsors} value={sponsorId} onChange={(id) => { setSponsorId(id); setSelectedId(null) }} />
        <label>Intent
          <select aria-label="Intent" value={intent} onChange={(e) => setIntent(e.target.value as typeof intent)}>
            <option value="">All</option>
            <option value="hot">Hot</option>
            <option value="warm">Warm</option>
            <option value="cold">Cold</option>
          </select>
        </label>
        <label>Search leads
          <input type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
        </label>
        <fieldset className="view-switch">
          <legend>View</legend>
          {views.map((view) => (
            <label key={view.value} className="inline">
              <input type="radio" name="lead-view" value={view.value} checked={archived === view.value} onChange={() => setArchived(view.value)} />
              {view.label}
            </label>
          ))}
        </fieldset>
        <label className="inline"><input type="checkbox" checked={isStarredOnly} onChange={(e) => setStarredOnly(e.target.checked)} />Starred only</label>
      </div>
      <p className="lead-count" role="status" aria-live="polite" data-version={leads.version} data-counting={leads.isCounting || undefined}>
        {total === null ? 'Loading leads…' : leads.isCounting ? 'Counting leads…' : `${total.toLocaleString('en-US')} ${total === 1 ? 'lead' : 'leads'}`}
      </p>
      {message && (
        <p role="status" className="notice">
          {message.text} {message.undo && <button type="button" className="link" onClick={message.undo}>Undo</button>}
        </p>
      )}
      {(error ?? leads.error) && <p role="alert" className="error">{error ?? leads.error}</p>}
      {leads.pending.length > 0 && (
        <ul aria-label="Waiting for the server" className="pending-strip">
          {leads.pending.map((item) => <li key={item.leadId}>{item.name} · {item.badgeCode ?? 'by hand'} · pending</li>)}
        </ul>
      )}
      <div className="lead-review">
        <LeadTable leads={leads} sort={sort} queryKey={JSON.stringify(query)} onSort={setSort} selectedId={selectedId}
          onSelect={(lead: LeadSummary) => setSelectedId(lead.id)}
          onStar={(lead: LeadSummary) => void update(lead.id, { starred: !lead.isStarred }).then(() => setDetailVersion((v) => v + 1))} />
        {selectedId && (
          <LeadDetail sponsorId={sponsorId} leadId={selectedId} version={detailVersion} onChange={onDetailChange} onClose={() => setSelectedId(null)} />
        )}
      </div>
      {total === 0 && leads.pending.length === 0 && <p>{q || intent || isStarredOnly ? 'No leads match.' : archived === 'archived' ? 'No archived leads.' : 'No leads yet.'}</p>}
    </section>
  )
}
