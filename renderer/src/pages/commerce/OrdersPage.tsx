// Orders and their escrow timeline: funded → locked → released → paid (or cancelled / refunded),
// with payments, payout and the actions open to your side; the sponsor funds with a test card.
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { formatMoney, type OrderDetail } from '../../../../shared/commerce/commerce-records'
import { desktop } from '../../desktop-client'
import { messageOf, useLoad } from './use-command'

const testCards = [
  ['pm_card_visa', 'Visa 4242 (succeeds)'],
  ['pm_card_threeDSecure2Required', 'Visa 3220 (3-D Secure)'],
  ['pm_card_chargeDeclined', 'Visa 0002 (declined)'],
] as const

export function OrdersPage() {
  const [params, setParams] = useSearchParams()
  const list = useLoad(() => desktop.invoke('orders-list', {}), [])
  const openId = params.get('id')
  return (
    <section aria-labelledby="orders-title">
      <header className="page-header"><h2 id="orders-title">Orders</h2></header>
      {list.error && <p role="alert" className="error">{list.error}</p>}
      {list.value?.orders.length === 0 && <p>No orders yet.</p>}
      <ul className="recent" aria-label="Orders">
        {list.value?.orders.map((o) => (
          <li key={o.id} className="capture">
            <button type="button" className="secondary" onClick={() => setParams({ id: o.id })}>Open order for {o.package_title}</button>
            <span>{o.sponsor_name}</span>
            <span>{formatMoney(o.amount_cents, o.currency)}</span>
            <span className="state">{o.escrow_state}</span>
          </li>
        ))}
      </ul>
      {openId && <OrderView id={openId} onChange={() => void list.reload()} />}
    </section>
  )
}

function Timeline({ order }: { order: OrderDetail }) {
  const steps: [string, string | null][] = [
    ['Created', order.created_at],
    ['Funded', order.funded_at],
    ['Locked', order.locked_at],
    ['Released', order.released_at],
    ['Paid out', order.payout?.paid_at ?? null],
  ]
  if (order.cancelled_at) steps.push(['Cancelled', order.cancelled_at])
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <ol className="timeline" aria-label="Escrow timeline">
      {steps.map(([label, at]) => (
        <li key={label} className={at ? 'done' : 'todo'}>{label}{at ? ` · ${format.format(new Date(at))}` : ''}</li>
      ))}
    </ol>
  )
}

function OrderView({ id, onChange }: { id: string; onChange: () => void }) {
  const order = useLoad(() => desktop.invoke('order-get', { id }), [id])
  const [card, setCard] = useState<string>(testCards[0][0])
  const [authUrl, setAuthUrl] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function act(action: 'fund' | 'lock' | 'release' | 'cancel' | 'refund') {
    setBusy(true)
    try {
      const result = await desktop.invoke('order-act', { id, action, ...(action === 'fund' ? { paymentMethodId: card } : {}) })
      setAuthUrl(result.authenticationUrl)
      await order.reload()
      onChange()
    } catch (failure) {
      order.setError(messageOf(failure))
    } finally {
      setBusy(false)
    }
  }

  const o = order.value
  if (!o) return order.error ? <p role="alert" className="error">{order.error}</p> : <p>Loading…</p>
  return (
    <article className="card" aria-label="Order">
      <h3>{o.package_title} · {o.sponsor_name}</h3>
      <p>
        {formatMoney(o.amount_cents, o.currency)} · escrow <strong aria-label="Escrow state">{o.escrow_state}</strong> · held {formatMoney(o.escrow_balance_cents, o.currency)}
        {o.refunded_cents > 0 && <> · refunded {formatMoney(o.refunded_cents, o.currency)}</>}
      </p>
      <Timeline order={o} />
      {order.error && <p role="alert" className="error">{order.error}</p>}
      {o.payments.length > 0 && (
        <ul aria-label="Payments">
          {o.payments.map((p) => <li key={p.id}>Attempt {p.attempt}: {p.status}{p.failure_message ? ` — ${p.failure_message}` : ''} {p.stripe_payment_intent_id ?? ''}</li>)}
        </ul>
      )}
      {o.payout && (
        <p aria-label="Payout">
          Payout {o.payout.status}{o.payout.amount_cents !== null ? ` · ${formatMoney(o.payout.amount_cents, o.currency)} (fee ${formatMoney(o.payout.fee_cents ?? 0, o.currency)})` : ''}
          {o.payout.stripe_transfer_id && <> · transfer <code>{o.payout.stripe_transfer_id}</code></>}
          {o.payout.last_error && <> · last error: {o.payout.last_error}</>}
        </p>
      )}
      {authUrl && o.escrow_state === 'requires_action' && (
        <p role="status"><a href={authUrl} target="_blank" rel="noreferrer">Complete 3-D Secure authentication</a>, then refresh.</p>
      )}
      <div className="lead-actions">
        {o.allowed_actions.includes('fund') && (
          <>
            <label>Card<select aria-label="Card" value={card} onChange={(e) => setCard(e.target.value)}>
              {testCards.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select></label>
            <button type="button" disabled={busy} onClick={() => void act('fund')}>Fund escrow</button>
          </>
        )}
        {o.allowed_actions.includes('lock') && <button type="button" disabled={busy} onClick={() => void act('lock')}>Lock escrow</button>}
        {o.allowed_actions.includes('release') && <button type="button" disabled={busy} onClick={() => void act('release')}>Release escrow</button>}
        {o.allowed_actions.includes('refund') && <button type="button" className="secondary" disabled={busy} onClick={() => void act('refund')}>Refund</button>}
        {o.allowed_actions.includes('cancel') && <button type="button" className="secondary" disabled={busy} onClick={() => void act('cancel')}>Cancel order</button>}
        <button type="button" className="secondary" onClick={() => void order.reload()}>Refresh</button>
      </div>
    </article>
  )
}
