// The package editor and the marketplace in Chromium (issue 12 defect 7): a $0 package is refused unless marked
// free, the editor says it saved, the version shown stays put for a rename or a new inventory, benefits have
// their own editor, marketplace cards name the event, and the offer form starts over after sending.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { launchChromium } from '../support/browser'
import { as, goldPackage } from '../support/commerce-fixtures'
import { startTestServer, type TestServer } from '../support/test-server'

const rendererDir = resolve('out/renderer')

describe('packages in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let organizer: SignedUp
  let sponsor: SignedUp
  let eventId: string
  const desks: { core: DesktopCore; host: WebHost }[] = []

  async function signedIn(who: SignedUp): Promise<Page> {
    const core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-packages-')),
      defaultServerUrl: server.url,
    })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    desks.push({ core, host })
    await core.invoke('session-login', { serverUrl: server.url, email: who.user.email, password: who.password })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${host.url}/#/packages`)
    return page
  }
  const stored = async (title: string) =>
    (
      await server.db.query<{
        tier: string
        price_cents: number
        version: number
        inventory: number
        benefits: Record<string, unknown>
      }>(
        'SELECT tier, price_cents::int AS price_cents, version, inventory, benefits FROM sponsorship_packages WHERE title = $1',
        [title],
      )
    ).rows

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    organizer = await signUp(server.url, 'organizer', 'Harbor')
    sponsor = await signUp(server.url, 'sponsor', 'Fizz')
    eventId = (
      await api(server.url, 'POST', '/v1/events', {
        ...as(organizer),
        body: { ...sampleEvent, title: 'Harbor Lights Festival' },
      })
    ).body.id
    const gold = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...as(organizer),
      body: { event_id: eventId, ...goldPackage },
    })
    await api(server.url, 'POST', `/v1/sponsorship-packages/${gold.body.id}:publish`, as(organizer))
    // The event's tiers (Platinum, Gold, Silver, Bronze): the editor offers them as the package's tier.
    await api(server.url, 'POST', `/v1/organizations/${organizer.orgId}/events/${eventId}/sponsor-tiers/defaults`, {
      ...as(organizer),
      body: {},
    })
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

  it(
    'refuses a $0 package unless it is free, says Saved, edits benefits in rows and keeps the version for a rename',
    { timeout: 120_000 },
    async () => {
      const page = await signedIn(organizer)
      await page.getByRole('button', { name: 'New package' }).click()
      const editor = page.getByRole('form', { name: 'Package editor' })
      await editor.getByLabel('Title').fill('Community Booth')
      await editor.getByRole('button', { name: 'Save package' }).click()
      await editor.getByRole('alert').filter({ hasText: 'Enter a price, or tick “Free package”' }).waitFor()
      await editor.getByLabel('Price (USD)').fill('0')
      await editor.getByRole('button', { name: 'Save package' }).click()
      await editor
        .getByRole('alert')
        .filter({ hasText: 'A package at $0.00 is refused unless it is meant to be free' })
        .waitFor()
      expect(await stored('Community Booth')).toEqual([])

      // The tier is one of the event's tiers, not free text defaulting to "gold"; a new package has no benefits yet,
      // only one empty row to fill in.
      const tier = editor.getByRole('combobox', { name: 'Tier' })
      expect(await tier.locator('option').allInnerTexts()).toEqual(['Platinum', 'Gold', 'Silver', 'Bronze'])
      await tier.selectOption('Gold')
      const emptyRows = await editor
        .getByLabel(/^Benefit \d+$/)
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
      expect(emptyRows).toEqual([''])
      expect(await editor.innerText()).not.toMatch(/10x10/)
      // Benefits: a row each, with a name in words (a known benefit is stored under its key) and a detail.
      await editor.getByLabel('Benefit 1', { exact: true }).fill('Logo on the main stage')
      await editor.getByLabel('Benefit 1 detail').focus() // closes the suggestions
      await editor.getByRole('button', { name: 'Add a benefit' }).click()
      await editor.getByLabel('Benefit 2', { exact: true }).fill('Booth')
      await editor.getByLabel('Benefit 2 detail').fill('10x10')
      await editor.getByRole('button', { name: 'Add a benefit' }).click()
      await editor.getByLabel('Benefit 3', { exact: true }).fill('Social posts')
      await editor.getByLabel('Benefit 3 detail').fill('3')
      await editor.getByRole('button', { name: 'Remove benefit Booth' }).click()
      await editor.getByLabel('Free package (no payment)').check()
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'package-editor')
      await editor.getByRole('button', { name: 'Save package' }).click()
      await page.getByRole('status').filter({ hasText: 'Saved Community Booth (version 1).' }).waitFor()
      await editor.waitFor({ state: 'detached' })
      expect(await stored('Community Booth')).toEqual([
        { tier: 'Gold', price_cents: 0, version: 1, inventory: 1, benefits: { logo_stage: true, social_posts: 3 } },
      ])

      // A rename and a new inventory are not new terms: the visible version stays 1. A new benefit is.
      const gallery = page.getByRole('list', { name: 'Package gallery' })
      // Tiers read as the event names them, the API's "gold" included.
      await gallery
        .getByRole('listitem')
        .filter({ hasText: 'Gold Stage Sponsor' })
        .getByText('Gold · $1,500.00')
        .waitFor()
      await gallery
        .getByRole('listitem')
        .filter({ hasText: 'Community Booth' })
        .getByText('Gold · $0.00 (free)')
        .waitFor()
      await gallery.getByRole('button', { name: 'Edit Community Booth' }).click()
      expect(await editor.getByRole('combobox', { name: 'Tier' }).inputValue()).toBe('Gold')
      await editor.getByLabel('Title').fill('Community Corner')
      await editor.getByLabel('Inventory').fill('5')
      await editor.getByRole('button', { name: 'Save package' }).click()
      await gallery.getByText('Draft · Public (marketplace) · version 1').waitFor()
      await gallery.getByRole('button', { name: 'Edit Community Corner' }).click()
      const benefitNames = await editor
        .getByLabel(/^Benefit \d+$/)
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
      expect([...benefitNames].sort()).toEqual(['Logo on the main stage', 'Social posts'])
      await editor.getByLabel(`Benefit ${benefitNames.indexOf('Social posts') + 1} detail`).fill('5')
      await editor.getByRole('button', { name: 'Save package' }).click()
      await page.getByRole('status').filter({ hasText: 'Saved Community Corner (version 2).' }).waitFor()
      expect(await stored('Community Corner')).toEqual([
        { tier: 'Gold', price_cents: 0, version: 2, inventory: 5, benefits: { logo_stage: true, social_posts: 5 } },
      ])
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'packages')
    },
  )

  it(
    'names the event on marketplace cards, lists benefits in words, and clears the offer form after sending',
    { timeout: 120_000 },
    async () => {
      const page = await signedIn(sponsor)
      const card = page
        .getByRole('list', { name: 'Packages on sale' })
        .getByRole('listitem')
        .filter({ hasText: 'Gold Stage Sponsor' })
      await card.getByText('At Harbor Lights Festival').waitFor()
      const benefits = (
        await card.getByRole('list', { name: 'Benefits of Gold Stage Sponsor' }).getByRole('listitem').allInnerTexts()
      ).sort()
      expect(benefits).toEqual(['Booth: 10x10', 'Logo on the main stage', 'Social posts: 5', 'Speaking slot: 15min'])
      expect(await card.innerText()).not.toMatch(/logo_stage|social_posts/)
      await card.getByText('Gold · $1,500.00').waitFor()
      // Each accessible name starts with the words on screen (WCAG 2.5.3 label in name), and the button's short
      // label fits the card at 1280 px.
      const price = card.getByLabel('Your price (USD) for Gold Stage Sponsor')
      const shown = async (id: string | null) => (await page.locator(`label[for="${id}"]`).innerText()).trim()
      expect(await shown(await price.getAttribute('id'))).toBe('Your price (USD)')
      const message = card.getByLabel('Message for Gold Stage Sponsor')
      expect(await shown(await message.getAttribute('id'))).toBe('Message')
      const offer = card.getByRole('button', { name: 'Make an offer on Gold Stage Sponsor' })
      expect(await offer.innerText()).toBe('Make an offer')
      expect(await offer.evaluate((button) => button.scrollWidth <= button.clientWidth)).toBe(true)
      await price.fill('1400')
      await message.fill('We would love the main stage')
      await offer.click()
      await page.getByRole('status').filter({ hasText: 'Offer sent for Gold Stage Sponsor.' }).waitFor()
      await expect
        .poll(() => card.getByLabel('Message for Gold Stage Sponsor').inputValue(), { timeout: 10_000 })
        .toBe('')
      expect(await price.inputValue()).toBe('$1,500')
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'marketplace')
    },
  )
})
