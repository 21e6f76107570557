// Organizer's Sponsors screen in Chromium (issue 12, seed 004's management UI): the default tiers in one call,
// a new sponsor company in a tier, cards with counts and tabs by tier, featured toggle, people (invite with a
// role, resend, revoke, change a role) and archive with confirmation and undo — each checked in the database.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { launchChromium } from '../support/browser'
import { as } from '../support/commerce-fixtures'
import { Desks, invitationCodeFrom, rendererDir } from '../support/desk'
import { startTestServer, type TestServer } from '../support/test-server'
import { sponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees, capturer } from '../support/lead-fixtures'

describe('sponsors screen in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let organizer: SignedUp
  let eventId: string
  let desks: Desks
  const mails = () => {
    const outbox = join(server.config.dataDir, 'outbox')
    return existsSync(outbox) ? readdirSync(outbox).map((file) => readFileSync(join(outbox, file), 'utf8')) : []
  }
  const sponsorRow = async (name: string) =>
    (
      await server.db.query<{ is_featured: boolean; archived: boolean; tier: string }>(
        `SELECT es.is_featured, es.archived_at IS NOT NULL AS archived, t.name AS tier FROM event_sponsorships es JOIN sponsors s ON s.id = es.sponsor_id
       JOIN sponsor_tiers t ON t.id = es.tier_id WHERE s.company_name = $1`,
        [name],
      )
    ).rows[0]

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    organizer = await signUp(server.url, 'organizer', 'Harbor')
    eventId = (
      await api(server.url, 'POST', '/v1/events', {
        ...as(organizer),
        body: { ...sampleEvent, title: 'Harbor Lights Festival' },
      })
    ).body.id
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

  const card = (page: Page, name: string) =>
    page.getByRole('list', { name: 'Sponsors' }).getByRole('listitem', { name })

  it(
    'sets up tiers, adds a sponsor, features it, and shows it under its tier with its counts',
    { timeout: 120_000 },
    async () => {
      const { page } = await desks.page(organizer, '/sponsors')
      await page.getByText('Set up sponsor tiers first').waitFor()
      expect(await page.getByRole('button', { name: 'Add sponsor' }).isDisabled()).toBe(true)
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('button', { name: 'Create the default tiers' }).click()
      const tabs = page.getByRole('tablist', { name: 'Tiers' })
      await page.getByText('No sponsors yet').waitFor()
      const tiers = (
        await server.db.query<{ name: string }>(
          'SELECT name FROM sponsor_tiers WHERE event_id = $1 ORDER BY display_order',
          [eventId],
        )
      ).rows.map((r) => r.name)
      expect(tiers).toEqual(['Platinum', 'Gold', 'Silver', 'Bronze'])

      // A new company, by keyboard: the dialog's fields in order, Enter sends.
      await page.getByRole('button', { name: 'Add sponsor' }).click()
      const form = page.getByRole('form', { name: 'Add sponsor' })
      await form.getByLabel('Company name').fill('Fizz Cola')
      await page.keyboard.press('Tab')
      await page.keyboard.type('hello@fizz.example')
      await form.getByLabel('Tier').selectOption({ label: 'Gold' })
      await form.getByLabel('Company name').press('Enter')
      await page.getByRole('status').filter({ hasText: 'Added Fizz Cola.' }).waitFor()
      const fizz = card(page, 'Fizz Cola')
      await fizz.getByText('Contact: hello@fizz.example').waitFor()
      await fizz.getByText('0 representatives · 0 leads (0 hot, 0 warm, 0 cold)').waitFor()
      expect(await sponsorRow('Fizz Cola')).toEqual({ is_featured: false, archived: false, tier: 'Gold' })

      // Tabs by tier, operable with the arrow keys.
      await tabs.getByRole('tab', { name: /Gold/ }).click()
      await card(page, 'Fizz Cola').waitFor()
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => tabs.getByRole('tab', { selected: true }).innerText()).toMatch(/Silver/)
      await page.getByText('No sponsors in this tier').waitFor()
      expect(await card(page, 'Fizz Cola').count()).toBe(0)
      await tabs.getByRole('tab', { name: /All/ }).click()

      // Featured: a switch, toggled from the keyboard.
      await fizz.getByRole('switch', { name: 'Featured: Fizz Cola' }).focus()
      await page.keyboard.press('Space')
      await page.getByRole('status').filter({ hasText: 'Fizz Cola is featured.' }).waitFor()
      expect(await sponsorRow('Fizz Cola')).toMatchObject({ is_featured: true })
      await fizz.locator('.mantine-Badge-label', { hasText: 'Featured' }).waitFor()
      expect(await fizz.getByRole('switch', { name: 'Featured: Fizz Cola' }).isChecked()).toBe(true)
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'sponsors')
    },
  )

  it(
    'invites people with a role, resends and revokes, changes a role, and archives with confirmation and undo',
    { timeout: 120_000 },
    async () => {
      const { page } = await desks.page(organizer, '/sponsors')
      const fizz = card(page, 'Fizz Cola')
      await fizz.getByRole('button', { name: 'People at Fizz Cola' }).click()
      const dialog = page.getByRole('dialog', { name: 'People at Fizz Cola' })
      await dialog.getByText('Nobody yet').waitFor()
      const invite = dialog.getByRole('form', { name: 'Invite a representative' })
      // Two invitations: one to revoke, one that is accepted and whose role then changes.
      for (const [email, role] of [
        ['rae@fizz.example', 'Booth staff'],
        ['sam@fizz.example', 'Representative'],
      ] as const) {
        await invite.getByLabel('Email').fill(email)
        await invite.getByLabel('Role').selectOption({ label: role })
        await invite.getByRole('button', { name: 'Send invitation' }).click()
        await page
          .getByRole('status')
          .filter({ hasText: `Invited ${email} as ${role}.` })
          .waitFor()
      }
      const invitations = dialog.getByRole('table', { name: 'Invitations to Fizz Cola' })
      await invitations.getByRole('row', { name: /rae@fizz\.example Booth staff Waiting for an answer/ }).waitFor()
      const stored = async (email: string) =>
        (
          await server.db.query<{ status: string; send_count: number; role: string }>(
            'SELECT status, send_count, role FROM sponsor_invitations WHERE email = $1',
            [email],
          )
        ).rows[0]
      expect(await stored('rae@fizz.example')).toEqual({ status: 'pending', send_count: 1, role: 'booth_staff' })

      await dialog.getByRole('button', { name: 'Resend the invitation to rae@fizz.example' }).click()
      await page.getByRole('status').filter({ hasText: 'Sent the invitation to rae@fizz.example again.' }).waitFor()
      expect(await stored('rae@fizz.example')).toMatchObject({ send_count: 2 })

      await dialog.getByRole('button', { name: 'Revoke the invitation to rae@fizz.example' }).click()
      const confirm = page.getByRole('dialog', { name: 'Revoke invitation: rae@fizz.example?' })
      await confirm.getByRole('button', { name: 'Keep it as it is' }).click()
      expect(await stored('rae@fizz.example')).toMatchObject({ status: 'pending' })
      await dialog.getByRole('button', { name: 'Revoke the invitation to rae@fizz.example' }).click()
      await confirm.getByRole('button', { name: 'Revoke invitation' }).click()
      await invitations.getByRole('row', { name: /rae@fizz\.example Booth staff Revoked/ }).waitFor()
      expect(await stored('rae@fizz.example')).toMatchObject({ status: 'revoked' })

      // Sam accepts (with the code from the email), and then has a seat whose role the organizer changes.
      const sam = await signUp(server.url, 'sponsor', 'Sam')
      await server.db.query('UPDATE users SET email = $1 WHERE id = $2', ['sam@fizz.example', sam.user.id])
      const accepted = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
        token: sam.access_token,
        body: { token: invitationCodeFrom(mails(), 'sam@fizz.example') },
      })
      expect(accepted.status).toBe(200)
      await dialog
        .getByRole('button', { name: 'Close' })
        .click()
        .catch(() => page.keyboard.press('Escape'))
      await dialog.waitFor({ state: 'detached' })
      await fizz.getByText(/^1 representative · /).waitFor()
      await fizz.getByRole('button', { name: 'People at Fizz Cola' }).click()
      const people = dialog.getByRole('table', { name: 'People at Fizz Cola' })
      await people.getByRole('row', { name: /sam@fizz\.example/ }).waitFor()
      await people.getByLabel(/^Role of /).selectOption({ label: 'Admin' })
      await page
        .getByRole('status')
        .filter({ hasText: /is now Admin at Fizz Cola\./ })
        .waitFor()
      expect((await server.db.query('SELECT role FROM sponsor_users WHERE user_id = $1', [sam.user.id])).rows).toEqual([
        { role: 'admin' },
      ])
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'sponsor-people')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })

      // Archive asks first, naming the sponsor; undo restores it.
      await fizz.getByRole('button', { name: 'Archive Fizz Cola' }).click()
      const archive = page.getByRole('dialog', { name: 'Archive sponsor: Fizz Cola?' })
      await archive.getByText(/Its 0 leads are kept/).waitFor()
      await archive.getByRole('button', { name: 'Archive sponsor' }).click()
      await fizz.waitFor({ state: 'detached' })
      expect(await sponsorRow('Fizz Cola')).toMatchObject({ archived: true })
      await page
        .getByRole('status')
        .filter({ hasText: 'Archived Fizz Cola.' })
        .getByRole('button', { name: 'Undo' })
        .click()
      await page.getByRole('status').filter({ hasText: 'Restored Fizz Cola.' }).waitFor()
      await fizz.waitFor()
      expect(await sponsorRow('Fizz Cola')).toMatchObject({ archived: false })

      // Archived sponsors are listed on demand, with Restore.
      await fizz.getByRole('button', { name: 'Archive Fizz Cola' }).click()
      await archive.getByRole('button', { name: 'Archive sponsor' }).click()
      await fizz.waitFor({ state: 'detached' })
      await page.getByRole('switch', { name: 'Show archived' }).check()
      await fizz.getByText('Archived', { exact: true }).waitFor()
      await fizz.getByRole('button', { name: 'Restore Fizz Cola' }).click()
      await page.getByRole('status').filter({ hasText: 'Restored Fizz Cola.' }).waitFor()
      expect(await sponsorRow('Fizz Cola')).toMatchObject({ archived: false })
      expect(await seriousViolations(page)).toEqual([])
    },
  )
  it('moves a sponsor card’s lead counts on their own when its booth captures', { timeout: 120_000 }, async () => {
    const world = await sponsorWorld(server.url, 'Live Counts')
    const capture = capturer(server.url, world)
    await addAttendees(server.url, world, [
      { badge_code: 'L-1', name: 'Lee One', consent_to_share: true },
      { badge_code: 'L-2', name: 'Lee Two', consent_to_share: true },
    ])
    expect((await capture({ badge_code: 'L-1', interaction: 'booth_visit' })).status).toBeLessThan(300)
    const { page } = await desks.page(world.organizer, '/sponsors')
    const live = card(page, 'Live Counts Org')
    await live.getByText(/· 1 lead \(0 hot, 0 warm, 1 cold\)$/).waitFor()
    // Its own organization manages its people: no People button that could only fail.
    await live.getByText('Representatives managed by the sponsor').waitFor()
    expect(await live.getByRole('button', { name: /People at/ }).count()).toBe(0)
    // Captured at the booth while the organizer watches: the card follows without a reload.
    expect((await capture({ badge_code: 'L-2', interaction: 'demo_request' })).status).toBeLessThan(300)
    await live.getByText(/· 2 leads \(0 hot, 0 warm, 2 cold\)$/).waitFor({ timeout: 15_000 })
  })
})
