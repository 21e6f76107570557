// Lead review in Chromium through the web host (issue 12 defect 4 and 5): a dense sortable table with capture
// time, badge, representative and the score's explanation in words; star and archive with Undo and an archived
// view; keyboard operation; export as a browser download (nothing written on the host); 10,000 leads virtualised.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { openReplica } from '../../electron/core/db/replica'
import { SyncStore } from '../../electron/core/db/sync-store'
import type { Change } from '../../shared/sync/sync-protocol'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { launchChromium } from '../support/browser'
import { startTestServer, type TestServer } from '../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../support/lead-fixtures'

const rendererDir = resolve('out/renderer')

describe('lead review in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let world: SponsorWorld
  const desks: { core: DesktopCore; host: WebHost; dataDir: string }[] = []

  async function desk(): Promise<{ core: DesktopCore; host: WebHost; dataDir: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'yp-e2e-leads-'))
    const core = new DesktopCore({ dataDir, defaultServerUrl: server.url })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    desks.push({ core, host, dataDir })
    return { core, host, dataDir }
  }

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite', env: { LEAD_CAPTURES_PER_MINUTE: '10000' } })
    world = await sponsorWorld(server.url, 'Review Co')
    const rae = await representative(server.url, server.db, world, 'representative', 'Rae Review')
    const sam = await representative(server.url, server.db, world, 'representative', 'Sam Second')
    await addAttendees(server.url, world, [
      {
        badge_code: 'A-1',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        company: 'Analytical',
        consent_to_share: true,
      },
      { badge_code: 'A-2', name: 'Ben Bitdiddle', email: 'ben@example.com', company: 'MIT', consent_to_share: true },
      { badge_code: 'A-3', name: 'Cy Coder', email: 'cy@example.com', consent_to_share: true },
    ])
    await capturer(server.url, world, rae)({ badge_code: 'A-1', interaction: 'demo_request' })
    await capturer(server.url, world, rae)({ badge_code: 'A-1', interaction: 'direct_request' })
    await capturer(server.url, world, sam)({ badge_code: 'A-2', interaction: 'booth_visit' })
    await capturer(server.url, world, rae)({ badge_code: 'A-3', interaction: 'content_download' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    for (const { core, host } of desks) {
      await host.close()
      await core.close()
    }
    await server?.close()
  })

  const names = (page: Page) => page.getByRole('table', { name: 'Leads' }).getByRole('rowheader').allInnerTexts()

  it(
    'reviews leads in a dense sortable table, with star, archive and Undo by mouse and keyboard, and exports as a download',
    { timeout: 120_000 },
    async () => {
      const { core, host, dataDir } = await desk()
      await core.invoke('session-login', {
        serverUrl: server.url,
        email: world.sponsorOwner.user.email,
        password: world.sponsorOwner.password,
      })
      await core.syncNow()
      const page = await browser.newPage({ viewport: { width: 1366, height: 800 } })
      await page.goto(`${host.url}/#/leads`)
      const table = page.getByRole('table', { name: 'Leads' })
      await expect
        .poll(() => names(page).then((list) => [...list].sort()), { timeout: 20_000 })
        .toEqual(['Ada Lovelace', 'Ben Bitdiddle', 'Cy Coder'])
      expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
        'Captured',
        'Name',
        'Company',
        'Badge',
        'Representative',
        'Score',
        'Follow-up',
        'Actions',
      ])

      const ada = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ada Lovelace' }) })
      expect(await ada.innerText()).toMatch(/A-1[\s\S]*Rae Review[\s\S]*70[\s\S]*Hot[\s\S]*New/)
      expect(await table.getByRole('row').filter({ hasText: 'Ben Bitdiddle' }).innerText()).toMatch(/Sam Second/)
      // The score explains itself in words on hover; nothing reads "()".
      await ada.getByText('Hot').hover()
      await page
        .getByRole('tooltip')
        .filter({ hasText: 'Demo request +30, Direct request +35, Repeat visit +5 = 70' })
        .waitFor()
      expect(await table.innerText()).not.toContain('()')

      // Sorting: by score (highest first), by name (A to Z).
      await table.getByRole('button', { name: 'Score' }).click()
      await expect.poll(() => names(page), { timeout: 10_000 }).toEqual(['Ada Lovelace', 'Cy Coder', 'Ben Bitdiddle'])
      expect(await table.getByRole('columnheader', { name: 'Score' }).getAttribute('aria-sort')).toBe('descending')
      await table.getByRole('button', { name: 'Name' }).click()
      await expect.poll(() => names(page), { timeout: 10_000 }).toEqual(['Ada Lovelace', 'Ben Bitdiddle', 'Cy Coder'])

      // Keyboard: into the rows, down one, Enter opens the lead; S stars it (with Undo).
      await table.getByRole('row').nth(1).focus()
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Enter')
      const detail = page.getByRole('complementary', { name: 'Lead Ben Bitdiddle' })
      await detail.getByText('Booth visit +10 = 10').waitFor()
      await page.keyboard.press('s')
      await page.getByRole('status').filter({ hasText: 'Starred Ben Bitdiddle.' }).waitFor()
      await expect
        .poll(() => table.getByRole('button', { name: 'Star Ben Bitdiddle' }).getAttribute('aria-pressed'))
        .toBe('true')
      // S acts on the row the keyboard is on (Cy), not on the open lead (Ben); Undo puts it back.
      await table.getByRole('row').nth(3).focus()
      await page.keyboard.press('s')
      const starredCy = page.getByRole('status').filter({ hasText: 'Starred Cy Coder.' })
      await starredCy.waitFor()
      expect(await table.getByRole('button', { name: 'Star Ben Bitdiddle' }).getAttribute('aria-pressed')).toBe('true')
      await starredCy.getByRole('button', { name: 'Undo' }).click()
      await expect
        .poll(() => table.getByRole('button', { name: 'Star Cy Coder' }).getAttribute('aria-pressed'))
        .toBe('false')
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'leads')

      // Archive from the row: gone from Active at once, back with Undo; archived ones have their own view.
      await table.getByRole('button', { name: 'Archive Ada Lovelace' }).click()
      const archived = page.getByRole('status').filter({ hasText: 'Archived Ada Lovelace.' })
      await expect.poll(() => names(page), { timeout: 10_000 }).toEqual(['Ben Bitdiddle', 'Cy Coder'])
      await archived.getByRole('button', { name: 'Undo' }).click()
      await expect.poll(() => names(page), { timeout: 10_000 }).toEqual(['Ada Lovelace', 'Ben Bitdiddle', 'Cy Coder'])
      await table.getByRole('button', { name: 'Archive Ada Lovelace' }).click()
      await expect.poll(() => names(page), { timeout: 10_000 }).toEqual(['Ben Bitdiddle', 'Cy Coder'])
      await page.getByRole('radio', { name: 'Archived' }).check()
      await expect.poll(() => names(page), { timeout: 10_000 }).toEqual(['Ada Lovelace'])
      await page.getByRole('radio', { name: 'Active' }).check()

      // Export: a browser download of the CSV, not a file on the host's disk.
      const downloading = page.waitForEvent('download')
      await page.getByRole('button', { name: 'Export CSV' }).click()
      const download = await downloading
      expect(download.suggestedFilename()).toMatch(/^leads-review-co-org-\d{4}-\d{2}-\d{2}\.csv$/)
      const csv = readFileSync((await download.path())!, 'utf8')
      expect(csv).toContain('Ben Bitdiddle')
      expect(existsSync(join(dataDir, 'exports'))).toBe(false)
      expect(await page.getByText(dataDir).count()).toBe(0)

      // On a booth laptop's 1024×600, with a lead open, the score and each row's star and archive stay on screen.
      await page.setViewportSize({ width: 1024, height: 600 })
      await table.getByRole('button', { name: 'Ben Bitdiddle', exact: true }).click()
      await page.getByRole('complementary', { name: 'Lead Ben Bitdiddle' }).waitFor()
      const right = async (locator: ReturnType<typeof page.getByRole>) => {
        const box = (await locator.boundingBox())!
        return box.x + box.width
      }
      const tableRight = await right(table)
      expect(await right(table.getByRole('columnheader', { name: 'Score' }))).toBeLessThanOrEqual(tableRight)
      expect(await right(table.getByRole('button', { name: 'Star Ben Bitdiddle' }))).toBeLessThanOrEqual(tableRight)
      expect(await right(table.getByRole('button', { name: 'Archive Ben Bitdiddle' }))).toBeLessThanOrEqual(tableRight)
      expect(await seriousViolations(page)).toEqual([])
    },
  )

  it('scrolls 10,000 leads with only the rows in view in the page', { timeout: 120_000 }, async () => {
    const big = await sponsorWorld(server.url, 'Big Booth')
    const rep = await representative(server.url, server.db, big, 'representative', 'Many Leads')
    const { core, host, dataDir } = await desk()
    await core.invoke('session-login', { serverUrl: server.url, email: rep.user.email, password: rep.password })
    await core.syncNow()
    // Written as a pull writes them, through the replica's sync store.
    const replica = openReplica(join(dataDir, 'replica.sqlite'))
    const store = new SyncStore(replica)
    const total = 10_000
    const changes: Change[] = Array.from({ length: total }, (_, i) => {
      const at = new Date(Date.UTC(2027, 2, 1) + i * 1000).toISOString()
      const row = {
        id: randomUUID(),
        sponsor_id: big.sponsorId,
        event_id: big.eventId,
        attendee_id: null,
        badge_code: `B-${String(i).padStart(5, '0')}`,
        is_manual: false,
        name: `Visitor ${String(i).padStart(5, '0')}`,
        email: null,
        company: null,
        title: null,
        phone: null,
        consent: { source: 'attendee_directory', confirmed_by: null, confirmed_at: at },
        intent_score: 10,
        intent_level: 'cold',
        interactions: [{ type: 'booth_visit', points: 10, at, captured_by: null }],
        qualifiers: {},
        notes: null,
        note_entries: [],
        field_meta: {},
        history: [],
        is_starred: false,
        is_archived: false,
        follow_up_status: 'new',
        captured_by: null,
        captured_by_name: 'Many Leads',
        capture_count: 1,
        first_captured_at: at,
        last_captured_at: at,
        updated_at: at,
      }
      return { version: i + 1, table: 'leads', op: 'upsert', id: row.id, row }
    })
    store.applyChanges(changes, store.cursor())
    replica.close()

    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } })
    await page.goto(`${host.url}/#/leads`)
    const table = page.getByRole('table', { name: 'Leads' })
    await page.getByText('10,000 leads').waitFor({ timeout: 30_000 })
    expect(await table.getAttribute('aria-rowcount')).toBe(String(total + 1))
    expect(await table.getByRole('row').count()).toBeLessThan(80)
    await expect.poll(() => names(page).then((list) => list[0])).toBe('Visitor 09999')
    // End jumps to the oldest capture; the rows in the page stay few.
    await table.getByRole('row').nth(1).focus()
    await page.keyboard.press('End')
    await table.getByRole('rowheader', { name: 'Visitor 00000' }).waitFor()
    expect(await table.getByRole('row').count()).toBeLessThan(80)
    expect(await seriousViolations(page)).toEqual([])
  })
})
