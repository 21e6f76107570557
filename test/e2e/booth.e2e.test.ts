// Booth mode in Chromium through the web host: captures made while the server is down are saved on the
// device ("pending"), reach the server when it is back ("synced"), and show up in lead review.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import type { SignedUp } from '../support/api-client'
import { launchChromium } from '../support/browser'
import { screenshot } from '../support/screenshots'
import { backends } from '../support/databases'
import { startTestServer, type TestServer } from '../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees, representative } from '../support/lead-fixtures'
import { seriousViolations } from '../support/axe'
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy'

const rendererDir = resolve('out/renderer')
// On Postgres the server really stops and a new one starts on the same database; PGlite lives in memory, so there the network is cut instead.
const backend = backends.at(-1)!

describe(`booth mode in Chromium (${backend})`, () => {
  let server: TestServer & { databaseUrl?: string }
  let original: (TestServer & { databaseUrl?: string }) | undefined
  let proxy: CuttableProxy
  let core: DesktopCore
  let host: WebHost
  let browser: Browser
  let world: SponsorWorld
  let rep: SignedUp

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend })
    proxy = await startCuttableProxy(server.url)
    world = await sponsorWorld(server.url, 'Booth Co')
    rep = await representative(server.url, server.db, world, 'representative', 'Rae Booth')
    await addAttendees(server.url, world, [
      {
        badge_code: 'E-100',
        name: 'Erin Early',
        email: 'erin@example.com',
        company: 'Early Inc',
        consent_to_share: true,
      },
      { badge_code: 'E-200', name: 'Evan Eager', email: 'evan@example.com', consent_to_share: true },
      { badge_code: 'E-300', name: 'Nora Private', email: 'nora@example.com', consent_to_share: false },
    ])
    core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-booth-e2e-')),
      defaultServerUrl: proxy.url,
      sync: { minDelayMs: 200, maxDelayMs: 1000 },
    })
    host = await startWebHost({ core, rendererDir, port: 0 })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await core?.close()
    await proxy?.close()
    await server?.close()
    await original?.dropDatabase?.()
  })

  async function stopServer() {
    if (backend === 'postgres') await server.app.close()
    else proxy.cut()
  }
  async function startServer() {
    if (backend === 'postgres') {
      original = server
      server = await startTestServer({ backend, databaseUrl: original.databaseUrl! })
      proxy.retarget(server.url)
      // The first instance's database stays (dropped after the test); only its pool goes now.
      await original.db.close()
    } else proxy.restore()
  }

  it('captures with the server stopped, then syncs and shows the leads for review', { timeout: 90_000 }, async () => {
    const page = await browser.newPage()
    await page.goto(host.url)
    await page.getByLabel('Email').fill(rep.user.email)
    await page.getByLabel('Password').fill(rep.password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('link', { name: 'Booth' }).click()
    await page.getByLabel('Sponsor', { exact: true }).selectOption({ label: 'Booth Co Org' })
    await page.getByLabel('Event', { exact: true }).selectOption({ index: 0 })
    await page.getByText('2 attendees on this device').waitFor()

    await stopServer()
    const scan = page.getByLabel('Badge code')
    // A keyboard-wedge scanner types the code in a burst, then Enter.
    await scan.pressSequentially('E-100', { delay: 5 })
    await scan.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Saved on this device: Erin Early' }).waitFor()
    await scan.pressSequentially('E-200', { delay: 5 })
    await scan.press('Enter')
    const recent = page.getByRole('list', { name: 'Recent captures' }).getByRole('listitem')
    await expect
      .poll(() => recent.allInnerTexts())
      .toEqual([expect.stringMatching(/Evan Eager.*pending/is), expect.stringMatching(/Erin Early.*pending/is)])
    await page.getByText(/Offline — captures are saved on this device/).waitFor()

    await startServer()
    await expect
      .poll(() => recent.allInnerTexts(), { timeout: 20_000 })
      .toEqual([expect.stringMatching(/synced/i), expect.stringMatching(/synced/i)])
    const stored = await server.db.query('SELECT badge_code FROM leads WHERE sponsor_id = $1 ORDER BY badge_code', [
      world.sponsorId,
    ])
    expect(stored.rows.map((r) => r.badge_code)).toEqual(['E-100', 'E-200'])

    await page.getByRole('link', { name: 'Leads' }).click()
    const review = page.getByRole('table', { name: 'Leads' })
    await review.getByRole('rowheader', { name: 'Erin Early' }).waitFor()
    await review.getByRole('rowheader', { name: 'Evan Eager' }).waitFor()
    await page.getByLabel('Search leads').fill('early inc')
    await expect.poll(() => review.getByRole('rowheader').allInnerTexts()).toEqual(['Erin Early'])

    // The detail panel: a note, then archive; the lead leaves the active view and shows in the archived one, with its history.
    await review.getByRole('button', { name: 'Erin Early', exact: true }).click()
    const detail = page.getByRole('complementary', { name: 'Lead Erin Early' })
    await detail.getByLabel('Add note').fill('Wants a demo on Tuesday')
    await detail.getByRole('button', { name: 'Add note' }).click()
    await detail.getByRole('list', { name: 'Notes' }).getByText('Wants a demo on Tuesday').waitFor()
    await detail.getByRole('button', { name: 'Archive' }).click()
    await page.getByRole('status').filter({ hasText: 'Archived Erin Early.' }).waitFor()
    await expect.poll(() => review.getByRole('rowheader').allInnerTexts()).toEqual([])
    await page.getByRole('radio', { name: 'Archived' }).check()
    await expect.poll(() => review.getByRole('rowheader').allInnerTexts()).toEqual(['Erin Early'])
    await page.getByLabel('Search leads').fill('')
    await page.getByRole('radio', { name: 'All' }).check()
    await expect.poll(() => review.getByRole('rowheader').allInnerTexts()).toEqual(['Evan Eager', 'Erin Early'])
    await expect
      .poll(() => core.invoke('sync-status', {}).then((status) => (status as { pending: number }).pending), {
        timeout: 20_000,
      })
      .toBe(0)
    await core.syncNow()
    await expect
      .poll(() => detail.getByRole('list', { name: 'History' }).innerText(), { timeout: 20_000 })
      .toMatch(/archived it/)
    await detail.getByRole('list', { name: 'Notes' }).getByText('Wants a demo on Tuesday').waitFor()
  })

  it(
    'refuses a badge that did not consent on the spot, offers entry by hand, and scores each capture at once',
    { timeout: 90_000 },
    async () => {
      // A booth laptop's small screen (issue 12, defect 6).
      const page = await browser.newPage({ viewport: { width: 1024, height: 600 } })
      // The device is still signed in from the test before.
      await page.goto(host.url)
      await page.getByRole('link', { name: 'Booth' }).click()
      await page.getByLabel('Sponsor', { exact: true }).selectOption({ label: 'Booth Co Org' })
      await page.getByLabel('Event', { exact: true }).selectOption({ index: 0 })
      await page.getByText('2 attendees on this device').waitFor()
      const pendingBefore = ((await core.invoke('sync-status', {})) as { pending: number }).pending

      const scan = page.getByLabel('Badge code')
      await scan.pressSequentially('E-300', { delay: 5 })
      await scan.press('Enter')
      const notSaved = page.getByRole('alert', { name: 'Not saved' })
      await notSaved.getByText(/E-300.*has not agreed to share their details.*nothing was saved/s).waitFor()
      expect(await notSaved.getByRole('button', { name: 'Retry' }).count()).toBe(0)
      expect(((await core.invoke('sync-status', {})) as { pending: number }).pending).toBe(pendingBefore)
      expect(await page.getByRole('list', { name: 'Recent captures' }).getByText('E-300').count()).toBe(0)
      expect(await seriousViolations(page)).toEqual([])

      // Enter by hand takes the cursor to the name; Esc goes back to scanning with the cursor in "Badge code".
      await notSaved.getByRole('button', { name: 'Enter by hand' }).click()
      const isFocused = (locator: ReturnType<typeof page.getByLabel>) =>
        locator.evaluate((element) => element === document.activeElement)
      await expect.poll(() => isFocused(page.getByLabel('Name', { exact: true }))).toBe(true)
      await page.keyboard.press('Escape')
      await expect.poll(() => isFocused(scan)).toBe(true)

      await page.getByLabel('Interaction').selectOption({ label: 'Demo request' })
      await scan.pressSequentially('E-999', { delay: 5 })
      await scan.press('Enter')
      await page
        .getByRole('status')
        .filter({ hasText: /Saved on this device: Badge E-999 · Cold lead \(score 30\) · not in the directory yet/ })
        .waitFor()
      // The interaction goes back to a booth visit after the capture, unless pinned.
      expect(await page.getByLabel('Interaction').inputValue()).toBe('booth_visit')
      await page.getByLabel('Interaction').selectOption({ label: 'Demo watched' })
      await page.getByLabel('Keep for the next scans').check()
      await scan.pressSequentially('E-100', { delay: 5 })
      await scan.press('Enter')
      await page.getByRole('status').filter({ hasText: 'Saved on this device: Erin Early' }).waitFor()
      expect(await page.getByLabel('Interaction').inputValue()).toBe('demo_watched')
      // Notes come before the scan that saves them; the confirmation and the newest capture stay in view at 1024×600.
      const top = async (locator: ReturnType<typeof page.getByLabel>) => (await locator.boundingBox())!.y
      expect(await top(page.getByLabel('Notes'))).toBeLessThan(await top(scan))
      const inView = async (locator: ReturnType<typeof page.getByLabel>) => {
        const box = (await locator.boundingBox())!
        return box.y >= 0 && box.y + box.height <= 600
      }
      expect(await inView(page.getByRole('status').filter({ hasText: 'Saved on this device' }))).toBe(true)
      expect(await inView(page.getByRole('list', { name: 'Recent captures' }).getByRole('listitem').first())).toBe(true)
      await screenshot(page, 'booth')
      expect(await seriousViolations(page)).toEqual([])
      // A refused scan after a saved one: the last "Saved" does not stay above the refusal.
      await scan.pressSequentially('E-300', { delay: 5 })
      await scan.press('Enter')
      await page.getByRole('alert', { name: 'Not saved' }).getByText(/E-300/).first().waitFor()
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved on this device' }).count()).toBe(0)
    },
  )
  it(
    'signing out with captures the server has not got first saves them as a download',
    { timeout: 90_000 },
    async () => {
      const page = await browser.newPage()
      // Still signed in from the tests before.
      await page.goto(host.url)
      await page.getByRole('link', { name: 'Booth' }).click()
      await page.getByLabel('Sponsor', { exact: true }).selectOption({ label: 'Booth Co Org' })
      await page.getByLabel('Event', { exact: true }).selectOption({ index: 0 })
      await page.getByText('2 attendees on this device').waitFor()
      proxy.cut()
      const scan = page.getByLabel('Badge code')
      await page.getByLabel('Notes').fill('Asked for the price list')
      await scan.pressSequentially('E-200', { delay: 5 })
      await scan.press('Enter')
      await page.getByRole('status').filter({ hasText: 'Saved on this device: Evan Eager' }).waitFor()

      await page.getByRole('button', { name: 'Sign out' }).click()
      const dialog = page.getByRole('dialog', { name: 'Unsynced leads' })
      await dialog.getByText(/^1 change has not reached the server yet/).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      // The file goes where the person's browser saves downloads, not onto the host's disk.
      const downloading = page.waitForEvent('download')
      await dialog.getByRole('button', { name: 'Export to a file' }).click()
      const download = await downloading
      expect(download.suggestedFilename()).toMatch(/^unsynced-leads-.+\.json$/)
      const file = JSON.parse(readFileSync((await download.path())!, 'utf8'))
      // The capture made offline, whole (and any the server refused earlier, kept for a sponsor admin).
      expect(file.captures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            badgeCode: 'E-200',
            status: 'pending',
            content: expect.objectContaining({ notes: 'Asked for the price list' }),
          }),
        ]),
      )
      await page
        .getByRole('dialog', { name: 'Unsynced leads' })
        .getByText(/You can sign out now/)
        .waitFor()
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
      proxy.restore()
    },
  )
})
