// The 3-D Secure test page a sponsor is sent to by `next_action.redirect_to_url`, as Stripe's test mode shows.
import type { StripeObject } from './local-stripe-state'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function threeDSecurePage(intent: StripeObject, state: 'pending' | 'approved' | 'failed'): string {
  const amount = `${(Number(intent.amount) / 100).toFixed(2)} ${String(intent.currency).toUpperCase()}`
  const body =
    state === 'pending'
      ? `<p>Authenticate the test payment of <strong>${escape(amount)}</strong>.</p>
         <form method="post"><button name="outcome" value="complete">Complete authentication</button>
         <button name="outcome" value="fail">Fail authentication</button></form>`
      : `<p>${state === 'approved' ? 'Authentication complete.' : 'Authentication failed.'} You can close this window.</p>`
  return `<!doctype html><html><head><meta charset="utf-8"><title>3D Secure test payment</title></head>
<body><h1>3D Secure test payment</h1><p>Test mode: no real card is charged.</p>${body}</body></html>`
}
