// Issue 16 in the desktop, in Chromium through the web host, against a real server on Postgres (PGlite without TEST_DATABASE_URL): the organizer's
// event page shows the audience the pipeline measured (impressions, views and ticket activity ingested with an API
// key through the real routes, then the hourly roll-up) and the recommended sponsor with its five parts as the
// server computed them; feedback and a prefilled proposal land in the database. The sponsor sees the event
// recommended in its marketplace, records feedback there, and edits its matching preferences. axe-core finds no
// serious or critical violation on each screen.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator } from 'playwright-core'
import { api } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { launchChromium } from '../support/browser'
import { as, buyer, commerceWorld, type Buyer, type CommerceWorld } from '../support/commerce-fixtures'
import { testDatabaseUrl } from '../support/databases'
import { Desks, rendererDir } from '../support/desk'
import { startTestServer, type TestServer } from '../support/test-server'
import { runStatsRollup } from '../../server/intelligence/stats-rollup'
import { drainRecalcQueue } from '../../server/intelligence/recalc-queue'
import { matchPartTerms, matchParts } from '../../shared/intelligence/match-terms'
import type { OverlapMetrics } from '../../shared/intelligence/intelligence-commands'

const targeting = {
  industry: 'Developer tools',
  company_size: '51-200',
  annual_budget_cents: 5_000_000,
  brand_objectives: { keywords: ['startups', 'founders'], goals: ['developer adoption'] },
  target_audience: { age_buckets: ['25-34'], interests: ['saas'] },
  preferred_categories: ['Technology'],
  regions: ['US', 'TX'],
  activation_preferences: { avoid_tags: ['gambling'] },
}

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`
const partOf = (m: OverlapMetrics, part: (typeof matchParts)[number]) =>
  part === 'audience_overlap' ? m.audience_overlap.score : m[part]

/** Each part's value as the screen says it ("98 % (strong, …)"), read from the breakdown list. */
async function partsOnScreen(card: Locator, name: string) {
  const breakdown = card.locator(`dl[aria-label="Why ${name} matches"]`)
  const shown: Record<string, string> = {}
  for (const part of matchParts) {
    const row = breakdown.locator(`[data-part="${part}"]`)
    shown[await row.locator('dt').innerText()] = (await row.locator('dd p').first().innerText()).split(' (')[0]!
  }
  return shown
}

describe('recommendations, feedback and targeting in the desktop, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let desks: Desks
  let world: CommerceWorld
  let fit: Buyer

  const sponsorMatch = async () =>
    (await api(server.url, 'GET', `/v1/events/${world.eventId}/sponsor-recommendations`, as(world.organizer))).body
      .data[0]
  const matchRow = async () =>
    (
      await server.db.query<{ id: string; status: string; viewed_at: Date | null; contacted_at: Date | null }>(
        'SELECT id, status, viewed_at, contacted_at FROM sponsorship_matches WHERE event_id = $1 AND sponsor_id = $2',
        [world.eventId, fit.sponsorId],
      )
    ).rows[0]!
  const feedbackRows = async (side: string) =>
    (
      await server.db.query<{ useful: boolean; reason: string | null }>(
        'SELECT useful, reason FROM match_feedback WHERE side = $1 ORDER BY created_at',
        [side],
      )
    ).rows

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    // Postgres when the run has one (TEST_DATABASE_URL), else PGlite.
    server = await startTestServer({ backend: testDatabaseUrl ? 'postgres' : 'pglite' })
    world = await commerceWorld(server.url)
    fit = await buyer(server.url, 'Devtools Inc')
    const patched = await api(server.url, 'PATCH', `/v1/sponsors/${fit.sponsorId}/profile`, {
      ...as(fit.owner),
      body: targeting,
    })
    expect(patched.status).toBe(200)
    // The organizer's backend sends its audience with an API key, as in production.
    const key = (
      await api(server.url, 'POST', `/v1/organizations/${world.organizer.orgId}/api-keys`, {
        ...as(world.organizer),
        body: { name: 'Ticketing' },
      })
    ).body.key as string
    const ingest = async (path: string, rows: unknown[]) => {
      const r = await api(server.url, 'POST', `/v1/events/${world.eventId}/${path}`, {
        headers: { authorization: `Bearer ${key}` },
        body: { batch_id: path, rows },
      })
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300)
    }
    await ingest('impressions', [
      ...Array.from({ length: 6 }, () => ({ country: 'US', age_bucket: '25-34' })),
      ...Array.from({ length: 2 }, () => ({ country: 'CA', age_bucket: '18-24' })),
    ])
    await ingest('post-views', [{ dwell_ms: 20_000, watch_percentage: 80 }])
    await ingest('ticket-analytics', [
      { interaction_type: 'ticket_open', quantity: 4 },
      { interaction_type: 'ticket_purchase', quantity: 1 },
    ])
    // The hourly roll-up and the 5-minute recalculation worker, run now.
    await runStatsRollup(server.db)
    await drainRecalcQueue(server.db)
    expect(await sponsorMatch()).toBeTruthy()
    browser = await launchChromium()
    desks = new Desks(
      () => server.url,
      () => browser,
    )
  })
  afterAll(async () => {
    await desks?.close()
    await browser?.close()
    await server?.close()
  })

  it('shows the organizer the audience and the recommended sponsor in five parts; feedback and a proposal land', async () => {
    const expected = await sponsorMatch()
    const { page } = await desks.page(world.organizer, `/events/${world.eventId}`)
    const audience = page.getByRole('region', { name: 'Audience', exact: true })
    const insights = audience.locator('dl[aria-label="Audience insights"]')
    await insights.waitFor()
    expect(await insights.innerText()).toMatch(/Where the audience is\s+US 75 %, CA 25 %/)
    expect(await insights.innerText()).toMatch(/Ticket conversion\s+25 %/)
    expect(await audience.locator('dl[aria-label="Latest audience figures"]').innerText()).toMatch(
      /Impressions in all\s+8/,
    )

    const card = page.getByRole('article', { name: 'Devtools Inc Org' })
    await card.waitFor()
    await card.getByText(`Match ${percent(expected.score)}`).waitFor()
    const shown = await partsOnScreen(card, 'Devtools Inc Org')
    expect(shown).toEqual(
      Object.fromEntries(
        matchParts.map((part) => [matchPartTerms[part].label, percent(partOf(expected.overlap_metrics, part))]),
      ),
    )
    // The parts differ, so a mix-up between them shows.
    expect(new Set(Object.values(shown)).size).toBeGreaterThanOrEqual(4)
    expect(await seriousViolations(page)).toEqual([])

    await card.getByRole('button', { name: 'Mark as seen' }).click()
    await card.getByRole('button', { name: 'Mark as seen', pressed: true }).waitFor()
    expect((await matchRow()).viewed_at).not.toBeNull()
    await card.getByRole('button', { name: 'Useful', exact: true }).click()
    await card.getByRole('status').filter({ hasText: 'you said this suggestion was useful' }).waitFor()
    expect(await feedbackRows('organizer')).toEqual([{ useful: true, reason: null }])

    await card.getByRole('button', { name: 'Send a proposal' }).click()
    const dialog = page.getByRole('dialog', { name: 'Send a proposal to Devtools Inc Org' })
    await dialog.getByLabel('Message').waitFor()
    expect(await dialog.getByLabel('Message').inputValue()).toContain(
      'Hello Devtools Inc Org, we think Founders Summit',
    )
    expect(await dialog.getByLabel('Package').inputValue()).toBe(world.packageId)
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: 'Send proposal' }).click()
    await page.getByRole('article', { name: 'Proposal thread' }).waitFor()
    const threads = await server.db.query<{ status: string; created_by_side: string }>(
      'SELECT status, created_by_side FROM proposal_threads WHERE sponsor_id = $1 AND package_id = $2',
      [fit.sponsorId, world.packageId],
    )
    expect(threads.rows).toEqual([{ status: 'sent', created_by_side: 'organizer' }])
    expect((await matchRow()).contacted_at).not.toBeNull()
  })

  it('recommends the event to the sponsor in its marketplace, and records its feedback', async () => {
    const { page } = await desks.page(fit.owner, '/packages')
    const expected = (
      await api(server.url, 'GET', `/v1/sponsors/${fit.sponsorId}/event-recommendations`, as(fit.owner))
    ).body.data[0]
    const section = page.getByRole('region', { name: 'Recommended events', exact: true })
    const card = section.getByRole('article', { name: 'Founders Summit' })
    await card.waitFor()
    await card.getByText(`Match ${percent(expected.score)}`).waitFor()
    await card.getByText('1 package on sale, from $1,500.00').waitFor()
    expect(await partsOnScreen(card, 'Founders Summit')).toEqual(
      Object.fromEntries(
        matchParts.map((part) => [matchPartTerms[part].label, percent(partOf(expected.overlap_metrics, part))]),
      ),
    )
    expect(await seriousViolations(page)).toEqual([])
    // From the keyboard: the buttons are real buttons.
    await card.getByRole('button', { name: 'Good fit' }).focus()
    await page.keyboard.press('Enter')
    await card.getByRole('button', { name: 'Good fit', pressed: true }).waitFor()
    expect((await matchRow()).status).toBe('accepted')
    await card.getByLabel('Why not (optional)').selectOption({ label: 'Places' })
    await card.getByRole('button', { name: 'Not useful' }).click()
    await card.getByRole('status').filter({ hasText: 'not useful' }).waitFor()
    expect(await feedbackRows('sponsor')).toEqual([{ useful: false, reason: 'geography' }])
  })

  it('edits the matching preferences on the sponsor profile', async () => {
    const { page } = await desks.page(fit.owner, '/profile')
    page.setDefaultTimeout(10_000)
    const form = page.getByRole('form', { name: 'Matching preferences' })
    await form.getByLabel('Industry').waitFor()
    expect(await form.getByLabel('Industry').inputValue()).toBe('Developer tools')
    expect(await seriousViolations(page)).toEqual([])
    await form.getByLabel('Industry').fill('Cloud software')
    await form.getByLabel('Company size').selectOption({ label: '201 to 1,000 people' })
    await form.getByLabel('Yearly sponsorship budget (USD)').fill('80000')
    for (const [label, word] of [
      ['Keywords', 'cloud'],
      ['Regions', 'CA'],
      ['Audience age groups', '35-44'],
      ['Topics to stay away from', 'tobacco'],
    ] as const) {
      await form.getByLabel(label, { exact: true }).fill(word)
      await form.getByLabel(label, { exact: true }).press('Enter')
    }
    await form.getByRole('button', { name: 'Save matching preferences' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved your matching preferences' }).waitFor()
    const saved = (
      await server.db.query(
        `SELECT industry, company_size, annual_budget_cents::float8 AS budget, brand_objectives, target_audience, regions,
           activation_preferences FROM sponsor_profiles WHERE sponsor_id = $1`,
        [fit.sponsorId],
      )
    ).rows[0]
    expect(saved).toEqual({
      industry: 'Cloud software',
      company_size: '201-1000',
      budget: 8_000_000,
      brand_objectives: { keywords: ['startups', 'founders', 'cloud'], goals: ['developer adoption'] },
      target_audience: { age_buckets: ['25-34', '35-44'], interests: ['saas'] },
      regions: ['US', 'TX', 'CA'],
      activation_preferences: { avoid_tags: ['gambling', 'tobacco'] },
    })
  })
})
