// The sponsor admin's Profile and Analytics in Chromium (issue 12): the profile read and saved (bad addresses
// refused in words before sending), and the lead figures by hour, intent, representative and follow-up, each
// chart's figures in words checked against the database.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { api, signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { launchChromium } from '../support/browser'
import { as } from '../support/commerce-fixtures'
import { Desks, invitationCodeFrom, rendererDir } from '../support/desk'
import { sponsorWorld, type SponsorWorld } from '../support/sponsor-fixtures'
import { startTestServer, type TestServer } from '../support/test-server'

describe('sponsor profile and analytics in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let world: SponsorWorld
  let rep: SignedUp
  let desks: Desks

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    world = await sponsorWorld(server.url, 'Fizz')
    const { organizer, eventId, sponsorId, sponsorOwner } = world
    await api(server.url, 'POST', `/v1/events/${eventId}/attendees`, {
      ...as(organizer),
      body: ['A-1', 'A-2', 'A-3', 'A-4'].map((badge) => ({
        badge_code: badge,
        name: `Person ${badge}`,
        consent_to_share: true,
      })),
    })
    // A representative with their own sign-in, invited by the sponsor's owner.
    rep = await signUp(server.url, 'organizer', 'Rae')
    await api(server.url, 'POST', `/v1/organizations/${sponsorOwner.orgId}/sponsors/${sponsorId}/invitations`, {
      ...as(sponsorOwner),
      body: { email: rep.user.email, role: 'booth_staff' },
    })
    const outbox = join(server.config.dataDir, 'outbox')
    const code = invitationCodeFrom(
      readdirSync(outbox).map((file) => readFileSync(join(outbox, file), 'utf8')),
      rep.user.email,
    )
    expect(
      (
        await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
          token: rep.access_token,
          body: { token: code },
        })
      ).status,
    ).toBe(200)
    const capture = async (who: SignedUp, orgId: string, badge: string, interaction: string) => {
      const response = await api(server.url, 'POST', `/v1/events/${eventId}/sponsors/${sponsorId}/capture-lead`, {
        token: who.access_token,
        orgId,
        body: { badge_code: badge, interaction },
      })
      expect(response.status).toBeLessThan(300)
    }
    await capture(sponsorOwner, sponsorOwner.orgId, 'A-1', 'demo_request')
    await capture(sponsorOwner, sponsorOwner.orgId, 'A-1', 'direct_request')
    await capture(sponsorOwner, sponsorOwner.orgId, 'A-2', 'booth_visit')
    await capture(rep, world.sponsorOwner.orgId, 'A-3', 'demo_request')
    await capture(rep, world.sponsorOwner.orgId, 'A-4', 'booth_visit')
    const leads = (
      await server.db.query<{ id: string; badge: string }>(
        'SELECT l.id, a.badge_code AS badge FROM leads l JOIN attendees a ON a.id = l.attendee_id WHERE l.sponsor_id = $1',
        [sponsorId],
      )
    ).rows
    expect(leads).toHaveLength(4)
    const a2 = leads.find((lead) => lead.badge === 'A-2')!.id
    expect(
      (
        await api(server.url, 'PATCH', `/v1/sponsors/${sponsorId}/leads/${a2}`, {
          ...as(sponsorOwner),
          body: { follow_up_status: 'contacted' },
        })
      ).status,
    ).toBe(200)
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
    'shows leads by hour, intent, representative and follow-up to the sponsor admin',
    { timeout: 120_000 },
    async () => {
      const { page } = await desks.page(world.sponsorOwner, '/analytics')
      const summary = (title: string) => page.getByRole('figure', { name: title }).locator('[data-chart-summary]')
      await summary('Leads by intent').waitFor()
      const byIntent = (
        await server.db.query<{ level: string; n: number }>(
          'SELECT intent_level AS level, count(*)::int AS n FROM leads WHERE sponsor_id = $1 GROUP BY 1',
          [world.sponsorId],
        )
      ).rows
      const count = (level: string) => byIntent.find((row) => row.level === level)?.n ?? 0
      expect(await summary('Leads by intent').innerText()).toBe(
        `By intent: Hot: ${count('hot')}, Warm: ${count('warm')}, Cold: ${count('cold')}.`,
      )
      const names = (
        await server.db.query<{ name: string }>('SELECT name FROM users WHERE id = ANY($1) ORDER BY name', [
          [world.sponsorOwner.user.id, rep.user.id],
        ])
      ).rows.map((row) => row.name)
      const reps = await summary('Leads by representative').innerText()
      for (const name of names) expect(reps).toContain(`${name}: 2`)
      expect(await summary('Follow-up funnel').innerText()).toBe(
        'Follow-up: New: 3, Contacted: 1, Qualified: 0, Not interested: 0, Converted: 0. 4 leads in all.',
      )
      expect(await summary('Leads by hour').innerText()).toMatch(/^By hour: .+: 4\.$/)
      await page.getByRole('group', { name: 'Totals' }).getByText('active leads').waitFor()
      expect(await page.locator('.recharts-surface').count()).toBe(4)
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, 'analytics')
    },
  )

  it('tells a representative who is not an admin that analytics are for admins, and shows no figures', async () => {
    const { page } = await desks.page(rep, '/analytics', world.sponsorOwner.orgId)
    await page.getByText(/Analytics are for your sponsor’s admins\. Ask one of them to change your role/).waitFor()
    expect(await page.locator('.recharts-surface').count()).toBe(0)
    expect(await page.getByRole('group', { name: 'Totals' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
  })

  it('edits the company profile, refusing a bad web address in words', { timeout: 120_000 }, async () => {
    const { page } = await desks.page(world.sponsorOwner, '/profile')
    const form = page.getByRole('form', { name: 'Company profile' })
    await form.getByLabel('Company name').waitFor()
    expect(await form.getByLabel('Company name').inputValue()).toMatch(/^Fizz/)
    await form.getByLabel('Website').fill('fizz dot example')
    await form.getByLabel('Website').press('Enter')
    await form
      .getByRole('alert')
      .filter({ hasText: 'The website must be a web address starting with https:// or http://.' })
      .waitFor()
    await form.getByLabel('Website').fill('https://fizz.example')
    await form.getByLabel('Category', { exact: true }).fill('Beverage')
    await form.getByLabel('Contact email').fill('hello@fizz.example')
    await form.getByLabel('Description').fill('Sparkling drinks for long festival days.')
    await form.getByLabel('Logo address').fill('https://cdn.fizz.example/logo.png')
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'profile')
    await form.getByLabel('Category', { exact: true }).press('Enter')
    await page.getByRole('status').filter({ hasText: 'Saved the profile.' }).waitFor()
    const stored = (
      await server.db.query(
        'SELECT website, category, contact_email, description, logo_url FROM sponsors WHERE id = $1',
        [world.sponsorId],
      )
    ).rows[0]
    expect(stored).toEqual({
      website: 'https://fizz.example',
      category: 'Beverage',
      contact_email: 'hello@fizz.example',
      description: 'Sparkling drinks for long festival days.',
      logo_url: 'https://cdn.fizz.example/logo.png',
    })
  })
})
