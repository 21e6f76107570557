// Seed 001 §16 in the desktop, in Chromium through the web host: the organizer builds and publishes a
// package, the sponsor offers, the organizer counters, the sponsor accepts and funds with a test card,
// the organizer locks, release waits for the deliverables (waived here by the sponsor), and the payout arrives with
// its Stripe transfer id.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { as, buyer, commerceWorld } from '../support/commerce-fixtures'
import { launchChromium } from '../support/browser'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { startTestServer, type TestServer } from '../support/test-server'

const rendererDir = resolve('out/renderer')

describe('sponsorship commerce in the desktop, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const desks: { core: DesktopCore; host: WebHost }[] = []
  let organizer: SignedUp
  let sponsor: SignedUp

  async function desk(who: SignedUp): Promise<Page> {
    const core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-commerce-')),
      defaultServerUrl: server.url,
    })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    desks.push({ core, host })
    const page = await browser.newPage()
    await page.goto(host.url)
    await page.getByLabel('Email').fill(who.user.email)
    await page.getByLabel('Password').fill(who.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Packages' }).waitFor()
    return page
  }

  /** Confirms the money action in its dialog (named "<action>: <the thing> (<amount>)?"). */
  async function confirm(page: Page, action: string) {
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${action}: `) })
    await dialog.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: action, exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
  }

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite', jobs: true })
    organizer = await signUp(server.url, 'organizer', 'Harbor')
    sponsor = await signUp(server.url, 'sponsor', 'Fizz')
    await api(server.url, 'POST', '/v1/events', {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: { ...sampleEvent, title: 'Harbor Lights Festival' },
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

  it('runs package → proposal → counter → accept → fund → lock → release → payout', async () => {
    const host = await desk(organizer)
    await host.getByRole('link', { name: 'Packages' }).click()
    await host.getByRole('button', { name: 'Set up payouts' }).click()
    // The Stripe account id is not in the sentence: it sits in a copy affordance beside it.
    const payouts = host.getByRole('status').filter({ hasText: /^Payouts go to your connected Stripe account;/ })
    await payouts.waitFor()
    expect(await payouts.innerText()).toMatch(
      /^Payouts go to your connected Stripe account; Yardpass keeps 10\s?% of each order \(test mode: no real money moves\)\.\s+Stripe account\s+acct_\w+$/,
    )
    await payouts.getByRole('button', { name: 'Copy the stripe account' }).waitFor()
    await host.getByRole('button', { name: 'New package' }).click()
    const editor = host.getByRole('form', { name: 'Package editor' })
    await editor.getByLabel('Title').fill('Gold Stage Sponsor')
    // The event has no tiers set up: the tier is typed. A new package starts without benefits.
    await editor.getByLabel('Tier').fill('Gold')
    await editor.getByLabel('Benefit 1', { exact: true }).fill('Logo on the main stage')
    await editor.getByLabel('Benefit 1 detail').focus() // closes the suggestions
    await editor.getByLabel('Price (USD)').fill('1500')
    await editor.getByLabel('Inventory').fill('3')
    await editor.getByRole('button', { name: 'Save package' }).click()
    const gallery = host.getByRole('list', { name: 'Package gallery' })
    await gallery.getByText('Draft · Public (marketplace) · version 1').waitFor()
    await gallery.getByRole('button', { name: 'Publish Gold Stage Sponsor' }).click()
    await gallery.getByText('Published · Public (marketplace) · version 1').waitFor()

    const buyer = await desk(sponsor)
    await buyer.getByRole('link', { name: 'Packages' }).click()
    await buyer.getByLabel('Your price (USD) for Gold Stage Sponsor').fill('1400')
    await buyer.getByLabel('Message for Gold Stage Sponsor').fill("We'd love to sponsor your event!")
    await buyer.getByRole('button', { name: 'Make an offer on Gold Stage Sponsor' }).click()
    await buyer.getByRole('status').filter({ hasText: 'Offer sent for Gold Stage Sponsor.' }).waitFor()

    await host.getByRole('link', { name: 'Proposals' }).click()
    await host.getByRole('button', { name: /Open Gold Stage Sponsor with Fizz/ }).click()
    const thread = host.getByRole('article', { name: 'Proposal thread' })
    await thread.getByText('$1,400.00').waitFor()
    await thread.getByLabel('Message').fill('Adding 3 story posts to sweeten the deal')
    // The accessible name is the visible label (label in name), not a shorter one.
    await thread.getByLabel('Counter price (USD)', { exact: true }).fill('1750')
    await thread.getByRole('button', { name: 'Counter' }).click()
    await thread.getByText(/offer \$1,750\.00/).waitFor()
    expect(await seriousViolations(host)).toEqual([])
    await screenshot(host, 'proposals')
    expect(await thread.getByRole('button', { name: 'Accept offer' }).count()).toBe(0)

    await buyer.getByRole('link', { name: 'Proposals' }).click()
    await buyer.getByRole('button', { name: /Open Gold Stage Sponsor/ }).click()
    const offer = buyer.getByRole('article', { name: 'Proposal thread' })
    await offer.getByRole('button', { name: 'Accept offer' }).click()
    // The confirmation names the package, the sponsor and the amount.
    await buyer
      .getByRole('dialog', { name: /^Accept offer: Gold Stage Sponsor with Fizz.* \(\$1,750\.00\)\?$/ })
      .waitFor()
    await confirm(buyer, 'Accept offer')
    await offer.getByRole('link', { name: 'View the order' }).click()
    const order = buyer.getByRole('article', { name: 'Order' })
    await order.getByText('$1,750.00').first().waitFor()
    await order.getByLabel('Card').selectOption('pm_card_chargeDeclined')
    await order.getByRole('button', { name: 'Fund escrow' }).click()
    await confirm(buyer, 'Fund escrow')
    await order.getByRole('alert').filter({ hasText: 'Your card was declined.' }).waitFor()
    await order.getByLabel('Card').selectOption('pm_card_visa')
    await order.getByRole('button', { name: 'Fund escrow' }).click()
    await confirm(buyer, 'Fund escrow')
    await expect.poll(() => order.getByLabel('Escrow state').textContent()).toBe('Funded')

    await host.getByRole('link', { name: 'Orders' }).click()
    await host.getByRole('button', { name: 'Open order for Gold Stage Sponsor' }).click()
    const escrow = host.getByRole('article', { name: 'Order' })
    // The organizer reads the sponsor's declined payment from their side, the statuses in words.
    await expect
      .poll(() => escrow.getByRole('list', { name: 'Payments' }).getByRole('listitem').allInnerTexts())
      .toEqual([
        expect.stringMatching(/^Attempt 1: Did not go through — The sponsor's card was declined\./),
        expect.stringMatching(/^Attempt 2: Paid /),
      ])
    await escrow.getByRole('button', { name: 'Lock escrow' }).click()
    await confirm(host, 'Lock escrow')
    await expect.poll(() => escrow.getByLabel('Escrow state').textContent()).toBe('Locked')
    // The package's benefits (logo on stage, a booth) are deliverables: releasing before they are approved is refused
    // with what is outstanding; once the sponsor has waived the last of them, the escrow is released on its own.
    await escrow.getByRole('button', { name: 'Release escrow' }).click()
    await confirm(host, 'Release escrow')
    await escrow
      .getByRole('alert')
      .filter({ hasText: /released once every deliverable is approved or waived.*still open: .*logo/i })
      .waitFor()
    const orderId = (
      await api(server.url, 'GET', '/v1/sponsorship-orders', { token: sponsor.access_token, orgId: sponsor.orgId })
    ).body.data[0].id
    const deliverables = await api(server.url, 'GET', `/v1/deliverables?order_id=${orderId}`, {
      token: sponsor.access_token,
      orgId: sponsor.orgId,
    })
    expect(deliverables.body.data.length).toBeGreaterThan(0)
    for (const deliverable of deliverables.body.data) {
      const waived = await api(server.url, 'POST', `/v1/deliverables/${deliverable.id}:waive`, {
        token: sponsor.access_token,
        orgId: sponsor.orgId,
        body: {},
      })
      expect(waived.status).toBe(200)
    }
    // The open order follows the server on its own (no Refresh): released, then paid out by the payout worker.
    await expect.poll(() => escrow.getByLabel('Escrow state').textContent(), { timeout: 20_000 }).toBe('Released')
    await expect
      .poll(() => escrow.getByLabel('Payout').textContent(), { timeout: 20_000 })
      .toMatch(/Payout completed · \$1,575\.00 \(fee \$175\.00\) · transfer tr_/)
    await escrow
      .getByRole('list', { name: 'Escrow timeline' })
      .getByText(/Paid out ·/)
      .waitFor()
    expect(await seriousViolations(host)).toEqual([])
    await screenshot(host, 'orders')
  }, 120_000)

  it("states a cancellation's refund and penalty, and shows a payment waiting for 3-D Secure in words", async () => {
    // A policy whose window is open now (200 days before a 2027 event): a sponsor's cancellation keeps 20 %.
    const world = await commerceWorld(server.url, {
      package: { price_cents: 100000, cancellation_policy: { window_days: 200, penalty_pct: 0.2 } },
    })
    const order = async (who: Awaited<ReturnType<typeof buyer>>, card: string) => {
      const created = await api(server.url, 'POST', '/v1/sponsorship-orders', {
        ...as(who.owner),
        body: {
          package_id: world.packageId,
          sponsor_id: who.sponsorId,
          event_id: world.eventId,
          amount_cents: 100000,
          currency: 'USD',
        },
      })
      expect(created.status).toBe(201)
      await api(server.url, 'POST', `/v1/sponsorship-orders/${created.body.id}:fund`, {
        ...as(who.owner),
        body: { payment_method_id: card },
      })
      return created.body.id as string
    }
    const canceller = await buyer(server.url, 'Quitter')
    const orderId = await order(canceller, 'pm_card_visa')
    const waiting = await buyer(server.url, 'Waiter')
    await order(waiting, 'pm_card_threeDSecure2Required')

    const page = await desk(canceller.owner)
    await page.getByRole('link', { name: 'Orders' }).click()
    await page.getByRole('button', { name: 'Open order for Gold Stage Sponsor' }).click()
    const view = page.getByRole('article', { name: 'Order' })
    await expect.poll(() => view.getByLabel('Escrow state').textContent()).toBe('Funded')
    await view.getByRole('button', { name: 'Cancel order' }).click()
    const dialog = page.getByRole('dialog', {
      name: /^Cancel order: Gold Stage Sponsor for Quitter Org \(\$800\.00\)\?$/,
    })
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain(
      "$800.00 is refunded to your card. The package's cancellation policy keeps $200.00 (20 %) as a penalty, because the event starts in less than 200 days; it is paid to the organizer.",
    )
    await confirm(page, 'Cancel order')
    // The server refunds what the confirmation said.
    await expect
      .poll(
        async () =>
          (await api(server.url, 'GET', `/v1/sponsorship-orders/${orderId}`, as(canceller.owner))).body.refunded_cents,
        { timeout: 20_000 },
      )
      .toBe(80000)

    const host = await desk(world.organizer)
    await host.getByRole('link', { name: 'Orders' }).click()
    await host
      .getByRole('row')
      .filter({ hasText: 'Waiter Org' })
      .getByRole('button', { name: 'Open order for Gold Stage Sponsor' })
      .click()
    const held = host.getByRole('article', { name: 'Order' })
    await held.getByText('Gold Stage Sponsor · Waiter Org').waitFor()
    await held
      .getByRole('list', { name: 'Payments' })
      .getByText(/^Attempt 1: Waiting for 3-D Secure/)
      .waitFor()
    expect(await seriousViolations(host)).toEqual([])
  }, 120_000)
})
