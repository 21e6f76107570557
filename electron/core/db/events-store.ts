// The replica's copy of the organization's events, readable with no network.
import type { EventRecord } from '../../../shared/domain'
import type { Replica } from './replica'

export class EventsStore {
  constructor(private readonly db: Replica) {}

  /** Replaces the org's events with the server's list, in one transaction. */
  replaceForOrg(orgId: string, events: EventRecord[]): void {
    const remove = this.db.prepare('DELETE FROM events WHERE org_id = ?')
    const insert = this.db.prepare('INSERT INTO events (id, org_id, start_at, record_json) VALUES (?, ?, ?, ?)')
    this.db.transaction(() => {
      remove.run(orgId)
      for (const event of events) insert.run(event.id, event.org_id, event.start_at, JSON.stringify(event))
    })()
  }

  upsert(event: EventRecord): void {
    this.db
      .prepare(
        `INSERT INTO events (id, org_id, start_at, record_json) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, start_at = excluded.start_at, record_json = excluded.record_json`,
      )
      .run(event.id, event.org_id, event.start_at, JSON.stringify(event))
  }

  listForOrg(orgId: string): EventRecord[] {
    const rows = this.db
      .prepare('SELECT record_json FROM events WHERE org_id = ? ORDER BY start_at, id')
      .all(orgId) as { record_json: string }[]
    return rows.map((row) => JSON.parse(row.record_json) as EventRecord)
  }
}
