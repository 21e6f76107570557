// Settings → Webhooks in Chromium through the web host, against a real receiver on loopback: an organizer adds an
// endpoint with the event picker (a refused URL says why and saves nothing), and sees its secret once. axe-core
// finds no serious violation on the page or in its dialogs. (The test event, delivery log, replay and rotation
// steps through the screen are not covered here yet; the server tests cover them.)
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
import { startReceiver, type Receiver } from '../support/webhook-receiver'

const rendererDir = resolve('out/renderer')

describe('Settings → Webhooks', () => {
  let server: TestServer
  let browser: Browser
  let core: DesktopCore
  let host: WebHost
  let organizer: SignedUp
  let receiver: Receiver

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite', env: { WEBHOOK_POLL_MS: '50', OUTBOX_POLL_MS: '50' } })
    organizer = await signUp(server.url, 'organizer', 'Hooked Organizer')
    receiver = await startReceiver()
    browser = await launchChromium()
    core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-webhooks-')), defaultServerUrl: server.url })
    host = await startWebHost({ core, rendererDir, port: 0 })
    await core.invoke('session-login', {
      serverUrl: server.url,
      email: organizer.user.email,
      password: organizer.password,
    })
  })
  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await core?.close()
    await receiver?.close()
    await server?.close()
  })

  let page: Page
  let secret: string
  const row = () =>
    page
      .getByRole('table', { name: 'Endpoints' })
      .getByRole('row', { name: new RegExp(receiver.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) })
  const reveal = () => page.getByRole('dialog', { name: 'Your signing secret' })

  it('adds an endpoint with the event picker and shows its secret once', async () => {
    page = await browser.newPage()
    await page.goto(host.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('tab', { name: 'Webhooks' }).click()
    await page.getByRole('status').filter({ hasText: 'No endpoint yet.' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    // The event picker offers the organizer's types (never lead.captured, which is for sponsors' endpoints).
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const form = page.getByRole('dialog', { name: 'Add a webhook endpoint' })
    await form.getByRole('checkbox', { name: 'order.funded' }).waitFor()
    expect(await form.getByRole('checkbox', { name: 'lead.captured' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    // A refused URL says why and saves nothing.
    await form.getByRole('textbox', { name: 'URL' }).fill('https://10.0.0.7/hooks')
    await form.getByRole('checkbox', { name: 'order.funded' }).check()
    await form.getByRole('button', { name: 'Add endpoint' }).click()
    await form.getByRole('alert').filter({ hasText: 'private' }).waitFor()
    expect((await server.db.query('SELECT count(*)::int AS n FROM webhook_endpoints')).rows[0]).toEqual({ n: 0 })
    await form.getByRole('textbox', { name: 'URL' }).fill(receiver.url)
    await form.getByRole('textbox', { name: 'Description' }).fill('CRM sync')
    await form.getByRole('button', { name: 'Add endpoint' }).click()

    secret = (await reveal().locator('code').innerText()).trim()
    expect(secret).toMatch(/^whsec_/)
    expect(await seriousViolations(page)).toEqual([])
    await reveal().getByRole('button', { name: 'I have stored it' }).click()
    await row().getByText('Enabled').waitFor()
    expect(await page.getByText(secret).count()).toBe(0)
  })
})
