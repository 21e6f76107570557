// The sync store on a real SQLite file: refused mutations kept whole, lead edits that show at once and
// survive pulls, purges outside the device's access, and the notices sync keeps for the user.
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openReplica, type Replica } from '../../../../electron/core/db/replica'
import { replicaMigrations } from '../../../../electron/core/db/migrations'
import { SyncStore } from '../../../../electron/core/db/sync-store'
import type { Change } from '../../../../shared/sync/sync-protocol'

const sponsorId = randomUUID()
const eventId = randomUUID()
const owner = { id: randomUUID(), email: 'rae@example.com', name: 'Rae' }

describe('the sync store', () => {
  const replicas: Replica[] = []
  const open = () => {
    const replica = openReplica(join(mkdtempSync(join(tmpdir(), 'yp-store-')), 'replica.sqlite'))
    replicas.push(replica)
    const store = new SyncStore(replica)
    store.setOwner(owner)
    return store
  }
  afterEach(() => {
    for (const replica of replicas.splice(0)) replica.close()
  })

  const leadRow = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    sponsor_id: sponsorId,
    event_id: eventId,
    name: 'Lee',
    notes: null,
    note_entries: [],
    is_starred: false,
    follow_up_status: 'new',
    ...extra,
  })
  const upsert = (row: Record<string, unknown>): Change => ({
    version: 1,
    table: 'leads',
    op: 'upsert',
    id: String(row.id),
    row,
  })
  const capture = (store: SyncStore, notes: string) => {
    const leadId = randomUUID()
    const args = {
      sponsor_id: sponsorId,
      event_id: eventId,
      lead_id: leadId,
      captured_at: new Date().toISOString(),
      interaction: 'demo_request',
      badge_code: 'B-1',
      notes,
      qualifiers: { [randomUUID()]: 'yes' },
    }
    return store.recordCapture(
      {
        leadId,
        sponsorId,
        eventId,
        badgeCode: 'B-1',
        name: 'Bo',
        interaction: 'demo_request',
        capturedAt: args.captured_at,
        intentScore: 30,
        intentLevel: 'cold',
        inDirectory: true,
      },
      { name: 'lead.capture', args },
    )
  }

  it('keeps a refused capture and a refused edit whole until exported, then until discarded', () => {
    const store = open()
    const first = capture(store, 'Wants a demo')
    const second = capture(store, 'Call on Monday')
    store.applyChanges([upsert(leadRow(randomUUID()))], 1)
    const [lead] = store.leads(sponsorId)
    store.updateLeadLocally(lead!, {
      sponsor_id: sponsorId,
      lead_id: String(lead!.id),
      edited_at: new Date().toISOString(),
      add_note: { id: randomUUID(), text: 'Budget approved' },
    })
    store.acknowledge(3, [
      { mutationId: first.mutationId, code: 'forbidden', reason: 'You no longer represent this sponsor.' },
      { mutationId: second.mutationId, code: 'forbidden', reason: 'You no longer represent this sponsor.' },
      { mutationId: 3, code: 'forbidden', reason: 'You no longer represent this sponsor.' },
    ])
    expect(store.pendingCount()).toBe(0)
    expect(
      store
        .rejectedCaptures()
        .map((c) => c.content?.notes)
        .sort(),
    ).toEqual(['Call on Monday', 'Wants a demo'])
    expect(store.rejectedCaptures()[0]!.content).toMatchObject({
      qualifiers: expect.any(Object),
      interaction: 'demo_request',
      badge_code: 'B-1',
    })
    expect(store.rejected.list().find((m) => m.name === 'lead.update')!.args).toMatchObject({
      add_note: { text: 'Budget approved' },
    })
    expect(store.hasUnexportedChanges()).toBe(true)

    // Only what the saved file holds counts as exported: a refusal it does not name still keeps sign-out back.
    const [newest, ...older] = store.rejected.list().map((m) => m.mutationId)
    store.markExported(store.maxPendingMutationId(), new Date(), older)
    expect(store.hasUnexportedChanges()).toBe(true)
    store.markExported(store.maxPendingMutationId(), new Date(), [newest!])
    expect(store.hasUnexportedChanges()).toBe(false)
    expect(store.rejectedCaptures()).toHaveLength(2)
    expect(store.rejected.discard({ leadIds: [first.leadId] })).toBe(1)
    expect(store.rejectedCaptures().map((c) => c.leadId)).toEqual([second.leadId])
    expect(store.rejected.discard('all')).toBe(2)
    expect(store.rejected.list()).toEqual([])
  })

  it('shows a note at once, by its author, and keeps it on top of every pull until the server has it', () => {
    const store = open()
    const id = randomUUID()
    const theirs = {
      id: randomUUID(),
      text: 'Met at dinner',
      author_id: randomUUID(),
      author_name: 'Sam',
      device_id: null,
      created_at: '2026-01-01T10:00:00.000Z',
      edited_at: null,
    }
    store.applyChanges([upsert(leadRow(id, { notes: theirs.text, note_entries: [theirs] }))], 1)
    const noteId = randomUUID()
    const edited = store.updateLeadLocally(store.lead(sponsorId, id)!, {
      sponsor_id: sponsorId,
      lead_id: id,
      edited_at: '2026-01-01T11:00:00.000Z',
      follow_up_status: 'contacted',
      add_note: { id: noteId, text: 'Sent the deck' },
    })
    expect(edited).toMatchObject({
      notes: 'Met at dinner\n\nSent the deck',
      follow_up_status: 'contacted',
      field_meta: { follow_up_status: { by: owner.id, by_name: 'Rae' } },
    })
    expect((edited.note_entries as { author_id: string }[])[1]).toMatchObject({
      id: noteId,
      author_id: owner.id,
      author_name: 'Rae',
    })

    // A pull brings the server's row without the edit: the pending edit goes back on top.
    store.applyChanges(
      [upsert(leadRow(id, { notes: theirs.text, note_entries: [theirs], follow_up_status: 'new' }))],
      2,
    )
    expect(store.lead(sponsorId, id)).toMatchObject({
      notes: 'Met at dinner\n\nSent the deck',
      follow_up_status: 'contacted',
    })
    store.updateLeadLocally(store.lead(sponsorId, id)!, {
      sponsor_id: sponsorId,
      lead_id: id,
      edit_note: { id: noteId, text: 'Sent the deck and pricing' },
    })
    store.updateLeadLocally(store.lead(sponsorId, id)!, {
      sponsor_id: sponsorId,
      lead_id: id,
      edit_note: { id: theirs.id, text: 'not mine to change' },
    })
    store.applyChanges([upsert(leadRow(id, { notes: theirs.text, note_entries: [theirs] }))], 3)
    expect(store.lead(sponsorId, id)!.notes).toBe('Met at dinner\n\nSent the deck and pricing')
  })

  it('purges the rows of a sponsor and event no longer in access, keeping unaccepted captures, and says so', () => {
    const store = open()
    const otherSponsor = randomUUID()
    store.saveSponsors([{ id: sponsorId, company_name: 'Booth Co' } as { id: string }])
    const directory: Change = {
      version: 3,
      table: 'attendees',
      op: 'upsert',
      id: randomUUID(),
      row: { id: 'x', event_id: eventId, badge_code: 'B-9', name: 'Di' },
    }
    store.applyChanges(
      [
        upsert(leadRow(randomUUID())),
        upsert(leadRow(randomUUID())),
        upsert({ ...leadRow(randomUUID()), sponsor_id: otherSponsor }),
        directory,
      ],
      3,
      { sponsors: [sponsorId, otherSponsor], events: [eventId] },
    )
    const kept = capture(store, 'Keep me')
    store.acknowledge(kept.mutationId, [
      { mutationId: kept.mutationId, reason: 'You no longer represent this sponsor.' },
    ])

    const outcome = store.applyChanges([], 4, { sponsors: [otherSponsor], events: [] })
    expect(outcome).toEqual({ isRegained: false, purged: 1 })
    expect(store.leads(sponsorId)).toEqual([])
    expect(store.leads(otherSponsor)).toHaveLength(1)
    expect(store.directorySize(eventId)).toBe(0)
    expect(store.sponsors()).toEqual([])
    expect(store.rejectedCaptures()).toHaveLength(1)
    expect(store.notices.list()[0]!.message).toBe(
      'You no longer have access to Booth Co; its 2 leads were removed from this device. 1 capture not accepted by the server is kept — export them for a sponsor admin.',
    )
    expect(store.cursor()).toBe(4)

    expect(store.applyChanges([], 5, { sponsors: [otherSponsor, sponsorId], events: [eventId] })).toEqual({
      isRegained: true,
      purged: 0,
    })
    expect(store.cursor()).toBe(0)
  })

  it('upgrades a replica holding unsynced captures: each keeps its whole content', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yp-upgrade-')), 'replica.sqlite')
    const old = openReplica(file, replicaMigrations.slice(0, 3))
    const args = {
      sponsor_id: sponsorId,
      event_id: eventId,
      lead_id: randomUUID(),
      interaction: 'booth_visit',
      badge_code: 'U-1',
      notes: 'From before the upgrade',
    }
    const { lastInsertRowid } = old
      .prepare(
        `INSERT INTO outbox (name, args_json, created_at) VALUES ('lead.capture', ?, '2026-01-01T00:00:00.000Z')`,
      )
      .run(JSON.stringify(args))
    old
      .prepare(
        `INSERT INTO captures (lead_id, mutation_id, sponsor_id, event_id, badge_code, name, interaction, captured_at, status)
                 VALUES (?, ?, ?, ?, 'U-1', 'Una', 'booth_visit', '2026-01-01T00:00:00.000Z', 'pending')`,
      )
      .run(args.lead_id, Number(lastInsertRowid), sponsorId, eventId)
    old.close()
    const replica = openReplica(file)
    replicas.push(replica)
    const store = new SyncStore(replica)
    expect(store.pendingCaptures()[0]!.content).toMatchObject({ notes: 'From before the upgrade' })
    store.acknowledge(Number(lastInsertRowid), [
      { mutationId: Number(lastInsertRowid), reason: 'You no longer represent this sponsor.' },
    ])
    expect(store.rejectedCaptures()[0]).toMatchObject({
      name: 'Una',
      status: 'rejected',
      content: { notes: 'From before the upgrade' },
    })
  })

  it('keeps the newest 50 notices until they are dismissed', () => {
    const store = open()
    store.acknowledge(
      0,
      [],
      Array.from({ length: 60 }, (_, i) => ({ code: 'note-merged', message: `notice ${i}`, leadId: randomUUID() })),
    )
    const notices = store.notices.list()
    expect(notices).toHaveLength(50)
    expect(notices[0]!.message).toBe('notice 59')
    expect(store.notices.dismiss([notices[0]!.id])).toBe(1)
    expect(store.notices.dismiss('all')).toBe(49)
  })
})
