// Fulfillment in Chromium through the web host (issue 15): the sponsor drops a proof file for the stage
// branding it owes, the organizer sees it in its queue with the file's hash, asks for changes, the sponsor sends
// again, the organizer approves (after a confirmation naming it) — both screens following each other live — each step checked in the database — and the
// sponsor's ROI report shows its booth leads and downloads as a PDF. axe on every screen and dialog.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { api } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { launchChromium } from '../support/browser'
import { as } from '../support/commerce-fixtures'
import { Desks } from '../support/desk'
import { fulfillmentWorld, pngBytes, type FulfillmentWorld } from '../support/fulfillment-fixtures'
import { screenshot } from '../support/screenshots'
import { startTestServer, type TestServer } from '../support/test-server'

describe('fulfillment in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let desks: Desks
  let world: FulfillmentWorld
  let brandingId: string
  const proofFile = join(mkdtempSync(join(tmpdir(), 'yp-proof-')), 'backdrop.png')

  const statusOf = async (id: string) =>
    (await server.db.query<{ status: string }>('SELECT status FROM deliverables WHERE id = $1', [id])).rows[0]!.status

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { OUTBOX_POLL_MS: '50' } })
    world = await fulfillmentWorld(server.url, {
      package: { benefits: { logo_stage: true, stage_branding: 'Main stage backdrop' } },
    })
    const rows = await server.db.query<{ id: string; type: string }>(
      'SELECT id, type FROM deliverables WHERE order_id = $1',
      [world.orderId],
    )
    brandingId = rows.rows.find((r) => r.type === 'stage_branding')!.id
    writeFileSync(proofFile, pngBytes)
    // A booth lead for the ROI report.
    await api(server.url, 'POST', `/v1/events/${world.eventId}/attendees`, {
      ...as(world.organizer),
      body: [{ badge_code: 'R-1', name: 'Rita Return', consent_to_share: true }],
    })
    const lead = await api(
      server.url,
      'POST',
      `/v1/events/${world.eventId}/sponsors/${world.sponsor.sponsorId}/capture-lead`,
      { ...as(world.sponsor.owner), body: { badge_code: 'R-1', interaction: 'demo_request' } },
    )
    expect(lead.status).toBeLessThan(300)
    browser = await launchChromium()
    desks = new Desks(
      () => server.url,
      () => browser,
    )
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await desks?.close()
    await server?.close()
  })

  it(
    'the sponsor drops a proof; the organizer asks for changes, then approves what comes back',
    { timeout: 120_000 },
    async () => {
      const sponsorDesk = await desks.page(world.sponsor.owner, '/fulfillment')
      const sponsor = sponsorDesk.page
      const table = sponsor.getByRole('table', { name: 'Deliverables' })
      await table.getByRole('rowheader', { name: /Stage branding/ }).waitFor()
      expect(await seriousViolations(sponsor)).toEqual([])
      await table.getByRole('button', { name: /Open Stage branding/ }).click()
      const panel = sponsor.getByRole('complementary', { name: 'Deliverable Stage branding' })
      await panel.getByText('Yours to prove').waitFor()
      await panel.getByText('Asked for: Asset format: Main stage backdrop').waitFor()

      // A file dropped on the zone, or chosen with its button (from the keyboard here).
      const form = panel.getByRole('form', { name: 'Send a proof' })
      const chooser = sponsor.waitForEvent('filechooser')
      await form.getByRole('button', { name: 'Choose a file' }).focus()
      await sponsor.keyboard.press('Enter')
      await (await chooser).setFiles(proofFile)
      await form.getByText(/backdrop\.png — drop another to replace it/).waitFor()
      await form.getByLabel('Impressions').fill('25000')
      await form.getByLabel('Note').fill('Backdrop as printed')
      expect(await seriousViolations(sponsor)).toEqual([])
      await form.getByRole('button', { name: 'Send proof' }).click()
      await panel
        .getByRole('list', { name: 'Proofs' })
        .getByText(/^Proof 1 · /)
        .waitFor()
      const stored = await server.db.query<{ file_sha256: string; metrics: Record<string, number>; note: string }>(
        'SELECT file_sha256, metrics, note FROM deliverable_proofs WHERE deliverable_id = $1',
        [brandingId],
      )
      expect(stored.rows).toEqual([
        {
          file_sha256: createHash('sha256').update(pngBytes).digest('hex'),
          metrics: { impressions: 25000 },
          note: 'Backdrop as printed',
        },
      ])
      expect(await statusOf(brandingId)).toBe('submitted')
      await panel.getByText('Waiting for the organizer to review').waitFor()
      await screenshot(sponsor, 'fulfillment-sponsor')

      // The organizer reviews: the file previews, the chain checks out, and a reason is needed to send it back.
      const { page } = await desks.page(world.organizer, `/fulfillment?id=${brandingId}`)
      const review = page.getByRole('complementary', { name: 'Deliverable Stage branding' })
      await review.getByText('Yours to review').waitFor()
      await review.getByRole('button', { name: 'Preview' }).click()
      await review.getByRole('img', { name: 'Proof 1: backdrop.png' }).waitFor()
      await review.getByRole('button', { name: 'Check the proof chain' }).click()
      await review.getByText(/The proof chain is intact: 1 proof/).waitFor()
      await review.getByRole('button', { name: 'Ask for changes' }).click()
      await review.getByRole('alert').filter({ hasText: 'Say what needs to change first.' }).waitFor()
      await review.getByLabel('What needs to change (to send it back)').fill('The logo is cut off')
      await review.getByRole('button', { name: 'Ask for changes' }).click()
      const confirm = page.getByRole('dialog', { name: /Ask for changes/ })
      await confirm.getByText(/The logo is cut off/).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await confirm.getByRole('button', { name: 'Ask for changes' }).click()
      await review.getByText('Changes asked', { exact: true }).first().waitFor()
      expect(await statusOf(brandingId)).toBe('needs_changes')
      await screenshot(page, 'fulfillment')

      // The sponsor's screen follows on its own (no reload); a link this time; the organizer approves it.
      await panel.getByRole('alert').filter({ hasText: 'The logo is cut off' }).waitFor({ timeout: 15_000 })
      await form.getByLabel('Or a link to it').fill('https://assets.example/backdrop-v2.png')
      await form.getByRole('button', { name: 'Send proof' }).click()
      await panel
        .getByRole('list', { name: 'Proofs' })
        .getByText(/^Proof 2 · /)
        .waitFor()
      expect(await statusOf(brandingId)).toBe('submitted')

      await review
        .getByRole('list', { name: 'Proofs' })
        .getByText(/^Proof 2 · /)
        .waitFor({ timeout: 15_000 })
      await review.getByRole('button', { name: 'Approve' }).click()
      const approve = page.getByRole('dialog', { name: /Approve/ })
      await approve.getByText(/Stage branding for Fizz/).waitFor()
      await approve.getByRole('button', { name: 'Approve' }).click()
      await review.getByText('Approved', { exact: true }).first().waitFor()
      expect(await statusOf(brandingId)).toBe('approved')
    },
  )

  it("the sponsor's ROI report shows its booth leads and downloads as a PDF", async () => {
    const { page } = await desks.page(world.sponsor.owner, `/orders?id=${world.orderId}`)
    await page.getByRole('button', { name: 'ROI report' }).click()
    const roi = page.getByRole('region', { name: 'Return on investment' })
    await roi.getByText('Leads by intent: Hot 0, Warm 0, Cold 1.').waitFor()
    const figures = roi.getByRole('group', { name: 'Figures' })
    await figures.getByText('1 (0 hot, 0 warm, 1 cold)').waitFor()
    expect(await figures.innerText()).toMatch(/Invested\s+\$2,000\.00/)
    expect(await figures.innerText()).toMatch(/Cost per lead\s+\$2,000\.00/)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'roi-report')
    const downloading = page.waitForEvent('download')
    await roi.getByRole('button', { name: 'Export PDF' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^roi-report-.+\.pdf$/)
    const pdf = readFileSync((await download.path())!)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(1000)
  })
})
