// Migration 0006 on a database with leads made before it: notes become one entry, a captured span that ran
// backwards is repaired, and captures get a receive time.
import { afterEach, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/open-database'
import { migrate, readMigrations } from '../../../server/db/migrate'
import type { Database } from '../../../server/db/database'
import { describeBackends, createPostgresDatabase, type FreshDatabase } from '../../support/databases'

describeBackends('migration 0006_lead_merge on %s', (backend) => {
  let db: Database
  let fresh: FreshDatabase | undefined
  afterEach(async () => {
    await db.close()
    await fresh?.drop()
  })

  it('turns existing notes into one entry, keeps notes derived, and repairs a span that ran backwards', async () => {
    fresh = backend === 'postgres' ? await createPostgresDatabase() : undefined
    db = await openDatabase({ databaseUrl: fresh?.url, dataDir: 'memory://' })
    const all = readMigrations()
    await migrate(
      db,
      all.filter((m) => m.id < 6),
    )
    const {
      rows: [ids],
    } = await db.query<{ org: string; event: string; sponsor: string }>(
      `WITH o AS (INSERT INTO organizations (name, kind) VALUES ('Host', 'organizer') RETURNING id),
         s AS (INSERT INTO organizations (name, kind) VALUES ('Acme', 'sponsor') RETURNING id),
         e AS (INSERT INTO events (org_id, title, start_at, end_at) SELECT id, 'Summit', now(), now() FROM o RETURNING id),
         sp AS (INSERT INTO sponsors (org_id, company_name) SELECT id, 'Acme' FROM s RETURNING id)
       SELECT (SELECT id FROM s) AS org, (SELECT id FROM e) AS event, (SELECT id FROM sp) AS sponsor`,
    )
    const lead = (id: string, notes: string | null, first: string, last: string) =>
      db.query(
        `INSERT INTO leads (id, org_id, sponsor_id, event_id, name, consent_source, consent_confirmed_at, intent_score, intent_level,
         interactions, notes, first_captured_at, last_captured_at)
       VALUES ($1, $2, $3, $4, 'Lee', 'confirmed_at_capture', now(), 10, 'cold', '[]', $5, $6, $7)`,
        [id, ids!.org, ids!.sponsor, ids!.event, notes, first, last],
      )
    await lead(
      '00000000-0000-4000-8000-000000000001',
      'Asked about pricing\nand support',
      '2026-03-01T10:00:00Z',
      '2026-03-01T12:00:00Z',
    )
    await lead('00000000-0000-4000-8000-000000000002', null, '2026-03-01T10:00:00Z', '2024-03-01T10:00:00Z')

    expect(await migrate(db, all)).toEqual(all.filter((m) => m.id >= 6).map((m) => m.name))
    const rows = (
      await db.query('SELECT id, notes, note_entries, first_captured_at, last_captured_at FROM leads ORDER BY id')
    ).rows
    expect(rows[0]).toMatchObject({
      notes: 'Asked about pricing\nand support',
      note_entries: [{ text: 'Asked about pricing\nand support', author_id: null, edited_at: null }],
    })
    expect(rows[0]!.note_entries[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(rows[1]).toMatchObject({ notes: null, note_entries: [] })
    expect(rows[1]!.last_captured_at.getTime()).toBe(rows[1]!.first_captured_at.getTime())

    // notes follows the entries on every write, whatever the writer sends.
    await db.query(
      `UPDATE leads SET notes = 'overwritten', note_entries = note_entries || '[{"id":"00000000-0000-4000-8000-0000000000aa","text":"Second"}]' WHERE id = $1`,
      [rows[0]!.id],
    )
    expect((await db.query('SELECT notes FROM leads WHERE id = $1', [rows[0]!.id])).rows[0]!.notes).toBe(
      'Asked about pricing\nand support\n\nSecond',
    )
    await expect(db.query(`UPDATE leads SET last_captured_at = first_captured_at - interval '1 day'`)).rejects.toThrow(
      /leads_capture_order/,
    )
  })
})
