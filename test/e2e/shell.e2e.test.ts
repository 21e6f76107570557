// The Mantine shell in Chromium through the web host (issue 12 defect 3 and the foundation): navigation follows
// the active organization's kind with exact names; the switcher is labelled exactly "Organization" and lands on
// the new kind's home; the header shows the person and their role; Ctrl+K reaches every screen and the main
// actions; "?" lists the shortcuts; Ctrl+digit goes to a screen; light or dark follows the OS; window title and
// favicon; axe finds no serious or critical violation on any screen of either kind, in light and in dark.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { launchChromium } from '../support/browser'
import { screenshot } from '../support/screenshots'
import { startTestServer, type TestServer } from '../support/test-server'

const rendererDir = resolve('out/renderer')
const organizerNav = [
  'Command center',
  'Events',
  'Sponsors',
  'Attendees',
  'Packages',
  'Proposals',
  'Orders',
  'Fulfillment',
  'Settings',
]
const sponsorNav = [
  'Booth',
  'Leads',
  'Analytics',
  'Packages',
  'Proposals',
  'Orders',
  'Fulfillment',
  'Profile',
  'Settings',
]

describe('Application shell', () => {
  let server: TestServer
  let browser: Browser
  const opened: { core: DesktopCore; host: WebHost }[] = []
  let person: SignedUp
  let sponsorOrgId: string

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    person = await signUp(server.url, 'organizer', 'Riley Both')
    const sponsor = await signUp(server.url, 'sponsor', 'Harbor Coffee')
    sponsorOrgId = sponsor.orgId
    await server.db.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'admin')`, [
      sponsorOrgId,
      person.user.id,
    ])
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    for (const { core, host } of opened) {
      await host.close()
      await core.close()
    }
    await server?.close()
  })

  async function signedInPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-shell-')),
      defaultServerUrl: server.url,
    })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    opened.push({ core, host })
    await core.invoke('session-login', { serverUrl: server.url, email: person.user.email, password: person.password })
    await core.invoke('org-select', { orgId: person.orgId })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme })
    await page.goto(host.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).waitFor()
    return page
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
  const navNames = async (page: Page) => (await nav(page).getByRole('link').allInnerTexts()).map((name) => name.trim())
  /** Visits every screen of the navigation and checks each with axe. */
  async function everyScreenPassesAxe(page: Page, names: string[]) {
    for (const name of names) {
      await nav(page).getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { level: 2 }).first().waitFor()
      await page.waitForLoadState('networkidle')
      expect(await seriousViolations(page), name).toEqual([])
    }
  }

  it(
    'shows the organizer navigation, then the sponsor navigation after switching by the "Organization" label',
    { timeout: 120_000 },
    async () => {
      const page = await signedInPage()
      // The window title says where the person is (and the favicon is the app's).
      expect(await page.title()).toBe('Command center · Riley Both Org — Yardpass Command Center')
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/favicon\.svg$/)
      expect(await navNames(page)).toEqual(organizerNav)
      // The header shows the signed-in person and their role in the active organization.
      await page.getByRole('banner').getByText('Riley Both', { exact: true }).waitFor()
      await page.getByRole('banner').getByText('Owner · Riley Both Org').waitFor()
      await everyScreenPassesAxe(page, organizerNav)
      await nav(page).getByRole('link', { name: 'Events' }).click()
      await screenshot(page, 'events')

      // The label names the select alone (its text used to include the selected option).
      const switcher = page.getByLabel('Organization', { exact: true })
      expect(await switcher.count()).toBe(1)
      await switcher.selectOption(sponsorOrgId)
      await nav(page).getByRole('link', { name: 'Leads' }).waitFor()
      expect(await navNames(page)).toEqual(sponsorNav)
      // It lands on the sponsor's home (the booth), not on an "Offline copy" of the organizer's events.
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/booth$/)
      expect(await page.getByText('Offline copy').count()).toBe(0)
      await page.getByRole('banner').getByText('Admin · Harbor Coffee Org').waitFor()
      expect(await page.title()).toBe('Booth · Harbor Coffee Org — Yardpass Command Center')

      await everyScreenPassesAxe(page, sponsorNav)
      await nav(page).getByRole('link', { name: 'Analytics' }).click()
      await page.getByRole('heading', { name: 'Analytics', level: 2 }).waitFor()
      await nav(page).getByRole('link', { name: 'Settings' }).click()
      await page.getByRole('tab', { name: 'Account', selected: true }).waitFor()
      // No screen is a placeholder.
      expect(await page.getByText(/coming soon/i).count()).toBe(0)
    },
  )

  it(
    'reaches screens and actions from the keyboard: Ctrl+K, Ctrl+digit, "?", and switches organization from the palette',
    { timeout: 120_000 },
    async () => {
      const page = await signedInPage('dark')
      // Dark follows the OS.
      expect(await page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark')
      await everyScreenPassesAxe(page, organizerNav)
      await nav(page).getByRole('link', { name: 'Events' }).click()
      await screenshot(page, 'events-dark')

      await page.keyboard.press('Control+K')
      const palette = page.getByRole('dialog', { name: 'Command palette' })
      const search = palette.getByPlaceholder('Go to a screen or run an action…')
      await search.waitFor()
      for (const name of organizerNav) await palette.getByText(`Go to ${name}`, { exact: true }).waitFor()
      for (const action of ['Switch to Harbor Coffee Org', 'Sync now', 'Keyboard shortcuts', 'Sign out'])
        await palette.getByText(action, { exact: true }).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'command-palette')
      await search.fill('orders')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/orders$/)

      await page.locator('body').click({ position: { x: 640, y: 700 } })
      await page.keyboard.press('Control+3')
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/sponsors$/)
      await page.keyboard.press('Shift+Slash')
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
      await help.getByText('Open the command palette', { exact: false }).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await page.keyboard.press('Escape')
      await help.waitFor({ state: 'hidden' })

      // The theme button switches to light.
      await page.getByRole('button', { name: 'Light theme' }).click()
      expect(await page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('light')

      // Switching organization from the palette lands on the sponsor's booth.
      await page.keyboard.press('Control+K')
      await search.fill('switch to harbor')
      await page.keyboard.press('Enter')
      await nav(page).getByRole('link', { name: 'Booth' }).waitFor()
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/booth$/)
      expect(await navNames(page)).toEqual(sponsorNav)
    },
  )
})
