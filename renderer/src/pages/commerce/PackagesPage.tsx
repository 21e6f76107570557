// Organizer: the package gallery of an event, the package editor, publishing, and payout setup.
// Sponsor: the marketplace of published packages, with an offer form that starts a proposal.
import { useState } from 'react'
import { formatMoney, type PackageRecord } from '../../../../shared/commerce/commerce-records'
import { desktop } from '../../desktop-client'
import { messageOf, useLoad } from './use-command'
import { PackageEditor } from './PackageEditor'

export function PackagesPage({ isSponsor }: { isSponsor: boolean }) {
  return isSponsor ? <Marketplace /> : <Gallery />
}

function Gallery() {
  const events = useLoad(() => desktop.invoke('events-list', {}), [])
  const [eventId, setEventId] = useState('')
  const chosen = eventId || events.value?.events[0]?.id || ''
  const packages = useLoad(() => (chosen ? desktop.invoke('packages-list', { eventId: chosen }) : Promise.resolve({ packages: [] })), [chosen])
  const [editing, setEditing] = useState<PackageRecord | 'new' | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  async function publish(id: string) {
    try {
      await desktop.invoke('package-publish', { id })
      await packages.reload()
    } catch (failure) {
      setProblem(messageOf(failure))
    }
  }

  return (
    <section aria-labelledby="packages-title">
      <header className="page-header">
        <h2 id="packages-title">Packages</h2>
        <label>
          Event
          <select aria-label="Event" value={chosen} onChange={(e) => setEventId(e.target.value)}>
            {events.value?.events.map((event) => <option key={event.id} value={event.id}>{event.title}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => setEditing('new')} disabled={!chosen}>New package</button>
      </header>
      <PayoutSetup />
      {(problem ?? packages.error ?? events.error) && <p role="alert" className="error">{problem ?? packages.error ?? events.error}</p>}
      {editing && (
        <PackageEditor
          existing={editing === 'new' ? null : editing}
          eventId={chosen}
          onDone={async () => {
            setEditing(null)
            await packages.reload()
          }}
        />
      )}
      {packages.value?.packages.length === 0 && <p>No packages for this event yet.</p>}
      <ul className="event-list" aria-label="Package gallery">
        {packages.value?.packages.map((pkg) => (
          <li key={pkg.id} className="card">
            <h3>{pkg.title}</h3>
            <p>{pkg.tier} · {formatMoney(pkg.price_cents, pkg.currency)}</p>
            <p>{pkg.sold} of {pkg.inventory} sold · reach {String(pkg.audience_snapshot.estimated_reach ?? '—')}</p>
            <p>{pkg.is_active ? 'Published' : 'Draft'} · {pkg.visibility} · version {pkg.version}</p>
            <div className="lead-actions">
              <button type="button" className="secondary" onClick={() => setEditing(pkg)}>Edit {pkg.title}</button>
              {!pkg.is_active && <button type="button" onClick={() => void publish(pkg.id)}>Publish {pkg.title}</button>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

function PayoutSetup() {
  const [state, setState] = useState<string | null>(null)
  async function save() {
    try {
      const saved = await desktop.invoke('payout-config-save', {})
      const fee = `${Math.round(saved.platform_fee_percentage * 1000) / 10} %`
      setState(`Payouts go to ${saved.stripe_connect_account_id}; Yardpass keeps ${fee} of each order${saved.stripe_mode === 'local-test' ? ' (test mode: no real money moves)' : ''}.`)
    } catch (failure) {
      setState(messageOf(failure))
    }
  }
  return (
    <div className="filters">
      <button type="button" className="secondary" onClick={() => void save()}>Set up payouts</button>
      {state && <p role="status">{state}</p>}
    </div>
  )
}

function Marketplace() {
  const packages = useLoad(() => desktop.invoke('packages-list', {}), [])
  const sponsors = useLoad(() => desktop.invoke('sponsors-list', {}), [])
  const [sent, setSent] = useState<string | null>(null)
  const sponsorId = sponsors.value?.sponsors[0]?.id
  return (
    <section aria-labelledby="market-title">
      <header className="page-header"><h2 id="market-title">Marketplace</h2></header>
      {(packages.error ?? sponsors.error) && <p role="alert" className="error">{packages.error ?? sponsors.error}</p>}
      {sent && <p role="status" className="confirmation">{sent}</p>}
      {packages.value?.packages.length === 0 && <p>No packages on sale.</p>}
      <ul className="event-list" aria-label="Packages on sale">
        {packages.value?.packages.map((pkg) => (
          <li key={pkg.id} className="card">
            <h3>{pkg.title}</h3>
            <p>{pkg.tier} · {formatMoney(pkg.price_cents, pkg.currency)} · {pkg.available} left</p>
            <p>{Object.entries(pkg.benefits).map(([name, value]) => `${name}: ${String(value)}`).join(', ')}</p>
            {sponsorId && <OfferForm pkg={pkg} sponsorId={sponsorId} onSent={(message) => setSent(message)} />}
          </li>
        ))}
      </ul>
    </section>
  )
}

function OfferForm({ pkg, sponsorId, onSent }: { pkg: PackageRecord; sponsorId: string; onSent: (message: string) => void }) {
  const [price, setPrice] = useState(String(pkg.price_cents / 100))
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  async function offer() {
    try {
      await desktop.invoke('proposal-create', { eventId: pkg.event_id, sponsorId, packageId: pkg.id, body, priceCents: Math.round(Number(price) * 100) })
      onSent(`Offer sent for ${pkg.title}.`)
    } catch (failure) {
      setProblem(messageOf(failure))
    }
  }
  return (
    <form className="capture-details" onSubmit={(e) => { e.preventDefault(); void offer() }}>
      <label>Your price ({pkg.currency})<input aria-label={`Offer price for ${pkg.title}`} type="number" min="0.5" step="0.01" value={price} onChange={(e) => setPrice(e.target.value)} /></label>
      <label>Message<input aria-label={`Message for ${pkg.title}`} value={body} onChange={(e) => setBody(e.target.value)} /></label>
      <button type="submit">Make an offer on {pkg.title}</button>
      {problem && <p role="alert" className="error">{problem}</p>}
    </form>
  )
}
