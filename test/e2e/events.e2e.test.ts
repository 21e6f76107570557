// Events in Chromium (issue 12): create an event (dates checked before sending), edit it (capacity, categories,
// audience, brand safety — audience keys the editor does not show are kept), and the event page that gathers
// its tiers, sponsors with live lead counts, attendees and packages. Checked against the database.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { launchChromium } from '../support/browser'
import { as, goldPackage } from '../support/commerce-fixtures'
import { Desks, rendererDir } from '../support/desk'
import { addSponsorOrg } from '../support/sponsor-fixtures'
import { startTestServer, type TestServer } from '../support/test-server'

describe('events in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let organizer: SignedUp
  let sponsorOwner: SignedUp
  let desks: Desks
  const storedEvent = async (title: string) =>
    (
      await server.db.query<Record<string, unknown>>(
        'SELECT start_at, end_at, city, country, capacity, categories, target_audience, brand_safety_tags FROM events WHERE title = $1',
        [title],
      )
    ).rows

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    organizer = await signUp(server.url, 'organizer', 'Harbor')
    sponsorOwner = await signUp(server.url, 'sponsor', 'Fizz')
    browser = await launchChromium()
    desks = new Desks(
      () => server.url,
      () => browser,
    )
  })
  afterAll(async () => {
    await browser?.close()
    await desks?.close()
    await server?.close()
  })

  it(
    'creates an event from the keyboard and refuses one that ends before it starts',
    { timeout: 120_000 },
    async () => {
      const { page } = await desks.page(organizer, '/events')
      await page.getByText('No events yet').waitFor()
      await page.getByRole('button', { name: 'New event' }).click()
      const editor = page.getByRole('form', { name: 'Event editor' })
      await editor.getByLabel('Title').fill('Harbor Lights Festival')
      await editor.getByLabel('Starts').fill('2027-06-12T10:00')
      await editor.getByLabel('Ends').fill('2027-06-11T18:00')
      await editor.getByRole('button', { name: 'Create event' }).click()
      await editor.getByRole('alert').filter({ hasText: 'The event must end after it starts.' }).waitFor()
      expect(await storedEvent('Harbor Lights Festival')).toEqual([])

      await editor.getByLabel('Ends').fill('2027-06-13T18:00')
      await editor.getByLabel('City', { exact: true }).fill('Portland')
      await editor.getByLabel('Country').fill('US')
      // A negative capacity is refused before sending, said next to the field; not silently saved as 0.
      await editor.getByLabel('Capacity').fill('-5')
      await editor.getByLabel('Country').focus()
      expect(await editor.getByLabel('Capacity').inputValue()).toBe('-5')
      await editor.getByRole('button', { name: 'Create event' }).click()
      const negative = 'The capacity cannot be negative (-5): enter 0 or more people, or leave it empty.'
      await editor.getByRole('alert').filter({ hasText: negative }).waitFor()
      expect(await editor.getByText(negative).count()).toBe(2)
      expect(await storedEvent('Harbor Lights Festival')).toEqual([])
      await editor.getByLabel('Capacity').fill('4000')
      // Tags: typed, Enter after each.
      await editor.getByLabel('Categories').fill('music')
      await page.keyboard.press('Enter')
      await page.keyboard.type('food')
      await page.keyboard.press('Enter')
      await editor.getByLabel('Audience interests').fill('live music')
      await page.keyboard.press('Enter')
      await editor.getByLabel('Brand-safety tags').fill('family-friendly')
      await page.keyboard.press('Enter')
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'event-editor')
      await editor.getByRole('button', { name: 'Create event' }).click()
      await page.getByRole('status').filter({ hasText: 'Created Harbor Lights Festival.' }).waitFor()
      const [stored] = await storedEvent('Harbor Lights Festival')
      expect(stored).toMatchObject({
        city: 'Portland',
        country: 'US',
        capacity: 4000,
        categories: ['music', 'food'],
        brand_safety_tags: ['family-friendly'],
        target_audience: { interests: ['live music'], age_buckets: [] },
      })
      expect(new Date(stored!.end_at as string).getTime() - new Date(stored!.start_at as string).getTime()).toBe(
        (24 + 8) * 3_600_000,
      )
      await page.getByRole('list', { name: 'Events' }).getByRole('link', { name: 'Harbor Lights Festival' }).waitFor()
    },
  )

  it(
    'gathers an event’s tiers, sponsors with live lead counts, attendees and packages, and edits it keeping the rest of its audience',
    { timeout: 150_000 },
    async () => {
      const event = (
        await api(server.url, 'POST', '/v1/events', {
          ...as(organizer),
          body: {
            ...sampleEvent,
            title: 'Founders Summit',
            target_audience: { interests: ['startups'], regions: ['south'] },
          },
        })
      ).body
      const tiers = (
        await api(
          server.url,
          'POST',
          `/v1/organizations/${organizer.orgId}/events/${event.id}/sponsor-tiers/defaults`,
          as(organizer),
        )
      ).body.data
      const sponsorId = await addSponsorOrg(server.url, organizer, event.id, tiers[1].id, sponsorOwner)
      await api(server.url, 'POST', `/v1/events/${event.id}/attendees`, {
        ...as(organizer),
        body: [
          { badge_code: 'A-1', name: 'Ava Stone', consent_to_share: true },
          { badge_code: 'A-2', name: 'Bo Reed', consent_to_share: true },
          { badge_code: 'A-3', name: 'Cy Park' },
        ],
      })
      await api(server.url, 'POST', '/v1/sponsorship-packages', {
        ...as(organizer),
        body: { event_id: event.id, ...goldPackage },
      })
      const capture = (badge: string) =>
        api(server.url, 'POST', `/v1/events/${event.id}/sponsors/${sponsorId}/capture-lead`, {
          ...as(sponsorOwner),
          body: { badge_code: badge, interaction: 'demo_request' },
        })
      expect((await capture('A-1')).status).toBeLessThan(300)

      const { page } = await desks.page(organizer, '/events')
      await page.getByRole('list', { name: 'Events' }).getByRole('link', { name: 'Founders Summit' }).click()
      await page.getByRole('heading', { name: 'Founders Summit', level: 2 }).waitFor()
      const details = page.locator('dl[aria-label="Event details"]')
      await details.getByText('Austin, TX, US').waitFor()
      await page.getByRole('list', { name: 'Tiers of the event' }).getByText('Platinum').waitFor()
      await page
        .getByRole('list', { name: 'Sponsors of the event' })
        .getByText(/^Fizz.* \(Gold\): 1 lead$/)
        .waitFor()
      await page.getByText('3 attendees in the directory').waitFor()
      await page
        .getByRole('list', { name: 'Packages of the event' })
        .getByText(/^Gold Stage Sponsor: \$1,500\.00 · Draft$/)
        .waitFor()
      const counts = page.getByLabel('Lead counts')
      await expect
        .poll(() => counts.innerText(), { timeout: 15_000 })
        .toMatch(/^1 sponsor · 1 lead \(\d hot, \d warm, \d cold\)$/)

      // A capture at the booth: the counts move on their own.
      expect((await capture('A-2')).status).toBeLessThan(300)
      await expect.poll(() => counts.innerText(), { timeout: 15_000 }).toMatch(/^1 sponsor · 2 leads \(/)
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'event-page')

      await page.getByRole('button', { name: 'Edit event' }).click()
      const editor = page.getByRole('form', { name: 'Event editor' })
      expect(await editor.getByLabel('Title').inputValue()).toBe('Founders Summit')
      await editor.getByLabel('Capacity').fill('1500')
      await editor.getByLabel('Audience age groups').fill('25-34')
      await page.keyboard.press('Enter')
      await editor.getByRole('button', { name: 'Save event' }).click()
      await page.getByRole('status').filter({ hasText: 'Saved Founders Summit.' }).waitFor()
      await details.getByText('1,500').waitFor()
      const [stored] = await storedEvent('Founders Summit')
      expect(stored).toMatchObject({
        capacity: 1500,
        target_audience: { interests: ['startups'], regions: ['south'], age_buckets: ['25-34'] },
        categories: ['technology'],
      })
    },
  )
})
