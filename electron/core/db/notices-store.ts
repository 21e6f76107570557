// What sync has to tell the user, kept until dismissed: the server merged a note or kept another
// device's later change, or this device lost access to a sponsor. Only the newest few are kept.
import type { Replica } from './replica'

export interface SyncNoticeRow {
  id: number
  code: string
  message: string
  sponsorId: string | null
  leadId: string | null
  field: string | null
  at: string
}

export interface NewNotice {
  code: string
  message: string
  sponsorId?: string | null
  leadId?: string | null
  field?: string | null
}

export const keptNotices = 50

export class NoticesStore {
  constructor(private readonly db: Replica) {}

  /** Adds notices and drops all but the newest 50; callers may run it inside their own transaction. */
  add(notices: readonly NewNotice[], at = new Date()) {
    if (notices.length === 0) return
    const insert = this.db.prepare(
      'INSERT INTO sync_notices (code, message, sponsor_id, lead_id, field, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    for (const n of notices)
      insert.run(n.code, n.message, n.sponsorId ?? null, n.leadId ?? null, n.field ?? null, at.toISOString())
    this.db
      .prepare('DELETE FROM sync_notices WHERE id NOT IN (SELECT id FROM sync_notices ORDER BY id DESC LIMIT ?)')
      .run(keptNotices)
  }

  /** Newest first. */
  list(): SyncNoticeRow[] {
    return this.db
      .prepare(
        `SELECT id, code, message, sponsor_id AS sponsorId, lead_id AS leadId, field, created_at AS at FROM sync_notices ORDER BY id DESC`,
      )
      .all() as SyncNoticeRow[]
  }

  /** Dismisses the given notices, or all of them; answers how many went. */
  dismiss(ids: readonly number[] | 'all'): number {
    if (ids === 'all') return this.db.prepare('DELETE FROM sync_notices').run().changes
    const remove = this.db.prepare('DELETE FROM sync_notices WHERE id = ?')
    return this.db.transaction(() => ids.reduce((n, id) => n + remove.run(id).changes, 0))()
  }
}
