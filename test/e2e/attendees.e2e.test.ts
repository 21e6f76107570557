// Organizer's Attendees screen in Chromium (issue 12): a CSV file previewed by its first rows, a bad file refused
// with its problems by line and nothing written, a 12,000-row file imported with the server's progress shown,
// then search and each attendee's consent — checked against the database.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { seriousViolations } from '../support/axe'
import { screenshot } from '../support/screenshots'
import { launchChromium } from '../support/browser'
import { as } from '../support/commerce-fixtures'
import { Desks, rendererDir } from '../support/desk'
import { startTestServer, type TestServer } from '../support/test-server'

const header = 'badge_code,name,email,company,title,consent_to_share'
const bigRows = 12_000

describe('attendees screen in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let organizer: SignedUp
  let eventId: string
  let desks: Desks
  const files = mkdtempSync(join(tmpdir(), 'yp-e2e-attendees-'))
  const stored = async () =>
    (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM attendees WHERE event_id = $1', [eventId]))
      .rows[0]!.n

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

  /** Chooses a file through the "Choose a CSV file" button, as a person would (the system's file chooser). */
  async function chooseFile(page: Page, name: string, text: string) {
    const path = join(files, name)
    writeFileSync(path, text)
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    await (await chooser).setFiles(path)
  }

  it('previews a file, lists its problems by line and writes nothing', { timeout: 120_000 }, async () => {
    const { page } = await desks.page(organizer, '/attendees')
    await page.getByText('No attendees yet').waitFor()
    await chooseFile(
      page,
      'bad.csv',
      [
        header,
        'B-1,Ava Stone,ava@x.example,Acme,CTO,yes',
        'B-2,,bo@x.example,Acme,,no',
        'B-3,Cy Park,,,,maybe',
        'B-1,Dee Lane,,,,yes',
        'B-5,Eve Moss,eve-at-x.example,,,yes',
        ',Fay Nord,,,,no',
      ].join('\n'),
    )
    const preview = page.getByRole('table', { name: 'Preview of bad.csv' })
    await preview.waitFor()
    expect(await preview.getByRole('row').nth(1).innerText()).toMatch(/^2\s+B-1\s+Ava Stone/)
    await page.getByText('bad.csv: 6 attendee rows.').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Import 6 attendees' }).click()
    const refused = page.getByRole('alert').filter({ hasText: 'Nothing was imported' })
    const problems = refused.getByRole('list', { name: 'Problems by line' })
    await problems.waitFor()
    const lines = await problems.getByRole('listitem').allInnerTexts()
    // Each problem in words a person reads, by line; never the validator's (`email must match format "email"`).
    expect(lines).toEqual([
      'Line 3: the name is empty',
      'Line 4: the consent column says "maybe"; write yes or no (true/false and 1/0 work too)',
      'Line 6: the email address is not valid',
      'Line 7: the badge code is empty',
    ])
    expect(await stored()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
  })

  it('imports a large file with progress, then searches it and shows consent', { timeout: 240_000 }, async () => {
    const { page } = await desks.page(organizer, '/attendees')
    const rows = Array.from(
      { length: bigRows },
      (_, i) =>
        `BADGE-${i + 1},Person ${i + 1},p${i + 1}@example.com,Company ${i % 50},Engineer,${i % 3 === 0 ? 'no' : 'yes'}`,
    )
    await chooseFile(
      page,
      'attendees.csv',
      [header, 'ZED-1,Zelda Quinn,zelda@q.example,Quinn Labs,CEO,yes', 'ZED-2,Zane Quill,,Quill Co,,no', ...rows].join(
        '\n',
      ),
    )
    await page.getByText(`attendees.csv: ${(bigRows + 2).toLocaleString('en-US')} attendee rows.`).waitFor()
    // Every progress line the screen shows while it imports.
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
      new MutationObserver(() => {
        const text = document.querySelector('[data-import-progress]')?.textContent
        if (text && seen.at(-1) !== text) seen.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByRole('button', { name: `Import ${(bigRows + 2).toLocaleString('en-US')} attendees` }).click()
    await page
      .getByText(
        `Imported ${(bigRows + 2).toLocaleString('en-US')} attendees: ${(bigRows + 2).toLocaleString('en-US')} new, 0 updated.`,
      )
      .waitFor({ timeout: 150_000 })
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
    expect(seen[0]).toBe('Sending the file…')
    expect(seen.some((line) => /^(Checking rows|Writing attendees): [\d,]+ of 12,002$/.test(line))).toBe(true)
    expect(await stored()).toBe(bigRows + 2)

    await page.getByText(`The first 500 of ${(bigRows + 2).toLocaleString('en-US')} attendees`).waitFor()
    await page.getByLabel('Search attendees').fill('quinn')
    await page.getByText('1 attendee matching “quinn”').waitFor()
    const table = page.getByRole('table', { name: 'Attendees' })
    await table.getByRole('row', { name: /Zelda Quinn.*ZED-1.*Agreed/ }).waitFor()
    await page.getByLabel('Search attendees').fill('Zane')
    await table.getByRole('row', { name: /Zane Quill.*Not agreed/ }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Search attendees').fill('')
    await screenshot(page, 'attendees')
  })
})
