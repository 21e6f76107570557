// Lead review for sponsor representatives: from the replica (so it works offline), filtered by intent
// and text, with star, archive, follow-up and notes; live as the sync engine brings changes.
import { useCallback, useEffect, useState } from 'react'
import type { CaptureItem } from '../../../shared/desktop-api'
import { SponsorSelect } from '../components/SponsorSelect'
import { desktop } from '../desktop-client'
import { useOnSync } from '../use-sync'
import { errorText, useSponsors } from '../use-sponsors'

type Lead = Record<string, unknown> & { id: string }
const followUps = ['new', 'contacted', 'qualified', 'not_interested', 'converted'] as const

export function LeadsPage() {
  const { sponsors, error: sponsorsError } = useSponsors()
  const [sponsorId, setSponsorId] = useState('')
  const [intent, setIntent] = useState<'' | 'hot' | 'warm' | 'cold'>('')
  const [q, setQ] = useState('')
  const [leads, setLeads] = useState<Lead[]>([])
  const [pending, setPending] = useState<CaptureItem[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (sponsors?.length && !sponsorId) setSponsorId(sponsors[0]!.id)
  }, [sponsors, sponsorId])

  const reload = useCallback(() => {
    if (!sponsorId) return
    desktop.invoke('leads-list', { sponsorId, ...(intent ? { intentLevel: intent } : {}), ...(q ? { q } : {}) }).then((result) => {
      setLeads(result.leads as Lead[])
      setPending(result.pending)
    }, (failure: unknown) => setError(errorText(failure)))
  }, [sponsorId, intent, q])
  useEffect(reload, [reload])
  useOnSync(reload)

  async function update(lead: Lead, change: { starred?: boolean; archived?: boolean; followUpStatus?: (typeof followUps)[number]; notes?: string }) {
    try {
      await desktop.invoke('lead-update', { sponsorId, leadId: lead.id, ...change })
      reload()
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  async function exportCsv() {
    try {
      const saved = await desktop.invoke('leads-export', { sponsorId })
      setMessage(`Exported to ${saved.path}`)
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  if (sponsorsError) return <p role="alert" className="error">{sponsorsError}</p>
  if (!sponsors) return <p>Loading…</p>
  const canExport = sponsors.find((s) => s.id === sponsorId)?.permissions.includes('sponsor:leads:export')

  return (
    <section aria-labelledby="leads-title">
      <header className="page-header">
        <h2 id="leads-title">Leads</h2>
        {canExport && <button type="button" onClick={() => void exportCsv()}>Export CSV</button>}
      </header>
      <div className="filters">
        <SponsorSelect sponsors={sponsors} value={sponsorId} onChange={setSponsorId} />
        <label>Intent
          <select aria-label="Intent" value={intent} onChange={(e) => setIntent(e.target.value as typeof intent)}>
            <option value="">All</option>
            <option value="hot">Hot</option>
            <option value="warm">Warm</option>
            <option value="cold">Cold</option>
          </select>
        </label>
        <label>Search leads
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {message && <p role="status">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <ul aria-label="Leads" className="lead-list">
        {pending.map((item) => (
          <li key={item.leadId} className="card lead pending">
            <h3>{item.name}</h3>
            <p>{item.badgeCode} · pending</p>
          </li>
        ))}
        {leads.map((lead) => (
          <li key={lead.id} className={`card lead intent-${String(lead.intent_level)}`}>
            <h3>{String(lead.name)}</h3>
            <p>{[lead.title, lead.company, lead.email].filter(Boolean).map(String).join(' · ')}</p>
            <p className="score">
              {String(lead.intent_level)} · {String(lead.intent_score)}
              <span className="explanation"> ({String(lead.score_explanation ?? '')})</span>
            </p>
            <div className="lead-actions">
              <button type="button" aria-pressed={lead.is_starred === true} onClick={() => void update(lead, { starred: lead.is_starred !== true })}>
                {lead.is_starred ? 'Starred' : 'Star'}
              </button>
              <button type="button" className="secondary" onClick={() => void update(lead, { archived: lead.is_archived !== true })}>
                {lead.is_archived ? 'Restore' : 'Archive'}
              </button>
              <label>Follow-up
                <select aria-label="Follow-up" value={String(lead.follow_up_status)} onChange={(e) => void update(lead, { followUpStatus: e.target.value as (typeof followUps)[number] })}>
                  {followUps.map((f) => <option key={f} value={f}>{f.replace('_', ' ')}</option>)}
                </select>
              </label>
            </div>
            <label>Notes
              <textarea defaultValue={String(lead.notes ?? '')} rows={2} onBlur={(e) => e.target.value !== String(lead.notes ?? '') && void update(lead, { notes: e.target.value })} />
            </label>
          </li>
        ))}
      </ul>
      {leads.length === 0 && pending.length === 0 && <p>No leads yet.</p>}
    </section>
  )
}
