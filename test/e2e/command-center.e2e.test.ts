// The command center in Chromium through the web host: an organizer sets it up from the recommended widgets;
// a lead captured by a booth on another client moves "Leads today" without a reload; a widget added from the
// palette, moved and resized keeps its place after the page is reloaded; removing asks first; with the network
// cut the screen opens from the replica, marked "as of HH:MM (offline)". axe-core finds no serious violation.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { seriousViolations } from '../support/axe'
import { launchChromium } from '../support/browser'
import { screenshot } from '../support/screenshots'
import { startTestServer, type TestServer } from '../support/test-server'
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy'
import { sponsorWorld, type SponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees, capturer } from '../support/lead-fixtures'

const rendererDir = resolve('out/renderer')

describe('Command center', () => {
  let server: TestServer
  let proxy: CuttableProxy
  let browser: Browser
  let world: SponsorWorld
  let core: DesktopCore
  let host: WebHost
  let page: Page

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite', env: { OUTBOX_POLL_MS: '50' } })
    proxy = await startCuttableProxy(server.url)
    world = await sponsorWorld(server.url, 'Umbrella')
    await addAttendees(server.url, world, [
      { badge_code: 'CC-1', name: 'Casey Private', email: 'casey@private.example', consent_to_share: true },
    ])
    browser = await launchChromium()
    core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-cc-')), defaultServerUrl: proxy.url })
    host = await startWebHost({ core, rendererDir, port: 0 })
    await core.invoke('session-login', {
      serverUrl: proxy.url,
      email: world.organizer.user.email,
      password: world.organizer.password,
    })
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(host.url)
  })
  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await core?.close()
    await proxy?.close()
    await server?.close()
  })

  const tile = (name: string) => page.getByRole('region', { name, exact: true })
  const kpiValue = async (name: string) =>
    Number(await tile(name).locator('[data-kpi-value]').getAttribute('data-kpi-value'))
  const layoutOf = (widgetId: string) => page.locator(`[data-widget-id="${widgetId}"]`).getAttribute('data-layout')

  it("is the organizer's first screen and sets up from the recommended widgets", async () => {
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link').first().waitFor()
    expect(await nav.getByRole('link').first().innerText()).toContain('Command center')
    await page.getByRole('button', { name: 'Create command center' }).click()
    await tile('Leads today').waitFor({ timeout: 20_000 })
    for (const name of ['GMV', 'Hot leads', 'Open proposals', 'Leads per hour', 'Proposal to order', 'Live captures'])
      await tile(name).waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: /^Live · as of \d\d:\d\d$/ })
      .waitFor()
    expect(await kpiValue('Leads today')).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
  })

  it('moves "Leads today" when a booth on another client captures a lead, without a reload, and shows no contact details', async () => {
    const started = Date.now()
    const captured = await capturer(server.url, world)({ badge_code: 'CC-1', interaction: 'demo_request' })
    expect(captured.status).toBe(201)
    await expect.poll(() => kpiValue('Leads today'), { timeout: 10_000, interval: 50 }).toBe(1)
    console.log(`command center e2e: capture → "Leads today" on screen in ${Date.now() - started} ms`)
    await expect.poll(async () => tile('Live captures').innerText(), { timeout: 10_000 }).toContain('Umbrella')
    expect(await page.locator('main').innerText()).not.toMatch(/Casey|casey@private/)
    await screenshot(page, 'command-center')
    // The trend ("Up 1 on the previous period") stays readable in dark as in light.
    await tile('Leads today')
      .getByText(/^Up 1 on the previous period/)
      .waitFor()
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark')
    expect(await seriousViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('keeps a widget added from the palette, moved and resized, in its place after a reload', async () => {
    await page.getByRole('button', { name: 'Add widget' }).first().click()
    await page
      .getByRole('dialog', { name: 'Add a widget' })
      .getByRole('button', { name: 'Add Sponsors by leads' })
      .click()
    await tile('Sponsors by leads').waitFor()
    const added = await layoutOf('top-sponsors')
    const [x, y, w, h] = added!.split(',').map(Number) as [number, number, number, number]
    const menu = (name: string) =>
      page
        .getByRole('button', { name: 'Sponsors by leads: move, resize or remove' })
        .click()
        .then(() => page.getByRole('menuitem', { name }).click())
    await menu('Move right')
    await menu('Wider')
    await menu('Taller')
    const expected = `${x + 1},${y},${w + 1},${h + 1}`
    await expect.poll(() => layoutOf('top-sponsors')).toBe(expected)
    // Saved on the server, not only on screen.
    await expect
      .poll(
        async () =>
          (await server.db.query(`SELECT layout FROM sponsorship_workspace_widgets WHERE widget_id = 'top-sponsors'`))
            .rows[0]?.layout,
      )
      .toEqual({ x: x + 1, y, w: w + 1, h: h + 1 })
    await page.reload()
    await tile('Sponsors by leads').waitFor()
    expect(await layoutOf('top-sponsors')).toBe(expected)
  })

  it('asks before removing a widget', async () => {
    await page.getByRole('button', { name: 'Sponsors by leads: move, resize or remove' }).click()
    await page.getByRole('menuitem', { name: 'Remove…' }).click()
    const dialog = page.getByRole('dialog', { name: /Remove widget/ })
    await dialog.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: /Remove widget/ }).click()
    await expect.poll(() => tile('Sponsors by leads').count()).toBe(0)
    expect(
      (
        await server.db.query(
          `SELECT count(*)::int AS n FROM sponsorship_workspace_widgets WHERE widget_id = 'top-sponsors'`,
        )
      ).rows[0]!.n,
    ).toBe(0)
  })

  it('opens offline from the replica with the last-known values, marked "as of HH:MM (offline)"', async () => {
    proxy.cut()
    await page.reload()
    await page
      .getByRole('status')
      .filter({ hasText: /^As of \d\d:\d\d \(offline\)$/ })
      .waitFor({ timeout: 20_000 })
    expect(await kpiValue('Leads today')).toBe(1)
    expect(await page.getByRole('button', { name: 'Add widget' }).isDisabled()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    proxy.restore()
  })
})
