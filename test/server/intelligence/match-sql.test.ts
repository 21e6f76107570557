import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrate } from '../../../server/db/migrate'
import { openDatabase } from '../../../server/db/open-database'
import type { Database } from '../../../server/db/database'
import {
  computeMatch,
  type AudienceInsights,
  type EventFacts,
  type SponsorTargeting,
} from '../../../server/intelligence/match-formula'
import { computeMatches } from '../../../server/intelligence/match-sql'
import { drainRecalcQueue, enqueueRecalc } from '../../../server/intelligence/recalc-queue'
import { describeBackends, createPostgresDatabase, type FreshDatabase } from '../../support/databases'
import { makeEvent, makeOrganizer, makeSponsor, noTargeting, plainEvent } from './intelligence-fixtures'

const sponsors: SponsorTargeting[] = [
  noTargeting,
  { ...noTargeting, annualBudgetCents: 0, preferredCategories: ['music'] },
  {
    ...noTargeting,
    annualBudgetCents: 5_000_000,
    preferredCategories: ['Music', 'food', 'art', 'music'],
    regions: ['US', 'ca', 'MX'],
    keywords: ['live music', 'festival'],
    goals: ['brand awareness'],
    interests: ['indie'],
  },
  {
    ...noTargeting,
    annualBudgetCents: 250_000,
    regions: ['TX'],
    keywords: ['startups', 'developer'],
    avoidTags: ['gambling'],
  },
]
const events: { facts: EventFacts; insights: AudienceInsights | null }[] = [
  { facts: plainEvent, insights: null },
  {
    facts: {
      ...plainEvent,
      title: 'Austin Music Festival',
      categories: ['music', 'Food'],
      country: 'US',
      region: 'TX',
      interests: ['indie rock'],
    },
    insights: { geoDistribution: { US: 70, CA: 20, DE: 10 }, engagementScore: 0.8, ticketConversionRate: 0.3 },
  },
  {
    facts: {
      ...plainEvent,
      title: 'Founders Summit',
      categories: ['technology'],
      country: 'US',
      region: 'TX',
      interests: ['startups'],
      brandSafetyTags: ['gambling'],
    },
    insights: { geoDistribution: {}, engagementScore: 0.4, ticketConversionRate: 0 },
  },
  { facts: { ...plainEvent, title: 'Kunstmesse', categories: ['art'], country: 'DE' }, insights: null },
]

describeBackends('set-based match computation on %s', (backend) => {
  let db: Database
  let fresh: FreshDatabase | undefined
  const sponsorIds: string[] = []
  const eventIds: string[] = []
  beforeAll(async () => {
    fresh = backend === 'postgres' ? await createPostgresDatabase() : undefined
    db = await openDatabase({ databaseUrl: fresh?.url, dataDir: 'memory://' })
    await migrate(db)
    const organizer = await makeOrganizer(db)
    for (const [i, s] of sponsors.entries()) sponsorIds.push((await makeSponsor(db, s, `Sponsor ${i}`)).sponsorId)
    for (const e of events) eventIds.push(await makeEvent(db, organizer, e.facts, e.insights))
  })
  afterAll(async () => {
    await db.close()
    await fresh?.drop()
  })

  it('writes every pair with the score and explanation of the reference formula', async () => {
    expect(await computeMatches(db, { all: true })).toBe(sponsors.length * events.length)
    const { rows } = await db.query<{
      event_id: string
      sponsor_id: string
      score: number
      overlap_metrics: Record<string, unknown>
      status: string
    }>('SELECT event_id, sponsor_id, score, overlap_metrics, status FROM sponsorship_matches')
    expect(rows).toHaveLength(sponsors.length * events.length)
    for (const row of rows) {
      const s = sponsors[sponsorIds.indexOf(row.sponsor_id)]!
      const e = events[eventIds.indexOf(row.event_id)]!
      const expected = computeMatch(s, e.facts, e.insights)
      expect(row.score).toBeCloseTo(expected.score, 6)
      const m = row.overlap_metrics as unknown as typeof expected.overlapMetrics
      expect(m.budget_fit).toBeCloseTo(expected.overlapMetrics.budget_fit, 9)
      expect(m.audience_overlap.categories).toBeCloseTo(expected.overlapMetrics.audience_overlap.categories, 9)
      expect(m.audience_overlap.geo).toBeCloseTo(expected.overlapMetrics.audience_overlap.geo, 9)
      expect(m.geo_fit).toBeCloseTo(expected.overlapMetrics.geo_fit, 9)
      expect(m.engagement_quality).toBeCloseTo(expected.overlapMetrics.engagement_quality, 9)
      expect(m.objectives_similarity).toBeCloseTo(expected.overlapMetrics.objectives_similarity, 6)
      expect(m.brand_safe).toBe(expected.overlapMetrics.brand_safe)
      expect(row.status).toBe(expected.score >= 0.5 ? 'suggested' : 'pending')
    }
  })

  it('feeds the queue from profile, insight and event changes and drains it in one pass', async () => {
    await db.query('DELETE FROM fit_recalc_queue')
    await db.query('UPDATE sponsor_profiles SET annual_budget_cents = 900000 WHERE sponsor_id = $1', [sponsorIds[1]])
    await db.query('UPDATE sponsor_profiles SET annual_budget_cents = 800000 WHERE sponsor_id = $1', [sponsorIds[1]])
    await db.query('UPDATE event_audience_insights SET engagement_score = 0.1 WHERE event_id = $1', [eventIds[1]])
    await db.query(`UPDATE events SET title = 'Kunstmesse Berlin' WHERE id = $1`, [eventIds[3]])
    const queued = await db.query(
      'SELECT event_id, sponsor_id, reason FROM fit_recalc_queue WHERE processed_at IS NULL ORDER BY id',
    )
    expect(queued.rows).toEqual([
      { event_id: null, sponsor_id: sponsorIds[1], reason: 'profile_update' },
      { event_id: eventIds[1], sponsor_id: null, reason: 'insights_update' },
      { event_id: eventIds[3], sponsor_id: null, reason: 'event_update' },
    ])
    const drained = await drainRecalcQueue(db)
    expect(drained.processed).toBe(3)
    // sponsor 1 × 4 events, events 1 and 3 × 4 sponsors, minus the two pairs both cover
    expect(drained.pairs).toBe(4 + 4 + 4 - 2)
    const budget = await db.query<{ b: number }>(
      `SELECT (overlap_metrics->>'budget_fit')::float8 AS b FROM sponsorship_matches WHERE sponsor_id = $1 LIMIT 1`,
      [sponsorIds[1]],
    )
    expect(budget.rows[0]!.b).toBeCloseTo(800000 / 900000, 9)
    expect((await drainRecalcQueue(db)).processed).toBe(0)
  })

  it('keeps one pending row per target and never overwrites a decided status', async () => {
    expect(
      await enqueueRecalc(
        db,
        [
          { eventId: eventIds[0]!, sponsorId: null },
          { eventId: eventIds[0]!, sponsorId: null },
        ],
        'test',
      ),
    ).toBe(1)
    await db.query(`UPDATE sponsorship_matches SET status = 'rejected' WHERE event_id = $1`, [eventIds[0]])
    await drainRecalcQueue(db)
    const statuses = await db.query('SELECT DISTINCT status FROM sponsorship_matches WHERE event_id = $1', [
      eventIds[0],
    ])
    expect(statuses.rows).toEqual([{ status: 'rejected' }])
  })
})
