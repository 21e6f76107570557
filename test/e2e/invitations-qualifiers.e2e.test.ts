// Accepting an invitation and the booth questions editor in Chromium (issue 12): the web host opens the email's
// link path (#/accept-invitation?token=…), a wrong code is refused in words, the right one gives a booth seat;
// a sponsor admin writes text, one-choice, several-choice and rating questions for an event and retires one.
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

describe('invitations and booth questions in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let world: SponsorWorld
  let desks: Desks

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend: 'pglite' })
    world = await sponsorWorld(server.url, 'Fizz')
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
    'accepts an invitation from the link the email carries, after refusing a wrong code',
    { timeout: 120_000 },
    async () => {
      const rep: SignedUp = await signUp(server.url, 'organizer', 'Rae')
      const sent = await api(
        server.url,
        'POST',
        `/v1/organizations/${world.sponsorOwner.orgId}/sponsors/${world.sponsorId}/invitations`,
        { ...as(world.sponsorOwner), body: { email: rep.user.email, role: 'booth_staff' } },
      )
      expect(sent.status).toBe(201)
      const outbox = join(server.config.dataDir, 'outbox')
      const code = invitationCodeFrom(
        readdirSync(outbox).map((file) => readFileSync(join(outbox, file), 'utf8')),
        rep.user.email,
      )

      const { page, core } = await desks.page(rep, '/accept-invitation')
      const form = page.getByRole('form', { name: 'Accept an invitation' })
      // A wrong code, pasted as a whole link: refused in words, nothing given.
      await form
        .getByLabel('Invitation code')
        .fill('https://app.example/#/accept-invitation?token=not-the-real-code-0123456789')
      await form.getByLabel('Invitation code').press('Enter')
      await form
        .getByRole('alert')
        .filter({
          hasText:
            'No invitation has this code. Check that you pasted all of it, or ask the sponsor to send a new invitation.',
        })
        .waitFor()
      expect((await server.db.query('SELECT 1 FROM sponsor_users WHERE user_id = $1', [rep.user.id])).rowCount).toBe(0)
      expect(await seriousViolations(page)).toEqual([])

      // The email's link opens the screen with the code filled in.
      await page.goto(`${page.url().split('#')[0]}#/accept-invitation?token=${encodeURIComponent(code)}`)
      expect(await form.getByLabel('Invitation code').inputValue()).toBe(code)
      await form.getByRole('button', { name: 'Accept invitation' }).click()
      await page.getByText(/^You now represent Fizz.* as Booth staff\.$/).waitFor()
      expect((await server.db.query('SELECT role FROM sponsor_users WHERE user_id = $1', [rep.user.id])).rows).toEqual([
        { role: 'booth_staff' },
      ])
      await screenshot(page, 'accept-invitation')
      // The desktop knows the new seat at once: the booth offers the sponsor.
      expect((await core.invoke('sponsors-list', {})).sponsors.map((sponsor) => sponsor.id)).toContain(world.sponsorId)
      // "Open the booth" switches to the sponsor's organization: its navigation (Booth, Leads…) without a reload.
      await page.getByRole('button', { name: 'Open the booth' }).click()
      await page.getByRole('heading', { name: 'Booth', level: 2 }).waitFor()
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: 'Leads' }).waitFor({ timeout: 10_000 })
      expect(await page.getByLabel('Organization', { exact: true }).inputValue()).toBe(world.sponsorOwner.orgId)
    },
  )

  it('writes booth questions of each kind for an event and retires one', { timeout: 120_000 }, async () => {
    const { page } = await desks.page(world.sponsorOwner, '/profile')
    const section = page.getByRole('region', { name: 'Booth questions' })
    await section.getByText('No questions yet').waitFor()
    const stored = async () =>
      (
        await server.db.query<{
          prompt: string
          kind: string
          options: string[]
          is_required: boolean
          is_active: boolean
        }>(
          'SELECT prompt, kind, options, is_required, is_active FROM qualifier_questions WHERE sponsor_id = $1 AND event_id = $2 ORDER BY created_at',
          [world.sponsorId, world.eventId],
        )
      ).rows

    await section.getByRole('button', { name: 'Add a question' }).click()
    let form = section.getByRole('form', { name: 'New question' })
    await form.getByLabel('Question').fill('Budget this year?')
    await form.getByLabel('Answer').selectOption({ label: 'One choice' })
    await form.getByLabel('Choices').fill('Under $10k')
    await page.keyboard.press('Enter')
    await form.getByRole('button', { name: 'Save question' }).click()
    await form.getByRole('alert').filter({ hasText: 'Give at least two choices' }).waitFor()
    expect(await stored()).toEqual([])
    await form.getByLabel('Choices').fill('$10k or more')
    await page.keyboard.press('Enter')
    await form.getByLabel('Required').check()
    await form.getByRole('button', { name: 'Save question' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved the question “Budget this year?”.' }).waitFor()

    for (const [prompt, kind] of [
      ['How likely to buy?', 'Rating (1 to 5)'],
      ['Anything else?', 'Text'],
    ] as const) {
      await section.getByRole('button', { name: 'Add a question' }).click()
      form = section.getByRole('form', { name: 'New question' })
      await form.getByLabel('Question').fill(prompt)
      await form.getByLabel('Answer').selectOption({ label: kind })
      await form.getByLabel('Question').press('Enter')
      await page
        .getByRole('status')
        .filter({ hasText: `Saved the question “${prompt}”.` })
        .waitFor()
    }
    const list = section.getByRole('list', { name: 'Booth questions' })
    await list.getByRole('listitem', { name: 'Anything else?' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'booth-questions')

    await list.getByRole('button', { name: 'Edit Anything else?' }).click()
    form = section.getByRole('form', { name: 'Edit question Anything else?' })
    await form.getByLabel('Asked at the booth').uncheck()
    await form.getByRole('button', { name: 'Save question' }).click()
    await list.getByRole('listitem', { name: 'Anything else?' }).getByText('Retired').waitFor()
    expect(await stored()).toEqual([
      {
        prompt: 'Budget this year?',
        kind: 'single_choice',
        options: ['Under $10k', '$10k or more'],
        is_required: true,
        is_active: true,
      },
      { prompt: 'How likely to buy?', kind: 'rating', options: [], is_required: false, is_active: true },
      { prompt: 'Anything else?', kind: 'text', options: [], is_required: false, is_active: false },
    ])
  })
})
