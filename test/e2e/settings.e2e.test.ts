// Settings in Chromium through the web host: each section has its own address and passes axe; Account shows the
// person, the server and their role in every organization, and signs out; Appearance picks light, dark or as the
// system is; This device says whether the server is reachable, what waits, syncs on demand — and says so plainly
// when the network is down — and exports nothing when nothing waits.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { launchChromium } from '../support/browser'
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy'
import { screenshot } from '../support/screenshots'
import { startTestServer, type TestServer } from '../support/test-server'

const rendererDir = resolve('out/renderer')

describe('Settings', () => {
  let server: TestServer
  let proxy: CuttableProxy
  let browser: Browser
  let core: DesktopCore
  let host: WebHost
  let organizer: SignedUp
  let page: Page

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    proxy = await startCuttableProxy(server.url)
    organizer = await signUp(server.url, 'organizer', 'Sam Settings')
    await api(server.url, 'POST', '/v1/events', {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: { ...sampleEvent, title: 'Settings Summit' },
    })
    browser = await launchChromium()
    core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-settings-')),
      defaultServerUrl: proxy.url,
      sync: { minDelayMs: 200, maxDelayMs: 1000 },
    })
    host = await startWebHost({ core, rendererDir, port: 0 })
    await core.invoke('session-login', {
      serverUrl: proxy.url,
      email: organizer.user.email,
      password: organizer.password,
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
    await page.goto(host.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  })
  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await core?.close()
    await proxy?.close()
    await server?.close()
  })

  const section = async (name: string) => {
    await page.getByRole('tab', { name }).click()
    await page.getByRole('tab', { name, selected: true }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(await seriousViolations(page), name).toEqual([])
  }

  it('shows the account: the person, the server and their role in each organization', async () => {
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor()
    await section('Account')
    expect(page.url()).toMatch(/#\/settings$|#\/settings\/account$/)
    const main = page.getByRole('main')
    await main.getByText(organizer.user.email, { exact: true }).waitFor()
    await main.getByText(`Signed in to ${proxy.url}`).waitFor()
    const orgs = page.getByRole('table', { name: 'Your organizations' })
    expect(await orgs.getByRole('row').nth(1).innerText()).toMatch(/Sam Settings Org \(active\)\s+Organizer\s+Owner/)
    await screenshot(page, 'settings')
  })

  it('changes the theme from the keyboard, remembered as the person chose', async () => {
    await section('Appearance')
    expect(page.url()).toMatch(/#\/settings\/appearance$/)
    const scheme = () => page.evaluate(() => document.documentElement.dataset.mantineColorScheme)
    await page.getByRole('radio', { name: 'Dark' }).check()
    expect(await scheme()).toBe('dark')
    expect(await seriousViolations(page)).toEqual([])
    // Arrow keys move within the group, as radios do.
    await page.getByRole('radio', { name: 'Dark' }).focus()
    await page.keyboard.press('ArrowUp')
    expect(await scheme()).toBe('light')
    await page.getByRole('radio', { name: 'As the system is' }).check()
    expect(await scheme()).toBe('light')
    await page.reload()
    expect(await page.getByRole('radio', { name: 'As the system is' }).isChecked()).toBe(true)
  })

  it('says whether the server is reachable, syncs on demand, and says so when it cannot', async () => {
    await page.goto(`${host.url}/#/settings/device`)
    await page.getByRole('tab', { name: 'This device', selected: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    const status = page.getByRole('tabpanel').getByRole('status').first()
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe('Connected to the server')
    const figures = page.getByRole('group', { name: 'Sync status' })
    await figures.getByText('Waiting to be sent').waitFor()
    expect(await page.getByRole('button', { name: 'Export unsynced changes…' }).isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await page.getByText('Synced. Nothing is waiting to be sent.').waitFor()

    proxy.cut()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await page.getByText('The server is not reachable; changes stay on this device.').waitFor()
    await expect
      .poll(() => status.innerText(), { timeout: 15_000 })
      .toMatch(/^Offline: changes are kept on this device/)
    proxy.restore()
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toBe('Connected to the server')
  })

  it('chooses which moments of an event are emailed, saved on the server', async () => {
    await section('Email notifications')
    expect(page.url()).toMatch(/#\/settings\/notifications$/)
    const event = page.getByRole('tabpanel').getByText('Settings Summit').locator('xpath=..')
    await event.getByRole('checkbox', { name: 'An order is funded' }).check()
    await page
      .getByRole('status')
      .filter({ hasText: 'Email notifications for Settings Summit saved.' })
      .first()
      .waitFor()
    await expect
      .poll(
        async () =>
          (
            await server.db.query<{ moments: string[] }>(
              'SELECT moments FROM notification_preferences WHERE user_id = $1',
              [organizer.user.id],
            )
          ).rows[0]?.moments,
      )
      .toEqual(['order.funded'])
    expect(await seriousViolations(page)).toEqual([])
  })

  it('reaches each section from the command palette, and signs out from Account', { timeout: 60_000 }, async () => {
    await page.keyboard.press('Control+K')
    const search = page
      .getByRole('dialog', { name: 'Command palette' })
      .getByPlaceholder('Go to a screen or run an action…')
    await search.fill('settings: webhooks')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toMatch(/#\/settings\/webhooks$/)
    await page.getByRole('tab', { name: 'Webhooks', selected: true }).waitFor()
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor()

    await section('Account')
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    // Signing in again starts on the organization's home, not on the screen left open.
    await page.getByLabel('Email').fill(organizer.user.email)
    await page.getByLabel('Password').fill(organizer.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/command-center$/)
  })
})
