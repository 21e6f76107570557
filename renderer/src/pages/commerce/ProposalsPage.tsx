// The proposal inbox and a thread: every message with its offer, and the actions open to your side.
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { formatMoney } from '../../../../shared/commerce/commerce-records'
import type { CommandResult } from '../../../../shared/desktop-api'
import { desktop } from '../../desktop-client'
import { messageOf, useLoad } from './use-command'

type Thread = CommandResult<'proposal-get'>

export function ProposalsPage() {
  const inbox = useLoad(() => desktop.invoke('proposals-list', {}), [])
  const [openId, setOpenId] = useState<string | null>(null)
  return (
    <section aria-labelledby="proposals-title">
      <header className="page-header"><h2 id="proposals-title">Proposals</h2></header>
      {inbox.error && <p role="alert" className="error">{inbox.error}</p>}
      {inbox.value?.proposals.length === 0 && <p>No proposals yet.</p>}
      <ul className="recent" aria-label="Proposal inbox">
        {inbox.value?.proposals.map((p) => (
          <li key={p.id} className="capture">
            <button type="button" className="secondary" onClick={() => setOpenId(p.id)}>Open {p.package_title} with {p.sponsor_name}</button>
            <span>{p.latest_offer ? formatMoney(p.latest_offer.price_cents, 'USD') : 'no offer yet'}</span>
            <span>{p.message_count} message(s)</span>
            <span className="state">{p.status}{p.awaiting ? ` · waiting for ${p.awaiting}` : ''}</span>
          </li>
        ))}
      </ul>
      {openId && <ThreadView id={openId} onChange={() => void inbox.reload()} />}
    </section>
  )
}

function ThreadView({ id, onChange }: { id: string; onChange: () => void }) {
  const thread = useLoad(() => desktop.invoke('proposal-get', { id }), [id])
  const [price, setPrice] = useState('')
  const [body, setBody] = useState('')
  const [orderId, setOrderId] = useState<string | null>(null)

  async function act(action: 'send' | 'accept' | 'reject' | 'counter') {
    try {
      const result = await desktop.invoke('proposal-act', {
        id, action, ...(body ? { body } : {}), ...(action === 'counter' ? { priceCents: Math.round(Number(price) * 100) } : {}),
      })
      if (result.order) setOrderId(result.order.id)
      setBody('')
      await thread.reload()
      onChange()
    } catch (failure) {
      thread.setError(messageOf(failure))
    }
  }

  const t: Thread | null = thread.value
  if (!t) return thread.error ? <p role="alert" className="error">{thread.error}</p> : <p>Loading…</p>
  return (
    <article className="card" aria-label="Proposal thread">
      <h3>{t.package_title} · {t.sponsor_name} · {t.status}</h3>
      {thread.error && <p role="alert" className="error">{thread.error}</p>}
      <ol aria-label="Offer history">
        {t.messages.map((m) => (
          <li key={m.id}>
            <strong>{m.sender_type}</strong>: {m.body || '(no message)'}
            {m.offer && <> — offer {formatMoney(m.offer.price_cents, 'USD')}{m.offer.benefits_delta ? ` + ${Object.keys(m.offer.benefits_delta).join(', ')}` : ''} (package v{m.package_version})</>}
          </li>
        ))}
      </ol>
      {t.order_id && <p><Link to={`/orders?id=${t.order_id}`}>View the order</Link></p>}
      {orderId && <p role="status" className="confirmation">Accepted: the order is created.</p>}
      {t.allowed_actions.length > 0 && (
        <div className="capture-details">
          <label>Message<input aria-label="Message" value={body} onChange={(e) => setBody(e.target.value)} /></label>
          {t.allowed_actions.includes('counter') && (
            <label>Counter price (USD)<input aria-label="Counter price" type="number" min="0.5" step="0.01" value={price} onChange={(e) => setPrice(e.target.value)} /></label>
          )}
          <div className="lead-actions">
            {t.allowed_actions.includes('send') && <button type="button" onClick={() => void act('send')}>Send proposal</button>}
            {t.allowed_actions.includes('accept') && <button type="button" onClick={() => void act('accept')}>Accept offer</button>}
            {t.allowed_actions.includes('counter') && <button type="button" className="secondary" disabled={!price} onClick={() => void act('counter')}>Counter</button>}
            <button type="button" className="secondary" onClick={() => void act('reject')}>Reject</button>
          </div>
        </div>
      )}
    </article>
  )
}
