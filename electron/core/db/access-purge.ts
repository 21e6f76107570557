// A device forgets what its user may no longer see: when a pull says which sponsors and events the
// device may hold, the rows of the others go — leads, questions, the booth's synced captures, the
// directory — while the user's own captures and edits the server has not accepted stay whole.
// Runs inside the caller's transaction (the one applying the pulled page).
import type { NewNotice } from './notices-store'
import type { Replica } from './replica'

export interface DeviceAccess {
  sponsors: string[]
  events: string[]
}

export interface PurgeOutcome {
  notices: NewNotice[]
  /** A sponsor or event this device did not hold before: its older rows need a pull from cursor 0. */
  isRegained: boolean
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function purgeOutsideAccess(db: Replica, access: DeviceAccess, previous: DeviceAccess | null): PurgeOutcome {
  const sponsors = new Set(access.sponsors)
  const events = new Set(access.events)
  const isRegained =
    previous !== null &&
    (access.sponsors.some((id) => !previous.sponsors.includes(id)) ||
      access.events.some((id) => !previous.events.includes(id)))
  // Unchanged access: every row pulled under it is in scope, so the (per page) scan is skipped.
  const isUnchanged =
    previous !== null &&
    !isRegained &&
    previous.sponsors.every((id) => sponsors.has(id)) &&
    previous.events.every((id) => events.has(id))
  if (isUnchanged) return { notices: [], isRegained: false }
  const column = (sql: string) => (db.prepare(sql).all() as { id: string }[]).map((row) => row.id)
  const held = new Set([
    ...(previous?.sponsors ?? []),
    ...column('SELECT DISTINCT sponsor_id AS id FROM leads'),
    ...column('SELECT DISTINCT sponsor_id AS id FROM questions'),
  ])
  const notices: NewNotice[] = []
  for (const sponsorId of held) {
    if (sponsors.has(sponsorId)) continue
    const cached = db.prepare('SELECT record_json FROM sponsors WHERE id = ?').get(sponsorId) as
      { record_json: string } | undefined
    const name = cached
      ? String((JSON.parse(cached.record_json) as { company_name?: unknown }).company_name ?? 'a sponsor')
      : 'a sponsor'
    const leads = db.prepare('DELETE FROM leads WHERE sponsor_id = ?').run(sponsorId).changes
    db.prepare('DELETE FROM questions WHERE sponsor_id = ?').run(sponsorId)
    db.prepare(`DELETE FROM captures WHERE sponsor_id = ? AND status = 'synced'`).run(sponsorId)
    db.prepare('DELETE FROM sponsors WHERE id = ?').run(sponsorId)
    const kept = (
      db
        .prepare(`SELECT count(*) AS n FROM captures WHERE sponsor_id = ? AND status IN ('pending', 'rejected')`)
        .get(sponsorId) as { n: number }
    ).n
    const keptEdits = (
      db
        .prepare(
          `SELECT (SELECT count(*) FROM rejected_mutations WHERE sponsor_id = ? AND name = 'lead.update')
            + (SELECT count(*) FROM outbox WHERE name = 'lead.update' AND json_extract(args_json, '$.sponsor_id') = ?) AS n`,
        )
        .get(sponsorId, sponsorId) as { n: number }
    ).n
    let message = `You no longer have access to ${name}; its ${plural(leads, 'lead')} ${leads === 1 ? 'was' : 'were'} removed from this device.`
    if (kept > 0 || keptEdits > 0) {
      const what = [kept > 0 ? plural(kept, 'capture') : null, keptEdits > 0 ? plural(keptEdits, 'lead edit') : null]
        .filter(Boolean)
        .join(' and ')
      message += ` ${what} not accepted by the server ${kept + keptEdits === 1 ? 'is' : 'are'} kept — export them for a sponsor admin.`
    }
    notices.push({ code: 'access-removed', message, sponsorId })
  }
  const lostEvents = column('SELECT DISTINCT event_id AS id FROM directory').filter((id) => !events.has(id))
  for (const eventId of lostEvents) db.prepare('DELETE FROM directory WHERE event_id = ?').run(eventId)
  if (lostEvents.length > 0 && notices.length === 0) {
    notices.push({
      code: 'access-removed',
      message: `The attendee directory of ${plural(lostEvents.length, 'event')} was removed from this device: you no longer have access to it.`,
    })
  }
  return { notices, isRegained }
}
