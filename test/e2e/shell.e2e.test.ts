// The Mantine shell in Chromium through the web host: navigation follows the active organization's kind,
// the switcher is labelled exactly "Organization" and lands on the new kind's home (issue 12 defect 3),
// and the command palette (Ctrl+K) reaches the screens; axe finds no serious or critical violation.
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
import { startTestServer, type TestServer } from '../support/test-server'

const rendererDir = resolve('out/renderer')
const organizerNav = ['Events', 'Sponsors', 'Attendees', 'Packages', 'Proposals', 'Orders', 'Settings']
const sponsorNav = ['Booth', 'Leads', 'Analytics', 'Packages', 'Proposals', 'Orders', 'Profile', 'Settings']
/** Screenshots for people to look at, only when asked for (never into the repository). */
const shotsDir = process.env.SHOTS_DIR

describe('Application shell', () => {
  let server: TestServer
  let browser: Browser
  const opened: { core: DesktopCore; host: WebHost }[] = []
  let person: SignedUp
  let sponsorOrgId: string

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    person = await signUp(server.url, 'organizer', 'Riley Both')
    const sponsor = await signUp(server.url, 'sponsor', 'Harbor Coffee')
    sponsorOrgId = sponsor.orgId
    await server.db.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'admin')`, [sponsorOrgId, person.user.id])
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
    const core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-shell-')), defaultServerUrl: server.url })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    opened.push({ core, host })
    await core.invoke('session-login', { serverUrl: server.url, email: person.user.email, password: person.password })
    await core.invoke('org-select', { orgId: person.orgId })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme })
    await page.goto(host.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).waitFor()
    return page
  }

  const navNames = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()

  it('shows the organizer navigation, then the sponsor navigation after switching by the "Organization" label', async () => {
    const page = await signedInPage()
    // The window title says where the person is (and the favicon is the app's).
    expect(await page.title()).toBe('Events · Riley Both Org — Yardpass Command Center')
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/favicon\.svg$/)
    expect((await navNames(page)).map((name) => name.trim())).toEqual(organizerNav)
    await page.getByRole('banner').getByText('Riley Both', { exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'organizer-light.png') })

    // The label names the select alone (its text used to include the selected option).
    const switcher = page.getByLabel('Organization', { exact: true })
    expect(await switcher.count()).toBe(1)
    await switcher.selectOption(sponsorOrgId)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).waitFor()
    expect((await navNames(page)).map((name) => name.trim())).toEqual(sponsorNav)
    // It lands on the sponsor's home (the booth), not on an "Offline copy" of the organizer's events.
    await expect.poll(() => page.url()).toMatch(/#\/booth$/)
    expect(await page.getByText('Offline copy').count()).toBe(0)

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click()
    await page.getByRole('heading', { name: 'Analytics' }).waitFor()
    await page.getByText(/coming soon/).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'sponsor-light.png') })
  })

  it('opens the command palette with Ctrl+K, reaches a screen by typing, and lists the shortcuts on "?"', async () => {
    const page = await signedInPage('dark')
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'organizer-dark.png') })
    await page.keyboard.press('Control+K')
    const search = page.getByRole('dialog', { name: 'Command palette' }).getByPlaceholder('Go to a screen or run an action…')
    await search.first().waitFor()
    for (const name of organizerNav) await page.getByRole('button', { name: new RegExp(`^Go to ${name}`) }).or(page.getByText(`Go to ${name}`, { exact: true })).first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'palette-dark.png') })
    await search.first().fill('orders')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toMatch(/#\/orders$/)

    await page.locator('body').click({ position: { x: 640, y: 700 } })
    await page.keyboard.press('Shift+Slash')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    await help.getByText('Open the command palette', { exact: false }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'hidden' })

    await page.getByLabel('Organization', { exact: true }).selectOption(sponsorOrgId)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Booth' }).waitFor()
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'sponsor-dark.png') })
  })
})
