import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { openReplica, type Replica } from '../../../../electron/core/db/replica'
import { replicaMigrations } from '../../../../electron/core/db/migrations'
import { LeadReviewStore } from '../../../../electron/core/db/lead-review-store'
import type { LeadPageArgs } from '../../../../shared/desktop-api'

const sponsorA = randomUUID()
const sponsorB = randomUUID()
const event = randomUUID()

function lead(sponsorId: string, name: string, extra: Record<string, unknown> = {}) {
  const id = randomUUID()
  return {
    id,
    sponsor_id: sponsorId,
    event_id: event,
    name,
    email: null,
    company: null,
    badge_code: null,
    intent_score: 10,
    intent_level: 'cold',
    interactions: [{ type: 'booth_visit', points: 10 }],
    captured_by_name: null as string | null,
    notes: null,
    is_starred: false,
    is_archived: false,
    follow_up_status: 'new',
    last_captured_at: '2026-05-01T10:00:00.000Z',
    ...extra,
  }
}

function put(db: Replica, row: ReturnType<typeof lead>) {
  db.prepare(
    'INSERT INTO leads (id, sponsor_id, event_id, row_json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET row_json = excluded.row_json',
  ).run(row.id, row.sponsor_id, row.event_id, JSON.stringify(row))
}

describe('lead review over the replica', () => {
  let db: Replica
  let store: LeadReviewStore
  const page = (args: Partial<LeadPageArgs> = {}) =>
    store.page({ sponsorId: sponsorA, archived: 'active', sort: 'recent', offset: 0, limit: 50, ...args })
  const names = (args: Partial<LeadPageArgs> = {}) => page(args).rows.map((row) => row.name)

  beforeEach(() => {
    db = openReplica(':memory:')
    store = new LeadReviewStore(db)
    put(
      db,
      lead(sponsorA, 'Erin Early', {
        company: 'Early Inc',
        email: 'erin@example.com',
        badge_code: 'E-100',
        intent_score: 80,
        intent_level: 'hot',
        last_captured_at: '2026-05-01T10:03:00.000Z',
        is_starred: true,
        interactions: [
          { type: 'demo_request', points: 30 },
          { type: 'direct_request', points: 35 },
          { type: 'repeat_visit', points: 5 },
          { type: 'booth_visit', points: 10 },
        ],
        captured_by_name: 'Rae Review',
      }),
    )
    put(
      db,
      lead(sponsorA, 'Evan Eager', {
        email: 'evan@example.com',
        badge_code: 'E-200',
        intent_score: 45,
        intent_level: 'warm',
        last_captured_at: '2026-05-01T10:02:00.000Z',
        notes: 'Wants 50% off (maybe) "soon"',
        interactions: [
          { type: 'demo_request', points: 30 },
          { type: 'content_view', points: 5 },
          { type: 'booth_visit', points: 10 },
        ],
      }),
    )
    put(
      db,
      lead(sponsorA, 'ada Archived', {
        company: 'Old Co',
        is_archived: true,
        last_captured_at: '2026-05-01T10:01:00.000Z',
      }),
    )
    put(db, lead(sponsorB, 'Erin Elsewhere', { company: 'Early Inc', intent_level: 'hot', intent_score: 90 }))
  })

  it('shows the active leads newest first, and the archived ones in their own view', () => {
    expect(names()).toEqual(['Erin Early', 'Evan Eager'])
    expect(names({ archived: 'archived' })).toEqual(['ada Archived'])
    expect(names({ archived: 'all' })).toEqual(['Erin Early', 'Evan Eager', 'ada Archived'])
    expect(page({ archived: 'all' }).total).toBe(3)
  })

  it('sorts by score and by name, and filters by intent and star', () => {
    expect(names({ archived: 'all', sort: 'score' })).toEqual(['Erin Early', 'Evan Eager', 'ada Archived'])
    expect(names({ archived: 'all', sort: 'name' })).toEqual(['ada Archived', 'Erin Early', 'Evan Eager'])
    expect(names({ intentLevel: 'warm' })).toEqual(['Evan Eager'])
    expect(names({ starred: true })).toEqual(['Erin Early'])
  })

  it('answers the columns the table shows', () => {
    expect(page().rows[0]).toMatchObject({
      name: 'Erin Early',
      company: 'Early Inc',
      badgeCode: 'E-100',
      intentLevel: 'hot',
      intentScore: 80,
      isStarred: true,
      isArchived: false,
      followUpStatus: 'new',
      scoreExplanation: 'Demo request +30, Direct request +35, Repeat visit +5, Booth visit +10 = 80',
      representative: 'Rae Review',
    })
    // A row synced before the representative's name was sent has none (the table says so, not "null").
    expect(page().rows[1]).toMatchObject({
      name: 'Evan Eager',
      representative: null,
      scoreExplanation: 'Demo request +30, Content viewed +5, Booth visit +10 = 45',
    })
  })

  it('searches substrings of name, email, company, badge and notes, every word required', () => {
    expect(names({ q: 'early inc' })).toEqual(['Erin Early'])
    expect(names({ q: 'ARL' })).toEqual(['Erin Early'])
    expect(names({ q: 'e-2' })).toEqual(['Evan Eager'])
    expect(names({ q: 'evan@' })).toEqual(['Evan Eager'])
    expect(names({ q: 'er' })).toEqual(['Erin Early', 'Evan Eager'])
    expect(names({ q: 'erin  EXAMPLE.com' })).toEqual(['Erin Early'])
    expect(names({ q: 'old', archived: 'archived' })).toEqual(['ada Archived'])
    expect(names({ q: 'nobody' })).toEqual([])
  })

  it('takes FTS syntax and LIKE wildcards the user types as plain text', () => {
    expect(names({ q: '50%' })).toEqual(['Evan Eager'])
    expect(names({ q: '"soon"' })).toEqual(['Evan Eager'])
    expect(names({ q: '(maybe)' })).toEqual(['Evan Eager'])
    for (const q of ['"', '*', 'NOT', 'a OR b', 'name:erin', '^er', '%', '_', '\\', '""*"', 'NEAR(a b)', '-x']) {
      expect(() => page({ q })).not.toThrow()
    }
    expect(names({ q: '%' })).toEqual(['Evan Eager'])
    expect(names({ q: '_' })).toEqual([])
  })

  it('never shows another sponsor’s leads', () => {
    expect(names({ q: 'erin', archived: 'all' })).toEqual(['Erin Early'])
    expect(page({ sponsorId: sponsorB, archived: 'all' }).rows.map((row) => row.name)).toEqual(['Erin Elsewhere'])
    const other = db.prepare('SELECT id FROM leads WHERE sponsor_id = ?').get(sponsorB) as { id: string }
    expect(store.detail(sponsorA, other.id)).toBeNull()
    expect(store.detail(sponsorB, other.id)).toMatchObject({ name: 'Erin Elsewhere' })
  })

  it('pages through many leads in a stable order, with searches selective and dense', () => {
    db.transaction(() => {
      for (let i = 0; i < 3000; i++)
        put(
          db,
          lead(sponsorA, `Bulk ${String(i).padStart(4, '0')}`, {
            last_captured_at: '2026-04-01T00:00:00.000Z',
            badge_code: `BK${i}`,
          }),
        )
    })()
    const seen: string[] = []
    for (let offset = 0; offset < 3002; offset += 200)
      seen.push(...page({ offset, limit: 200 }).rows.map((row) => row.id))
    expect(seen).toHaveLength(3002)
    expect(new Set(seen).size).toBe(3002)
    expect(page({ q: 'bulk' }).total).toBe(3000)
    expect(page({ q: 'bulk', sort: 'name', limit: 2 }).rows.map((row) => row.name)).toEqual(['Bulk 0000', 'Bulk 0001'])
    expect(page({ q: 'bk299', sort: 'name' }).rows.map((row) => row.name)).toEqual([
      'Bulk 0299',
      'Bulk 2990',
      'Bulk 2991',
      'Bulk 2992',
      'Bulk 2993',
      'Bulk 2994',
      'Bulk 2995',
      'Bulk 2996',
      'Bulk 2997',
      'Bulk 2998',
      'Bulk 2999',
    ])
    const twelve = Array.from({ length: 3000 }, (_, i) => i).filter(
      (i) => String(i).padStart(4, '0').includes('12') || `bk${i}`.includes('12'),
    )
    expect(page({ q: 'bulk 12', sort: 'name' }).total).toBe(twelve.length)
  })

  it('answers the rows without a costly total when asked to, the same rows as with it', () => {
    db.transaction(() => {
      for (let i = 0; i < 2500; i++)
        put(db, lead(sponsorA, `Many ${String(i).padStart(4, '0')}`, { last_captured_at: '2026-05-01T00:00:00.000Z' }))
    })()
    for (const q of [undefined, 'many', 'ma']) {
      const quick = page({ ...(q ? { q } : {}), sort: 'name', withTotal: false })
      expect(quick.total).toBeNull()
      const full = page({ ...(q ? { q } : {}), sort: 'name' })
      expect(quick.rows).toEqual(full.rows)
      expect(full.total).toBeGreaterThan(2000)
      // Once counted, the total is free and comes along.
      expect(page({ ...(q ? { q } : {}), sort: 'name', withTotal: false }).total).toBe(full.total)
    }
    expect(page({ q: 'many 0012', withTotal: false }).total).toBe(1)
  })

  it('keeps the search in step with edits and deletes', () => {
    const row = db.prepare(`SELECT id, row_json FROM leads WHERE name = 'Evan Eager'`).get() as {
      id: string
      row_json: string
    }
    put(db, { ...(JSON.parse(row.row_json) as ReturnType<typeof lead>), name: 'Evan Renamed' })
    expect(names({ q: 'eager' })).toEqual([])
    expect(names({ q: 'renamed' })).toEqual(['Evan Renamed'])
    db.prepare('DELETE FROM leads WHERE id = ?').run(row.id)
    expect(names({ q: 'renamed' })).toEqual([])
  })

  it('moves a searched lead between views when it is archived or restored', () => {
    const row = db.prepare(`SELECT row_json FROM leads WHERE name = 'Erin Early'`).get() as { row_json: string }
    const erin = JSON.parse(row.row_json) as ReturnType<typeof lead>
    expect(page({ q: 'early inc' }).total).toBe(1)
    put(db, { ...erin, is_archived: true })
    expect(names({ q: 'early inc' })).toEqual([])
    expect(names({ q: 'early inc', archived: 'archived' })).toEqual(['Erin Early'])
    expect(names({ q: 'er', archived: 'archived' })).toEqual(['Erin Early'])
    put(db, { ...erin, is_archived: false, is_starred: false })
    expect(names({ q: 'early inc' })).toEqual(['Erin Early'])
    expect(names({ q: 'early', starred: true })).toEqual([])
  })

  it('indexes the leads already in a replica when the migration runs', () => {
    const older = openReplica(':memory:', replicaMigrations.slice(0, 2))
    const row = lead(sponsorA, 'Pulled Before', { company: 'Legacy Ltd' })
    older
      .prepare('INSERT INTO leads (id, sponsor_id, event_id, row_json) VALUES (?, ?, ?, ?)')
      .run(row.id, row.sponsor_id, row.event_id, JSON.stringify(row))
    older.exec(replicaMigrations[2]!.sql)
    expect(
      new LeadReviewStore(older)
        .page({ sponsorId: sponsorA, archived: 'active', sort: 'recent', offset: 0, limit: 10, q: 'legacy' })
        .rows.map((r) => r.name),
    ).toEqual(['Pulled Before'])
    older.close()
  })
})
