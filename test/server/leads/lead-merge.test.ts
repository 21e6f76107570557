// Issue 21: no edit is lost (notes append, last-writer-wins keeps the loser in history and tells its device)
// and clocks cannot reorder (out-of-bounds capture times are clamped and flagged; the captured span only widens).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends, raceTitle } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, representative } from '../../support/lead-fixtures'

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString()
const twoYears = 2 * 365 * 24 * 3_600_000

describeBackends('lead merge rules and capture clocks on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let sam: SignedUp
  let ria: SignedUp
  let badge = 0
  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await sponsorWorld(server.url)
    sam = await representative(server.url, server.db, world, 'representative', 'Sam Lee')
    ria = await representative(server.url, server.db, world, 'representative', 'Ria Ray')
    await addAttendees(
      server.url,
      world,
      Array.from({ length: 40 }, (_, i) => ({ badge_code: `M-${i}`, name: `Merge ${i}`, consent_to_share: true })),
    )
  }, 60_000)
  afterAll(() => server.close())

  const devices = { sam: `sam-laptop-${randomUUID()}`, ria: `ria-tablet-${randomUUID()}` }
  const nextId = { sam: 0, ria: 0 }
  /** Pushes from the person's device, or from a fresh device of theirs (concurrent pushes of one device would reorder). */
  const push = (
    who: 'sam' | 'ria',
    mutations: { name: string; args: Record<string, unknown> }[],
    { freshDevice = false } = {},
  ) => {
    const user = who === 'sam' ? sam : ria
    const numbered = mutations.map((m, i) => ({ ...m, mutation_id: freshDevice ? i + 1 : ++nextId[who] }))
    const clientId = freshDevice ? `${who}-spare-${randomUUID()}` : devices[who]
    return api(server.url, 'POST', '/v1/sync/push', {
      token: user.access_token,
      body: { client_id: clientId, mutations: numbered },
    })
  }
  const update = (leadId: string, args: Record<string, unknown>) => ({
    name: 'lead.update',
    args: { sponsor_id: world.sponsorId, lead_id: leadId, ...args },
  })
  const captureArgs = (badgeCode: string, capturedAt: string, extra: Record<string, unknown> = {}) => ({
    name: 'lead.capture',
    args: {
      sponsor_id: world.sponsorId,
      event_id: world.eventId,
      lead_id: randomUUID(),
      badge_code: badgeCode,
      interaction: 'booth_visit',
      captured_at: capturedAt,
      ...extra,
    },
  })
  const newLead = async () => {
    const code = `M-${badge++}`
    const result = await push('sam', [captureArgs(code, minutesAgo(30))])
    expect(result.body.results[0].status).toBe('applied')
    return (
      await server.db.query('SELECT id FROM leads WHERE sponsor_id = $1 AND badge_code = $2', [world.sponsorId, code])
    ).rows[0]!.id as string
  }
  const lead = async (id: string) => (await server.db.query('SELECT * FROM leads WHERE id = $1', [id])).rows[0]!
  const patch = (id: string, body: unknown, user: SignedUp) =>
    api(server.url, 'PATCH', `/v1/sponsors/${world.sponsorId}/leads/${id}`, {
      token: user.access_token,
      orgId: world.sponsorOwner.orgId,
      body,
    })

  it(
    raceTitle(
      backend,
      'keeps every note when two devices add notes to the same lead at the same time, and tells the later one',
    ),
    async () => {
      const id = await newLead()
      const written = minutesAgo(2)
      const [bySam, byRia] = await Promise.all([
        push('sam', [
          update(id, { add_note: { id: randomUUID(), text: 'Wants pricing for 40 seats' }, edited_at: written }),
        ]),
        push('ria', [update(id, { add_note: { id: randomUUID(), text: 'Met their CTO too' }, edited_at: written })]),
      ])
      expect([bySam.body.results[0].status, byRia.body.results[0].status]).toEqual(['applied', 'applied'])
      const row = await lead(id)
      expect(row.note_entries.map((e: { text: string }) => e.text).sort()).toEqual([
        'Met their CTO too',
        'Wants pricing for 40 seats',
      ])
      expect(
        row.note_entries.map((e: { author_id: string; device_id: string }) => [e.author_id, e.device_id]).sort(),
      ).toEqual(
        [
          [sam.user.id, devices.sam],
          [ria.user.id, devices.ria],
        ].sort(),
      )
      expect(row.notes.split('\n\n').sort()).toEqual(['Met their CTO too', 'Wants pricing for 40 seats'])
      const notices = [bySam, byRia].flatMap((r) => r.body.results[0].notices ?? [])
      expect(notices).toEqual([
        { code: 'note-merged', field: 'note', message: 'Your note was added beside 1 note from another device.' },
      ])
    },
  )

  it(
    raceTitle(backend, "appends an old client's whole notes text instead of overwriting another device's note"),
    async () => {
      const id = await newLead()
      await Promise.all([
        push('sam', [update(id, { notes: 'Sam: send the deck' })]),
        push('ria', [update(id, { notes: 'Ria: book a demo' })]),
      ])
      expect((await lead(id)).notes.split('\n\n').sort()).toEqual(['Ria: book a demo', 'Sam: send the deck'])
      // An old client that appended to the text it saw adds only what is new.
      const seen = (await lead(id)).notes
      await push('sam', [update(id, { notes: `${seen}\nand the price list` })])
      expect((await lead(id)).note_entries.map((e: { text: string }) => e.text).at(-1)).toBe('and the price list')
      expect((await lead(id)).note_entries).toHaveLength(3)
    },
  )

  it(raceTitle(backend, 'keeps every note when many pushes from two people add notes at once'), async () => {
    const id = await newLead()
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        push(i % 2 ? 'sam' : 'ria', [update(id, { add_note: { id: randomUUID(), text: `note ${i}` } })], {
          freshDevice: true,
        }),
      ),
    )
    expect((await lead(id)).note_entries.map((e: { text: string }) => e.text).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `note ${i}`),
    )
  })

  it(raceTitle(backend, 'keeps notes that repeat captures and edits add to one lead at the same time'), async () => {
    const code = `M-${badge++}`
    await push('sam', [captureArgs(code, minutesAgo(30))])
    const id = (
      await server.db.query('SELECT id FROM leads WHERE sponsor_id = $1 AND badge_code = $2', [world.sponsorId, code])
    ).rows[0]!.id
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        push(
          i % 2 ? 'sam' : 'ria',
          [
            i < 4
              ? captureArgs(code, minutesAgo(20), { notes: `capture ${i}` })
              : update(id, { add_note: { id: randomUUID(), text: `edit ${i}` } }),
          ],
          { freshDevice: true },
        ),
      ),
    )
    expect(results.map((r) => r.body.results[0].status)).toEqual(Array(8).fill('applied'))
    const row = await lead(id)
    expect(row.note_entries.map((e: { text: string }) => e.text).sort()).toEqual([
      'capture 0',
      'capture 1',
      'capture 2',
      'capture 3',
      'edit 4',
      'edit 5',
      'edit 6',
      'edit 7',
    ])
    expect(row.capture_count).toBe(5)
  })

  it("lets an author edit their own note and refuses someone else's with not-your-note", async () => {
    const id = await newLead()
    const noteId = randomUUID()
    await push('sam', [update(id, { add_note: { id: noteId, text: 'Budget in Q3' } })])
    const own = await push('sam', [update(id, { edit_note: { id: noteId, text: 'Budget in Q2' } })])
    expect(own.body.results[0].status).toBe('applied')
    const other = await push('ria', [update(id, { edit_note: { id: noteId, text: 'No budget' } })])
    expect(other.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not-your-note' } })
    const row = await lead(id)
    expect(row.note_entries).toMatchObject([
      { id: noteId, text: 'Budget in Q2', author_id: sam.user.id, author_name: 'Sam Lee' },
    ])
    expect(row.note_entries[0].edited_at).toEqual(expect.any(String))
    expect(row.history.filter((h: { field: string }) => h.field === 'note').at(-1)).toMatchObject({
      value: { id: noteId, text: 'Budget in Q2' },
      previous: { id: noteId, text: 'Budget in Q3' },
      outcome: 'applied',
    })
  })

  it('decides a follow-up changed on two devices by the edit time: the later wins, the earlier stays in history and its device is told', async () => {
    const id = await newLead()
    const byRia = await push('ria', [update(id, { follow_up_status: 'qualified', edited_at: minutesAgo(1) })])
    expect(byRia.body.results[0]).toEqual({ mutation_id: expect.any(Number), status: 'applied' })
    // Sam changed it earlier on a laptop that was offline; the change arrives after Ria's.
    const bySam = await push('sam', [update(id, { follow_up_status: 'contacted', edited_at: minutesAgo(5) })])
    expect(bySam.body.results[0].status).toBe('applied')
    expect(bySam.body.results[0].notices).toEqual([
      { code: 'field-superseded', field: 'follow_up_status', message: expect.stringContaining('Ria Ray') },
    ])
    expect(bySam.body.results[0].notices[0].message).toContain('(contacted) is kept')
    let row = await lead(id)
    expect(row.follow_up_status).toBe('qualified')
    expect(row.field_meta.follow_up_status).toMatchObject({
      by: ria.user.id,
      by_name: 'Ria Ray',
      device_id: devices.ria,
    })
    expect(row.history.filter((h: { field: string }) => h.field === 'follow_up_status')).toMatchObject([
      { value: 'qualified', previous: 'new', by: ria.user.id, outcome: 'applied' },
      {
        value: 'contacted',
        previous: 'qualified',
        by: sam.user.id,
        by_name: 'Sam Lee',
        device_id: devices.sam,
        outcome: 'superseded',
      },
    ])
    // A later edit applies and keeps the value it replaced.
    await push('sam', [update(id, { follow_up_status: 'converted' })])
    row = await lead(id)
    expect(row.follow_up_status).toBe('converted')
    expect(row.history.at(-1)).toMatchObject({
      field: 'follow_up_status',
      value: 'converted',
      previous: 'qualified',
      outcome: 'applied',
    })
  })

  it('applies an archive on one device and a note on another', async () => {
    const id = await newLead()
    const [archived, noted] = await Promise.all([
      push('sam', [update(id, { archived: true, edited_at: minutesAgo(1) })]),
      push('ria', [
        update(id, { add_note: { id: randomUUID(), text: 'Call after the show' }, edited_at: minutesAgo(1) }),
      ]),
    ])
    expect([archived.body.results[0].status, noted.body.results[0].status]).toEqual(['applied', 'applied'])
    const row = await lead(id)
    expect(row).toMatchObject({ is_archived: true, notes: 'Call after the show' })
    expect(row.field_meta.is_archived).toMatchObject({ by: sam.user.id })
  })

  it('sends note entries, field meta and history to devices through the pull', async () => {
    const id = await newLead()
    await push('ria', [update(id, { starred: true, add_note: { id: randomUUID(), text: 'Pulled note' } })])
    const pulled = await api(server.url, 'POST', '/v1/sync/pull', {
      token: sam.access_token,
      body: { cursor: 0, limit: 5000 },
    })
    const rows = pulled.body.changes.filter((c: { table: string; id: string }) => c.table === 'leads' && c.id === id)
    expect(rows.at(-1).row).toMatchObject({
      notes: 'Pulled note',
      note_entries: [{ text: 'Pulled note', author_id: ria.user.id }],
      field_meta: { is_starred: { by: ria.user.id } },
      is_starred: true,
    })
    expect(rows.at(-1).row.history.map((h: { field: string }) => h.field)).toEqual(['is_starred', 'note'])
  })

  it('clamps a capture dated two years ahead or behind to its receive time and flags it; the captured span never runs backwards', async () => {
    const code = `M-${badge++}`
    const before = Date.now()
    const future = await push('sam', [captureArgs(code, new Date(Date.now() + twoYears).toISOString())])
    const past = await push('sam', [
      captureArgs(code, new Date(Date.now() - twoYears).toISOString(), { notes: 'second visit' }),
    ])
    expect([future.body.results[0].status, past.body.results[0].status]).toEqual(['applied', 'applied'])
    const row = (
      await server.db.query('SELECT * FROM leads WHERE sponsor_id = $1 AND badge_code = $2', [world.sponsorId, code])
    ).rows[0]!
    const captures = (
      await server.db.query(
        'SELECT captured_at, received_at, clock_flag FROM lead_captures WHERE lead_id = $1 ORDER BY received_at',
        [row.id],
      )
    ).rows
    expect(captures.map((c) => c.clock_flag)).toEqual(['future', 'past'])
    for (const c of captures) {
      expect(c.captured_at.getTime()).toBe(c.received_at.getTime())
      expect(c.received_at.getTime()).toBeGreaterThanOrEqual(before - 1000)
    }
    expect(row.first_captured_at.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(row.last_captured_at.getTime()).toBeGreaterThanOrEqual(row.first_captured_at.getTime())
    expect(row.interactions.map((i: { clock: string }) => i.clock)).toEqual(['clamped', 'clamped', 'clamped'])
    expect(row.note_entries).toMatchObject([{ text: 'second visit', author_id: sam.user.id, device_id: devices.sam }])

    // A capture dated within bounds but earlier than the last one never moves last_captured_at back.
    const last = row.last_captured_at.getTime()
    const ninetyMinutesAgo = minutesAgo(90)
    const earlier = await push('ria', [captureArgs(code, ninetyMinutesAgo)])
    expect(earlier.body.results[0].status).toBe('applied')
    const after = (
      await server.db.query('SELECT first_captured_at, last_captured_at FROM leads WHERE id = $1', [row.id])
    ).rows[0]!
    expect(after.last_captured_at.getTime()).toBe(last)
    expect(after.first_captured_at.toISOString()).toBe(ninetyMinutesAgo)
    expect(
      (
        await server.db.query('SELECT clock_flag FROM lead_captures WHERE lead_id = $1 AND captured_by = $2', [
          row.id,
          ria.user.id,
        ])
      ).rows,
    ).toEqual([{ clock_flag: null }])
  })

  it('clamps and flags alike when a backlog arrives in one batch, exactly as one by one', async () => {
    // The same backlog, once one mutation per push (one by one) and once in a single push (set-based, >= 8 captures).
    const backlog = (codes: string[]) => [
      captureArgs(codes[0]!, minutesAgo(20)),
      captureArgs(codes[0]!, new Date(Date.now() - twoYears).toISOString(), {
        interaction: 'demo_request',
        notes: 'came back',
      }),
      captureArgs(codes[0]!, minutesAgo(40)),
      captureArgs(codes[1]!, new Date(Date.now() + twoYears).toISOString()),
      captureArgs(codes[1]!, minutesAgo(10)),
      captureArgs(codes[2]!, new Date(Date.now() - twoYears).toISOString()),
      captureArgs(codes[3]!, minutesAgo(3)),
      captureArgs(codes[3]!, new Date(Date.now() + twoYears).toISOString(), { notes: 'from the future' }),
      captureArgs(codes[4]!, minutesAgo(1)),
    ]
    const outcome = async (codes: string[]) => {
      const leads = (
        await server.db.query(
          `SELECT l.id, l.badge_code, l.first_captured_at, l.last_captured_at, l.notes, l.interactions,
           (SELECT json_agg(json_build_object('flag', c.clock_flag, 'same', c.captured_at = c.received_at, 'received', c.received_at) ORDER BY c.received_at, c.clock_flag)
              FROM lead_captures c WHERE c.lead_id = l.id) AS captures
         FROM leads l WHERE l.sponsor_id = $1 AND l.badge_code = ANY($2)`,
          [world.sponsorId, codes],
        )
      ).rows
      return codes.map((code) => {
        const row = leads.find((l) => l.badge_code === code)!
        expect(row.last_captured_at.getTime()).toBeGreaterThanOrEqual(row.first_captured_at.getTime())
        return {
          notes: row.notes,
          clocks: row.interactions.map((i: { type: string; clock: string }) => `${i.type}:${i.clock}`),
          flags: row.captures
            .map((c: { flag: string | null; same: boolean }) => `${c.flag}:${c.flag ? c.same : 'kept'}`)
            .sort(),
          span: row.first_captured_at.getTime() === row.last_captured_at.getTime() ? 'one instant' : 'a span',
          received: row.captures.map((c: { received: string }) => c.received),
        }
      })
    }
    const oneByOne = Array.from({ length: 5 }, () => `M-${badge++}`)
    for (const mutation of backlog(oneByOne))
      expect((await push('sam', [mutation])).body.results[0].status).toBe('applied')
    const batched = Array.from({ length: 5 }, () => `M-${badge++}`)
    const pushed = await push('sam', backlog(batched))
    expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual(Array(9).fill('applied'))

    const single = await outcome(oneByOne)
    const batch = await outcome(batched)
    // Set-based: the whole backlog was received at one instant.
    expect(new Set(batch.flatMap((b) => b.received)).size).toBe(1)
    expect(new Set(single.flatMap((b) => b.received)).size).toBeGreaterThan(1)
    expect(batch.map(({ received: _, ...rest }) => rest)).toEqual(single.map(({ received: _, ...rest }) => rest))
    expect(batch[0]).toMatchObject({
      notes: 'came back',
      flags: ['null:kept', 'null:kept', 'past:true'],
      span: 'a span',
    })
    expect(batch[1]!.flags).toEqual(['future:true', 'null:kept'])
    expect(batch[3]!.notes).toBe('from the future')
  })

  it('keeps qualifier answers given over REST while repeat captures add theirs', async () => {
    const question = async (prompt: string) =>
      (
        await api(server.url, 'POST', `/v1/sponsors/${world.sponsorId}/events/${world.eventId}/qualifiers`, {
          token: world.sponsorOwner.access_token,
          orgId: world.sponsorOwner.orgId,
          body: { prompt, kind: 'text' },
        })
      ).body.id as string
    const [budget, timeline] = [await question('Budget?'), await question('Timeline?')]
    const code = `M-${badge++}`
    await push('sam', [captureArgs(code, minutesAgo(30))])
    const id = (
      await server.db.query('SELECT id FROM leads WHERE sponsor_id = $1 AND badge_code = $2', [world.sponsorId, code])
    ).rows[0]!.id
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? patch(id, { qualifiers: { [budget]: `budget ${i}` } }, ria)
          : push('sam', [captureArgs(code, minutesAgo(20), { qualifiers: { [timeline]: `timeline ${i}` } })], {
              freshDevice: true,
            }),
      ),
    )
    expect(Object.keys((await lead(id)).qualifiers).sort()).toEqual([budget, timeline].sort())
  })

  it('follows the same rules over REST: notes append, only the author edits, an earlier change loses with a notice', async () => {
    const id = await newLead()
    const first = await patch(id, { add_note: { id: randomUUID(), text: 'From the web' } }, ria)
    expect(first.status).toBe(200)
    const legacy = await patch(id, { notes: 'Old client text' }, sam)
    expect(legacy.status).toBe(200)
    expect(legacy.body.notes).toBe('From the web\n\nOld client text')
    expect(legacy.body.note_entries).toHaveLength(2)
    const riasNote = first.body.note_entries[0].id
    const refused = await patch(id, { edit_note: { id: riasNote, text: 'Overwritten' } }, sam)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('not-your-note')
    expect((await patch(id, { edit_note: { id: riasNote, text: 'From the web, edited' } }, ria)).body.notes).toBe(
      'From the web, edited\n\nOld client text',
    )

    expect((await patch(id, { starred: true }, ria)).body.is_starred).toBe(true)
    const stale = await patch(id, { starred: false, edited_at: minutesAgo(10) }, sam)
    expect(stale.status).toBe(200)
    expect(stale.body.is_starred).toBe(true)
    expect(stale.body.notices).toEqual([
      { code: 'field-superseded', field: 'is_starred', message: expect.stringContaining('Ria Ray') },
    ])
    expect(stale.body.history.at(-1)).toMatchObject({
      field: 'is_starred',
      value: false,
      previous: true,
      by: sam.user.id,
      device_id: null,
      outcome: 'superseded',
    })
    expect(stale.body.field_meta.is_starred).toMatchObject({ by: ria.user.id, device_id: null })
  })
})
