// Everything sync keeps in the replica: the outbox, this device's captures, pulled server rows and the
// cursor. Every method that changes more than one row does it in one SQLite transaction.
import { randomUUID } from 'node:crypto'
import type { Change } from '../../../shared/sync/sync-protocol'
import type { Replica } from './replica'

export interface CaptureRow {
  leadId: string
  mutationId: number
  sponsorId: string
  eventId: string
  badgeCode: string | null
  name: string
  interaction: string
  capturedAt: string
  status: 'pending' | 'synced' | 'rejected'
  reason: string | null
}

export interface OutboxRow {
  mutationId: number
  name: string
  args: Record<string, unknown>
}

export interface DirectoryEntry {
  id: string
  event_id: string
  badge_code: string
  name: string
  email: string | null
  company: string | null
  title: string | null
}

const captureColumns = `lead_id AS leadId, mutation_id AS mutationId, sponsor_id AS sponsorId, event_id AS eventId,
  badge_code AS badgeCode, name, interaction, captured_at AS capturedAt, status, reason`

export class SyncStore {
  constructor(private readonly db: Replica) {}

  private meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  private setMeta(key: string, value: string) {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  /** This device's sync identity, made once. */
  clientId(): string {
    let id = this.meta('sync.client_id')
    if (!id) {
      id = `desktop-${randomUUID()}`
      this.setMeta('sync.client_id', id)
    }
    return id
  }

  cursor(): number {
    return Number(this.meta('sync.cursor') ?? 0)
  }

  lastSyncedAt(): string | null {
    return this.meta('sync.last_synced_at')
  }

  markSynced(at: Date) {
    this.setMeta('sync.last_synced_at', at.toISOString())
  }

  /** The capture and its mutation, durably, in one transaction: when this returns, the lead cannot be lost. */
  recordCapture(capture: Omit<CaptureRow, 'mutationId' | 'status' | 'reason'>, mutation: { name: string; args: Record<string, unknown> }): CaptureRow {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO outbox (name, args_json, created_at) VALUES (?, ?, ?)')
        .run(mutation.name, JSON.stringify(mutation.args), capture.capturedAt)
      const row: CaptureRow = { ...capture, mutationId: Number(lastInsertRowid), status: 'pending', reason: null }
      this.db
        .prepare(`INSERT INTO captures (lead_id, mutation_id, sponsor_id, event_id, badge_code, name, interaction, captured_at, status)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`)
        .run(row.leadId, row.mutationId, row.sponsorId, row.eventId, row.badgeCode, row.name, row.interaction, row.capturedAt)
      return row
    })()
  }

  /** A lead edit: the replica's row changes and the mutation is queued, together. */
  updateLeadLocally(lead: Record<string, unknown>, args: Record<string, unknown>) {
    this.db.transaction(() => {
      this.db.prepare('UPDATE leads SET row_json = ? WHERE id = ?').run(JSON.stringify(lead), lead.id)
      this.db.prepare('INSERT INTO outbox (name, args_json, created_at) VALUES (?, ?, ?)').run('lead.update', JSON.stringify(args), new Date().toISOString())
    })()
  }

  outbox(limit: number): OutboxRow[] {
    const rows = this.db.prepare('SELECT mutation_id, name, args_json FROM outbox ORDER BY mutation_id LIMIT ?').all(limit) as { mutation_id: number; name: string; args_json: string }[]
    return rows.map((row) => ({ mutationId: row.mutation_id, name: row.name, args: JSON.parse(row.args_json) as Record<string, unknown> }))
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n
  }

  maxPendingMutationId(): number {
    return (this.db.prepare('SELECT coalesce(max(mutation_id), 0) AS n FROM outbox').get() as { n: number }).n
  }

  /** The server processed everything up to lastMutationId: mark captures, drop those mutations. */
  acknowledge(lastMutationId: number, rejected: { mutationId: number; reason: string }[]) {
    this.db.transaction(() => {
      const reject = this.db.prepare(`UPDATE captures SET status = 'rejected', reason = ? WHERE mutation_id = ?`)
      for (const r of rejected) reject.run(r.reason, r.mutationId)
      this.db.prepare(`UPDATE captures SET status = 'synced' WHERE status = 'pending' AND mutation_id <= ?`).run(lastMutationId)
      this.db.prepare('DELETE FROM outbox WHERE mutation_id <= ?').run(lastMutationId)
    })()
  }

  /** Applies a page of pulled changes and moves the cursor, together. */
  applyChanges(changes: readonly Change[], cursor: number) {
    this.db.transaction(() => {
      const upsertLead = this.db.prepare('INSERT INTO leads (id, sponsor_id, event_id, row_json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET row_json = excluded.row_json')
      // REPLACE also removes another attendee holding the same badge code: the newest holder wins.
      const upsertEntry = this.db.prepare('INSERT OR REPLACE INTO directory (id, event_id, badge_code, row_json) VALUES (?, ?, ?, ?)')
      const deleteLead = this.db.prepare('DELETE FROM leads WHERE id = ?')
      const deleteEntry = this.db.prepare('DELETE FROM directory WHERE id = ?')
      const upsertQuestion = this.db.prepare('INSERT INTO questions (id, sponsor_id, event_id, row_json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET row_json = excluded.row_json')
      for (const change of changes) {
        const row = change.row as Record<string, string> | null
        if (change.table === 'leads') {
          if (change.op === 'delete' || !row) deleteLead.run(change.id)
          else upsertLead.run(change.id, row.sponsor_id, row.event_id, JSON.stringify(row))
        } else if (change.table === 'attendees') {
          if (change.op === 'delete' || !row) deleteEntry.run(change.id)
          else upsertEntry.run(change.id, row.event_id, row.badge_code, JSON.stringify(row))
        } else if (row) {
          upsertQuestion.run(change.id, row.sponsor_id, row.event_id, JSON.stringify(row))
        }
      }
      this.setMeta('sync.cursor', String(cursor))
      this.reapplyPendingEdits()
    })()
  }

  /** Pulled rows are the server's truth so far; edits still in the outbox go back on top of them. */
  private reapplyPendingEdits() {
    const fields: Record<string, string> = { starred: 'is_starred', archived: 'is_archived', follow_up_status: 'follow_up_status', notes: 'notes' }
    for (const edit of this.outbox(1_000_000).filter((m) => m.name === 'lead.update')) {
      const row = this.db.prepare('SELECT row_json FROM leads WHERE id = ?').get(edit.args.lead_id) as { row_json: string } | undefined
      if (!row) continue
      const lead = JSON.parse(row.row_json) as Record<string, unknown>
      for (const [arg, column] of Object.entries(fields)) if (arg in edit.args) lead[column] = edit.args[arg]
      this.db.prepare('UPDATE leads SET row_json = ? WHERE id = ?').run(JSON.stringify(lead), edit.args.lead_id)
    }
  }

  recentCaptures(sponsorId: string, eventId: string, limit: number): CaptureRow[] {
    return this.db.prepare(`SELECT ${captureColumns} FROM captures WHERE sponsor_id = ? AND event_id = ? ORDER BY captured_at DESC, mutation_id DESC LIMIT ?`).all(sponsorId, eventId, limit) as CaptureRow[]
  }

  pendingCaptures(): CaptureRow[] {
    return this.db.prepare(`SELECT ${captureColumns} FROM captures WHERE status = 'pending' ORDER BY mutation_id`).all() as CaptureRow[]
  }

  rejectedCaptures(limit = 50): CaptureRow[] {
    return this.db.prepare(`SELECT ${captureColumns} FROM captures WHERE status = 'rejected' ORDER BY mutation_id DESC LIMIT ?`).all(limit) as CaptureRow[]
  }

  leads(sponsorId: string): Record<string, unknown>[] {
    const rows = this.db.prepare('SELECT row_json FROM leads WHERE sponsor_id = ?').all(sponsorId) as { row_json: string }[]
    return rows.map((r) => JSON.parse(r.row_json) as Record<string, unknown>)
  }

  lead(sponsorId: string, id: string): Record<string, unknown> | null {
    const row = this.db.prepare('SELECT row_json FROM leads WHERE id = ? AND sponsor_id = ?').get(id, sponsorId) as { row_json: string } | undefined
    return row ? (JSON.parse(row.row_json) as Record<string, unknown>) : null
  }

  directoryEntry(eventId: string, badgeCode: string): DirectoryEntry | null {
    const row = this.db.prepare('SELECT row_json FROM directory WHERE event_id = ? AND badge_code = ?').get(eventId, badgeCode) as { row_json: string } | undefined
    return row ? (JSON.parse(row.row_json) as DirectoryEntry) : null
  }

  questions(sponsorId: string, eventId: string): Record<string, unknown>[] {
    const rows = this.db.prepare('SELECT row_json FROM questions WHERE sponsor_id = ? AND event_id = ?').all(sponsorId, eventId) as { row_json: string }[]
    return rows
      .map((r) => JSON.parse(r.row_json) as Record<string, unknown>)
      .filter((q) => q.is_active !== false)
      .sort((a, b) => Number(a.display_order ?? 0) - Number(b.display_order ?? 0))
  }

  directorySize(eventId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM directory WHERE event_id = ?').get(eventId) as { n: number }).n
  }

  exportedThrough(): number {
    return Number(this.meta('sync.exported_through') ?? 0)
  }

  /** Mutations not yet acknowledged and not saved to an export file either. */
  hasUnexportedChanges(): boolean {
    return this.pendingCount() > 0 && this.exportedThrough() < this.maxPendingMutationId()
  }

  /** The user whose captures this device holds. */
  owner(): { id: string; email: string } | null {
    const raw = this.meta('sync.owner')
    return raw ? (JSON.parse(raw) as { id: string; email: string }) : null
  }

  setOwner(user: { id: string; email: string }) {
    this.setMeta('sync.owner', JSON.stringify({ id: user.id, email: user.email }))
  }

  markExported(mutationId: number) {
    this.setMeta('sync.exported_through', String(mutationId))
  }

  saveSponsors(sponsors: { id: string }[]) {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sponsors').run()
      const insert = this.db.prepare('INSERT INTO sponsors (id, record_json) VALUES (?, ?)')
      for (const sponsor of sponsors) insert.run(sponsor.id, JSON.stringify(sponsor))
    })()
  }

  sponsors<T>(): T[] {
    return (this.db.prepare('SELECT record_json FROM sponsors ORDER BY rowid').all() as { record_json: string }[]).map((r) => JSON.parse(r.record_json) as T)
  }

  /** Sign-out: the next user starts clean (never called with unsynced captures unless exported). */
  clear() {
    this.db.transaction(() => {
      for (const table of ['outbox', 'captures', 'leads', 'directory', 'questions', 'sponsors']) this.db.prepare(`DELETE FROM ${table}`).run()
      this.db.prepare(`DELETE FROM meta WHERE key LIKE 'sync.%'`).run()
    })()
  }
}
