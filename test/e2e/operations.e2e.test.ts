// The Operations panel in Chromium through the web host: only a platform administrator sees it; it shows the
// seeds' SLOs, job queues and admin alerts from the server, and marks an alert as seen to after a confirmation.
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

describe('Operations panel', () => {
  let server: TestServer
  let browser: Browser
  const opened: { core: DesktopCore; host: WebHost }[] = []
  let admin: SignedUp
  let organizer: SignedUp
  let alertId: string

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    admin = await signUp(server.url, 'organizer', 'Ops Admin')
    organizer = await signUp(server.url, 'organizer', 'Plain Organizer')
    await server.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [admin.user.id])
    const { rows } = await server.db.query<{ id: string }>(
      `INSERT INTO admin_alerts (kind, subject_id, message) VALUES ('unexpected-payment', 'pi_e2e', 'A payment arrived for a cancelled order: refund it') RETURNING id`,
    )
    alertId = rows[0]!.id
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

  async function signedInPage(who: SignedUp): Promise<Page> {
    const core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-ops-')), defaultServerUrl: server.url })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    opened.push({ core, host })
    await core.invoke('session-login', { serverUrl: server.url, email: who.user.email, password: who.password })
    const page = await browser.newPage()
    await page.goto(host.url)
    await page.getByRole('link', { name: 'Events' }).waitFor()
    return page
  }

  it('is hidden from an organizer who is not a platform administrator, and refuses them by address too', async () => {
    const page = await signedInPage(organizer)
    await page.getByRole('link', { name: 'Orders' }).waitFor()
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).count()).toBe(
      0,
    )
    await page.goto(`${page.url().split('#')[0]}#/operations`)
    await page.getByRole('alert').filter({ hasText: 'for platform administrators only' }).waitFor()
    expect(await page.getByRole('table').count()).toBe(0)
  })

  it('shows a platform administrator the SLOs, queues and alerts, and marks an alert as seen to after confirming', async () => {
    const page = await signedInPage(admin)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click()
    const slos = page.getByRole('table', { name: 'Service levels' })
    await slos.waitFor()
    // Every SLO the server measures has a row with its target and state, as the server reports them.
    const overview = (await (
      await fetch(`${server.url}/v1/ops/overview`, { headers: { authorization: `Bearer ${admin.access_token}` } })
    ).json()) as { slos: { label: string; target: string }[] }
    expect(overview.slos.length).toBeGreaterThan(0)
    for (const slo of overview.slos) {
      const row = slos.getByRole('row', { name: new RegExp(`^${slo.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      await expect.poll(() => row.count()).toBe(1)
      expect(await row.innerText()).toContain(slo.target)
      expect(await row.innerText()).toMatch(/Met|Breached|No data yet/)
    }
    await page.getByRole('status').filter({ hasText: '1 alert needs attention.' }).waitFor()
    const alerts = page.getByRole('list', { name: 'Alerts' })
    await alerts.getByText('A payment arrived for a cancelled order: refund it').waitFor()
    await screenshot(page, 'operations')
    expect(await seriousViolations(page)).toEqual([])

    // Cancel changes nothing; confirming marks it on the server.
    await alerts.getByRole('button', { name: 'Mark as seen to' }).click()
    const dialog = page.getByRole('dialog', { name: /^Mark as seen to: A payment arrived/ })
    await dialog.getByText('A payment arrived for a cancelled order').waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(
      (await server.db.query('SELECT acknowledged_at FROM admin_alerts WHERE id = $1', [alertId])).rows[0]!
        .acknowledged_at,
    ).toBeNull()

    await alerts.getByRole('button', { name: 'Mark as seen to' }).click()
    await dialog.getByRole('button', { name: 'Mark as seen to' }).click()
    await page.getByRole('status').filter({ hasText: 'No alert needs attention.' }).waitFor()
    await alerts.getByText(/^Seen to /).waitFor()
    const stored = (
      await server.db.query<{ acknowledged_at: Date | null; acknowledged_by: string | null }>(
        'SELECT acknowledged_at, acknowledged_by FROM admin_alerts WHERE id = $1',
        [alertId],
      )
    ).rows[0]!
    expect(stored.acknowledged_at).not.toBeNull()
    expect(stored.acknowledged_by).toBe(admin.user.id)
  })
})
