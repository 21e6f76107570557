// The renderer, served by the web host and driven in Chromium, signs in and shows the organization's events.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { launchChromium } from '../support/browser'
import { screenshot } from '../support/screenshots'
import { startTestServer, type TestServer } from '../support/test-server'

const rendererDir = resolve('out/renderer')

describe('desktop UI in Chromium through the web host', () => {
  let server: TestServer
  let core: DesktopCore
  let host: WebHost
  let browser: Browser
  let organizer: SignedUp

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    organizer = await signUp(server.url, 'organizer', 'Browser')
    await api(server.url, 'POST', '/v1/events', {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: { ...sampleEvent, title: 'Harbor Lights Festival' },
    })
    core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-')), defaultServerUrl: server.url })
    host = await startWebHost({ core, rendererDir, port: 0 })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await core?.close()
    await server?.close()
  })

  it('logs in and sees the events list, then reloads still signed in', async () => {
    const page = await browser.newPage()
    await page.goto(host.url)
    await expect.poll(() => page.getByLabel('Server URL').inputValue()).toBe(server.url)
    await screenshot(page, 'login')
    await page.getByLabel('Email').fill(organizer.user.email)
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'email or password is wrong' }).waitFor()

    await page.getByLabel('Password').fill(organizer.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    // An organizer lands on the command center; the events are one click away.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click()
    await page.getByRole('heading', { name: 'Harbor Lights Festival' }).waitFor()
    await page.getByRole('status', { name: 'Connection: Online' }).waitFor()

    await page.reload()
    await page.getByRole('heading', { name: 'Harbor Lights Festival' }).waitFor()
    expect(await page.evaluate(() => JSON.stringify(localStorage) + document.cookie)).not.toMatch(/token/i)
  })
})
