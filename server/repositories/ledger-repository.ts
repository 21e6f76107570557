// The double-entry ledger: every movement of an order's money is a transaction whose entries sum to
// zero (a deferred constraint trigger refuses anything else at commit). Accounts, debit positive:
// stripe_balance (the platform's money at Stripe), escrow (owed to the order, open), escrow_held
// (owed to the order, locked for payout), platform_fees (the platform's earnings).
import type { Queryable } from '../db/database'

export type LedgerKind = 'charge' | 'hold' | 'fee' | 'transfer' | 'refund' | 'reversal' | 'penalty' | 'fee_return'
export type LedgerAccount = 'stripe_balance' | 'escrow' | 'escrow_held' | 'platform_fees'

export interface LedgerMovement {
  orderId: string
  kind: LedgerKind
  /** The Stripe object (or order step) this records: the same reference is recorded once. */
  reference: string
  entries: [LedgerAccount, number][]
}

/** Records a movement once; false if it was already recorded. Zero entries are dropped. */
export async function recordMovement(db: Queryable, movement: LedgerMovement): Promise<boolean> {
  const entries = movement.entries.filter(([, amount]) => amount !== 0)
  if (entries.length === 0) return false
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO ledger_transactions (order_id, kind, reference) VALUES ($1, $2, $3) ON CONFLICT (kind, reference) DO NOTHING RETURNING id`,
    [movement.orderId, movement.kind, movement.reference],
  )
  if (!rows[0]) return false
  await db.query(
    `INSERT INTO ledger_entries (transaction_id, order_id, account, amount_cents)
     SELECT $1, $2, account, amount FROM unnest($3::text[], $4::bigint[]) AS e(account, amount)`,
    [rows[0].id, movement.orderId, entries.map(([account]) => account), entries.map(([, amount]) => amount)],
  )
  return true
}

/** Each account's balance for one order. */
export async function orderBalances(db: Queryable, orderId: string): Promise<Record<LedgerAccount, number>> {
  const { rows } = await db.query<{ account: LedgerAccount; total: string }>(
    `SELECT account, sum(amount_cents) AS total FROM ledger_entries WHERE order_id = $1 GROUP BY account`,
    [orderId],
  )
  const balances: Record<LedgerAccount, number> = { stripe_balance: 0, escrow: 0, escrow_held: 0, platform_fees: 0 }
  for (const row of rows) balances[row.account] = Number(row.total)
  return balances
}

/** What the platform holds for each of several orders, in one query (a list of orders). */
export async function escrowBalances(db: Queryable, orderIds: string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ order_id: string; held: string }>(
    `SELECT order_id, -sum(amount_cents) AS held FROM ledger_entries
     WHERE order_id = ANY($1::uuid[]) AND account IN ('escrow', 'escrow_held') GROUP BY order_id`,
    [orderIds],
  )
  return new Map(rows.map((r) => [r.order_id, Number(r.held)]))
}

/** What the platform holds for the order: both escrow accounts, as a positive amount. */
export const escrowBalance = (b: Record<LedgerAccount, number>) => -(b.escrow + b.escrow_held)

export async function orderLedger(db: Queryable, orderId: string) {
  const { rows } = await db.query<{
    kind: string
    reference: string
    account: string
    amount_cents: string
    created_at: Date
  }>(
    `SELECT t.kind, t.reference, e.account, e.amount_cents, t.created_at FROM ledger_entries e
     JOIN ledger_transactions t ON t.id = e.transaction_id WHERE e.order_id = $1 ORDER BY e.id`,
    [orderId],
  )
  return rows.map((r) => ({
    kind: r.kind,
    reference: r.reference,
    account: r.account,
    amountCents: Number(r.amount_cents),
    createdAt: r.created_at,
  }))
}

/** Transactions whose entries do not sum to zero (there should be none). */
export async function unbalancedTransactions(db: Queryable) {
  const { rows } = await db.query<{ transaction_id: string; total: string }>(
    `SELECT transaction_id, sum(amount_cents) AS total FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_cents) <> 0`,
  )
  return rows.map((r) => ({ transactionId: r.transaction_id, totalCents: Number(r.total) }))
}

/** The platform's Stripe balance per order, from the ledger, for orders that have one. */
export async function stripeBalancesByOrder(db: Queryable) {
  const { rows } = await db.query<{ order_id: string; stripe_payment_intent_id: string | null; total: string }>(
    `SELECT e.order_id, o.stripe_payment_intent_id, sum(e.amount_cents) AS total FROM ledger_entries e
     JOIN sponsorship_orders o ON o.id = e.order_id WHERE e.account = 'stripe_balance' GROUP BY e.order_id, o.stripe_payment_intent_id`,
  )
  return rows.map((r) => ({
    orderId: r.order_id,
    paymentIntentId: r.stripe_payment_intent_id,
    ledgerCents: Number(r.total),
  }))
}
