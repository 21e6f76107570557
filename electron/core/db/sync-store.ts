// Everything sync keeps in the replica: the outbox, this device's captures, pulled server rows and the
// cursor. Every method that changes more than one row does it in one SQLite transaction.
import { randomUUID } from 'node:crypto'
import {
  addCapture,
  isInteractionType,
  type IntentLevel,
  type InteractionType,
} from '../../../shared/leads/intent-scoring'
import type { Change } from '../../../shared/sync/sync-protocol'
import { applyLeadEdit, type EditAuthor, type LeadEditArgs } from '../sync/lead-edits'
import { purgeOutsideAccess, type DeviceAccess } from './access-purge'
import { NoticesStore, type NewNotice } from './notices-store'
import { RejectedStore } from './rejected-store'
import type { Replica } from './replica'
import type { ReplicaLead } from '../../../shared/desktop-api'
import type { QuestionRecord } from '../../../shared/leads/qualifier-question'

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
  /** The capture as it was made (badge or person, notes, qualifiers, interaction, time); null once the server has it. */
  content: Record<string, unknown> | null
  /** When a rejected capture was saved to an export file (null: not yet). */
  exportedAt: string | null
  /** The score and intent level the device computed at capture with the shared scoring (null on rows made before it did). */
  intentScore: number | null
  intentLevel: IntentLevel | null
  /** Whether the device's directory knew the badge when it was scanned (null for people entered by hand). */
  inDirectory: boolean | null
}

export interface OutboxRow {
  mutationId: number
  name: string
  args: Record<string, unknown>
}

/**
 * A badge the device knows. An attendee who has not agreed to share their details arrives with
 * `consented: false` and no contact fields, so the booth can refuse the scan on the spot; rows pulled before
 * the server sent the flag are consented ones.
 */
export interface DirectoryEntry {
  id: string
  event_id: string
  badge_code: string
  consented?: boolean
  name?: string
  email?: string | null
  company?: string | null
  title?: string | null
}

export const isConsented = (entry: DirectoryEntry) => entry.consented !== false
const consentedSql = "coalesce(json_extract(row_json, '$.consented'), 1) = 1"

const captureColumns = `c.lead_id AS leadId, c.mutation_id AS mutationId, c.sponsor_id AS sponsorId, c.event_id AS eventId,
  c.badge_code AS badgeCode, c.name, c.interaction, c.captured_at AS capturedAt, c.status, c.reason,
  coalesce(r.args_json, c.args_json) AS argsJson, r.exported_at AS exportedAt,
  c.intent_score AS intentScore, c.intent_level AS intentLevel, c.in_directory AS inDirectory`
const captureFrom = 'captures c LEFT JOIN rejected_mutations r ON r.mutation_id = c.mutation_id'

type CaptureSqlRow = Omit<CaptureRow, 'content' | 'inDirectory'> & {
  argsJson: string | null
  inDirectory: number | null
}
const captureRow = ({ argsJson, inDirectory, ...row }: CaptureSqlRow): CaptureRow => ({
  ...row,
  content: argsJson ? (JSON.parse(argsJson) as Record<string, unknown>) : null,
  inDirectory: inDirectory === null ? null : inDirectory === 1,
})

export class SyncStore {
  readonly notices: NoticesStore
  readonly rejected: RejectedStore

  constructor(private readonly db: Replica) {
    this.notices = new NoticesStore(db)
    this.rejected = new RejectedStore(db)
  }

  private meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  private setMeta(key: string, value: string) {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value)
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
  recordCapture(
    capture: Omit<CaptureRow, 'mutationId' | 'status' | 'reason' | 'content' | 'exportedAt'>,
    mutation: { name: string; args: Record<string, unknown> },
  ): CaptureRow {
    return this.db.transaction(() => {
      const argsJson = JSON.stringify(mutation.args)
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO outbox (name, args_json, created_at) VALUES (?, ?, ?)')
        .run(mutation.name, argsJson, capture.capturedAt)
      const row: CaptureRow = {
        ...capture,
        mutationId: Number(lastInsertRowid),
        status: 'pending',
        reason: null,
        content: mutation.args,
        exportedAt: null,
      }
      const inDirectory = row.inDirectory === null ? null : Number(row.inDirectory)
      this.db
        .prepare(
          `INSERT INTO captures (lead_id, mutation_id, sponsor_id, event_id, badge_code, name, interaction, captured_at, status, args_json,
                    intent_score, intent_level, in_directory)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(
          row.leadId,
          row.mutationId,
          row.sponsorId,
          row.eventId,
          row.badgeCode,
          row.name,
          row.interaction,
          row.capturedAt,
          argsJson,
          row.intentScore,
          row.intentLevel,
          inDirectory,
        )
      return row
    })()
  }

  /** Who edits on this device: the signed-in owner, as note author and in field_meta. */
  editAuthor(): EditAuthor {
    const owner = this.owner()
    return { id: owner?.id ?? '', name: owner?.name ?? null, deviceId: this.clientId() }
  }

  /** A lead edit: the replica's row changes (as the server would change it) and the mutation is queued, together. */
  updateLeadLocally(lead: ReplicaLead, args: LeadEditArgs): ReplicaLead {
    const updated = applyLeadEdit(lead, args, this.editAuthor()) as ReplicaLead
    this.db.transaction(() => {
      this.db.prepare('UPDATE leads SET row_json = ? WHERE id = ?').run(JSON.stringify(updated), lead.id)
      this.db
        .prepare('INSERT INTO outbox (name, args_json, created_at) VALUES (?, ?, ?)')
        .run('lead.update', JSON.stringify(args), args.edited_at ?? new Date().toISOString())
    })()
    return updated
  }

  outbox(limit: number): OutboxRow[] {
    const rows = this.db
      .prepare('SELECT mutation_id, name, args_json FROM outbox ORDER BY mutation_id LIMIT ?')
      .all(limit) as { mutation_id: number; name: string; args_json: string }[]
    return rows.map((row) => ({
      mutationId: row.mutation_id,
      name: row.name,
      args: JSON.parse(row.args_json) as Record<string, unknown>,
    }))
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n
  }

  maxPendingMutationId(): number {
    return (this.db.prepare('SELECT coalesce(max(mutation_id), 0) AS n FROM outbox').get() as { n: number }).n
  }

  /**
   * The server processed everything up to lastMutationId: mark captures, keep each refused mutation whole
   * (until exported or discarded), record the server's notices, drop the processed mutations — together.
   */
  acknowledge(
    lastMutationId: number,
    rejected: { mutationId: number; code?: string; reason: string }[],
    notices: readonly NewNotice[] = [],
  ) {
    this.db.transaction(() => {
      const reject = this.db.prepare(`UPDATE captures SET status = 'rejected', reason = ? WHERE mutation_id = ?`)
      const now = new Date()
      for (const r of rejected) {
        this.rejected.keep(r, now)
        reject.run(r.reason, r.mutationId)
      }
      // A synced capture's content is on the server now; the row stays for the booth's recent list.
      this.db
        .prepare(
          `UPDATE captures SET status = 'synced', args_json = NULL WHERE status = 'pending' AND mutation_id <= ?`,
        )
        .run(lastMutationId)
      this.db.prepare('DELETE FROM outbox WHERE mutation_id <= ?').run(lastMutationId)
      this.notices.add(notices)
    })()
  }

  /** The scopes the last pull said this device may hold (null before the first such pull). */
  access(): DeviceAccess | null {
    const raw = this.meta('sync.access')
    return raw ? (JSON.parse(raw) as DeviceAccess) : null
  }

  /**
   * Applies a page of pulled changes and moves the cursor, together; rows outside the access the server
   * states are purged in the same transaction. A regained scope moves the cursor back to 0 (isRegained).
   */
  applyChanges(
    changes: readonly Change[],
    cursor: number,
    access?: DeviceAccess,
  ): { isRegained: boolean; purged: number } {
    return this.db.transaction(() => {
      const upsertLead = this.db.prepare(
        'INSERT INTO leads (id, sponsor_id, event_id, row_json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET row_json = excluded.row_json',
      )
      // REPLACE also removes another attendee holding the same badge code: the newest holder wins.
      const upsertEntry = this.db.prepare(
        'INSERT OR REPLACE INTO directory (id, event_id, badge_code, row_json) VALUES (?, ?, ?, ?)',
      )
      const deleteLead = this.db.prepare('DELETE FROM leads WHERE id = ?')
      const deleteEntry = this.db.prepare('DELETE FROM directory WHERE id = ?')
      const upsertQuestion = this.db.prepare(
        'INSERT INTO questions (id, sponsor_id, event_id, row_json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET row_json = excluded.row_json',
      )
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
      let outcome = { isRegained: false, purged: 0 }
      if (access) {
        const { notices, isRegained } = purgeOutsideAccess(this.db, access, this.access())
        this.notices.add(notices)
        this.setMeta('sync.access', JSON.stringify(access))
        outcome = { isRegained, purged: notices.length }
      }
      this.setMeta('sync.cursor', String(outcome.isRegained ? 0 : cursor))
      this.reapplyPendingEdits()
      return outcome
    })()
  }

  /** Pulled rows are the server's truth so far; edits still in the outbox go back on top of them. */
  private reapplyPendingEdits() {
    const author = this.editAuthor()
    for (const edit of this.outbox(1_000_000).filter((m) => m.name === 'lead.update')) {
      const row = this.db.prepare('SELECT row_json FROM leads WHERE id = ?').get(edit.args.lead_id) as
        { row_json: string } | undefined
      if (!row) continue
      const lead = applyLeadEdit(
        JSON.parse(row.row_json) as Record<string, unknown>,
        edit.args as unknown as LeadEditArgs,
        author,
      )
      this.db.prepare('UPDATE leads SET row_json = ? WHERE id = ?').run(JSON.stringify(lead), edit.args.lead_id)
    }
  }

  recentCaptures(sponsorId: string, eventId: string, limit: number): CaptureRow[] {
    return (
      this.db
        .prepare(
          `SELECT ${captureColumns} FROM ${captureFrom} WHERE c.sponsor_id = ? AND c.event_id = ? ORDER BY c.captured_at DESC, c.mutation_id DESC LIMIT ?`,
        )
        .all(sponsorId, eventId, limit) as CaptureSqlRow[]
    ).map(captureRow)
  }

  pendingCaptures(): CaptureRow[] {
    return (
      this.db
        .prepare(`SELECT ${captureColumns} FROM ${captureFrom} WHERE c.status = 'pending' ORDER BY c.mutation_id`)
        .all() as CaptureSqlRow[]
    ).map(captureRow)
  }

  rejectedCaptures(limit = 50): CaptureRow[] {
    return (
      this.db
        .prepare(
          `SELECT ${captureColumns} FROM ${captureFrom} WHERE c.status = 'rejected' ORDER BY c.mutation_id DESC LIMIT ?`,
        )
        .all(limit) as CaptureSqlRow[]
    ).map(captureRow)
  }

  leads(sponsorId: string): ReplicaLead[] {
    const rows = this.db.prepare('SELECT row_json FROM leads WHERE sponsor_id = ?').all(sponsorId) as {
      row_json: string
    }[]
    return rows.map((r) => JSON.parse(r.row_json) as ReplicaLead)
  }

  lead(sponsorId: string, id: string): ReplicaLead | null {
    const row = this.db.prepare('SELECT row_json FROM leads WHERE id = ? AND sponsor_id = ?').get(id, sponsorId) as
      { row_json: string } | undefined
    return row ? (JSON.parse(row.row_json) as ReplicaLead) : null
  }

  directoryEntry(eventId: string, badgeCode: string): DirectoryEntry | null {
    const row = this.db
      .prepare('SELECT row_json FROM directory WHERE event_id = ? AND badge_code = ?')
      .get(eventId, badgeCode) as { row_json: string } | undefined
    return row ? (JSON.parse(row.row_json) as DirectoryEntry) : null
  }

  questions(sponsorId: string, eventId: string): QuestionRecord[] {
    const rows = this.db
      .prepare('SELECT row_json FROM questions WHERE sponsor_id = ? AND event_id = ?')
      .all(sponsorId, eventId) as { row_json: string }[]
    return rows
      .map((r) => JSON.parse(r.row_json) as QuestionRecord)
      .filter((q) => q.is_active !== false)
      .sort((a, b) => Number(a.display_order ?? 0) - Number(b.display_order ?? 0))
  }

  /** Attendees a booth can capture: the consented ones (badges of attendees who have not consented are known but not counted). */
  directorySize(eventId: string): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM directory WHERE event_id = ? AND ${consentedSql}`).get(eventId) as {
        n: number
      }
    ).n
  }

  /**
   * The interactions this badge's lead holds on this device: the pulled lead's, then each capture of it still
   * waiting to sync, in order — what the server will hold once they arrive, so a new capture scores as it will there.
   */
  badgeInteractions(sponsorId: string, eventId: string, badgeCode: string): InteractionType[] {
    const lead = this.db
      .prepare('SELECT row_json FROM leads WHERE sponsor_id = ? AND event_id = ? AND badge_code = ?')
      .get(sponsorId, eventId, badgeCode) as { row_json: string } | undefined
    const pulled = lead ? (JSON.parse(lead.row_json) as { interactions?: unknown }).interactions : undefined
    // The server keeps each interaction as an object with its type, points and time.
    const pulledTypes = Array.isArray(pulled) ? pulled.map((item) => (item as { type?: unknown } | null)?.type) : []
    let interactions = pulledTypes.filter(isInteractionType)
    const waiting = this.db
      .prepare(
        `SELECT interaction FROM captures WHERE sponsor_id = ? AND event_id = ? AND badge_code = ? AND status = 'pending' ORDER BY mutation_id`,
      )
      .pluck()
      .all(sponsorId, eventId, badgeCode) as string[]
    for (const interaction of waiting.filter(isInteractionType)) interactions = addCapture(interactions, interaction)
    return interactions
  }

  exportedThrough(): number {
    return Number(this.meta('sync.exported_through') ?? 0)
  }

  /** Changes a sign-out must keep: pending ones not in an export file, and refused ones not exported. */
  unexportedCount(): number {
    const pending = (
      this.db.prepare('SELECT count(*) AS n FROM outbox WHERE mutation_id > ?').get(this.exportedThrough()) as {
        n: number
      }
    ).n
    return pending + this.rejected.unexportedCount()
  }

  hasUnexportedChanges(): boolean {
    return this.unexportedCount() > 0
  }

  /** The user whose captures this device holds. */
  owner(): { id: string; email: string; name?: string } | null {
    const raw = this.meta('sync.owner')
    return raw ? (JSON.parse(raw) as { id: string; email: string; name?: string }) : null
  }

  setOwner(user: { id: string; email: string; name?: string }) {
    this.setMeta('sync.owner', JSON.stringify({ id: user.id, email: user.email, name: user.name }))
  }

  /** Everything pending up to mutationId, and the refused mutations named, are in a saved export file. */
  markExported(mutationId: number, at: Date, rejectedMutationIds: readonly number[]) {
    this.db.transaction(() => {
      this.setMeta('sync.exported_through', String(Math.max(mutationId, this.exportedThrough())))
      this.rejected.markExported(at, rejectedMutationIds)
    })()
  }

  saveSponsors(sponsors: { id: string }[]) {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sponsors').run()
      const insert = this.db.prepare('INSERT INTO sponsors (id, record_json) VALUES (?, ?)')
      for (const sponsor of sponsors) insert.run(sponsor.id, JSON.stringify(sponsor))
    })()
  }

  sponsors<T>(): T[] {
    return (this.db.prepare('SELECT record_json FROM sponsors ORDER BY rowid').all() as { record_json: string }[]).map(
      (r) => JSON.parse(r.record_json) as T,
    )
  }

  /** Sign-out: the next user starts clean (never called with unsynced or refused captures unless exported). */
  clear() {
    this.db.transaction(() => {
      const tables = [
        'outbox',
        'captures',
        'rejected_mutations',
        'sync_notices',
        'leads',
        'directory',
        'questions',
        'sponsors',
      ]
      for (const table of tables) this.db.prepare(`DELETE FROM ${table}`).run()
      this.db.prepare(`DELETE FROM meta WHERE key LIKE 'sync.%'`).run()
    })()
  }
}
