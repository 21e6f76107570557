// A keyboard-wedge scanner at a busy booth: 100 badge codes typed a few milliseconds per character, each
// ended by Enter, with no pause between scans — offline, online, and on a slow device whose saves overlap.
// Every code must be captured exactly once and in order: in the replica, in Recent captures, on the server.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'
import type { SignedUp } from '../support/api-client'
import { launchChromium } from '../support/browser'
import { backends } from '../support/databases'
import { startTestServer, type TestServer } from '../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees, representative } from '../support/lead-fixtures'
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy'

const rendererDir = resolve('out/renderer')
const backend = backends.at(-1)!
const scans = 100

interface Desk {
  core: DesktopCore
  host: WebHost
  dataDir: string
}

describe(`a scanner typing ${scans} badges without pause (${backend})`, () => {
  let server: TestServer
  let proxy: CuttableProxy
  let browser: Browser
  let world: SponsorWorld
  let rep: SignedUp
  const desks: Desk[] = []

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npm run build (npm test does it).')
    server = await startTestServer({ backend })
    proxy = await startCuttableProxy(server.url)
    world = await sponsorWorld(server.url, 'Scanner Co')
    rep = await representative(server.url, server.db, world, 'representative', 'Sam Scanner')
    const attendees = [1, 2, 3].flatMap((run) =>
      Array.from({ length: scans }, (_, i) => ({
        badge_code: badge(run, i),
        name: `Visitor ${run}-${i}`,
        consent_to_share: true,
      })),
    )
    await addAttendees(server.url, world, attendees)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    for (const desk of desks) {
      await desk.host.close()
      await desk.core.close()
    }
    await proxy?.close()
    await server?.close()
  })

  async function openBooth(captureDelayMs?: number): Promise<{ desk: Desk; page: Page }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'yp-scanner-e2e-'))
    const core = new DesktopCore({
      dataDir,
      defaultServerUrl: proxy.url,
      sync: { minDelayMs: 100, maxDelayMs: 500 },
      ...(captureDelayMs ? { captureDelayMs } : {}),
    })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    const desk = { core, host, dataDir }
    desks.push(desk)
    const page = await browser.newPage()
    await page.goto(host.url)
    await page.getByLabel('Email').fill(rep.user.email)
    await page.getByLabel('Password').fill(rep.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Booth' }).click()
    await page.getByLabel('Event', { exact: true }).selectOption({ index: 0 })
    await page.getByText(`${3 * scans} attendees on this device`).waitFor({ timeout: 20_000 })
    return { desk, page }
  }

  /** Types each code as a wedge scanner does: a few ms per character, then Enter, and straight on to the next. */
  async function scanAll(page: Page, codes: string[]) {
    const field = page.getByLabel('Badge code')
    for (const code of codes) {
      await field.pressSequentially(code, { delay: 3 })
      await field.press('Enter')
    }
  }

  /** The badge codes this device captured, in the order their mutations were made. */
  function replicaCaptures(desk: Desk): string[] {
    const db = new BetterSqlite3(join(desk.dataDir, 'replica.sqlite'), { readonly: true })
    try {
      return (
        db
          .prepare('SELECT badge_code FROM captures WHERE sponsor_id = ? ORDER BY mutation_id')
          .all(world.sponsorId) as { badge_code: string }[]
      ).map((r) => r.badge_code)
    } finally {
      db.close()
    }
  }

  async function recentCodes(page: Page, run: number): Promise<string[]> {
    const texts = await page.getByRole('list', { name: 'Recent captures' }).getByRole('listitem').allInnerTexts()
    return texts
      .map((text) => /OX-\d+-\d+/.exec(text)?.[0])
      .filter((code): code is string => !!code && code.startsWith(`OX-${run}-`))
  }

  async function serverCodes(run: number): Promise<string[]> {
    const { rows } = await server.db.query<{ badge_code: string }>(
      `SELECT badge_code FROM leads WHERE sponsor_id = $1 AND badge_code LIKE $2 ORDER BY badge_code`,
      [world.sponsorId, `OX-${run}-%`],
    )
    return rows.map((r) => r.badge_code)
  }

  async function expectEveryScanKept(desk: Desk, page: Page, run: number, codes: string[]) {
    await expect
      .poll(() => replicaCaptures(desk).filter((c) => c.startsWith(`OX-${run}-`)), { timeout: 30_000 })
      .toHaveLength(codes.length)
    expect(replicaCaptures(desk).filter((c) => c.startsWith(`OX-${run}-`))).toEqual(codes)
    await expect
      .poll(() => recentCodes(page, run).then((shown) => [...shown].sort()), { timeout: 10_000 })
      .toEqual([...codes].sort())
    expect(await page.getByLabel('Badge code').inputValue()).toBe('')
  }

  it('keeps every scan made offline, in order, and syncs them all', { timeout: 120_000 }, async () => {
    const { desk, page } = await openBooth()
    const codes = Array.from({ length: scans }, (_, i) => badge(1, i))
    proxy.cut()
    await scanAll(page, codes)
    await expectEveryScanKept(desk, page, 1, codes)
    proxy.restore()
    await expect.poll(() => serverCodes(1), { timeout: 40_000 }).toEqual([...codes].sort())
  })

  it('keeps every scan made online at scanner speed', { timeout: 120_000 }, async () => {
    const { desk, page } = await openBooth()
    const codes = Array.from({ length: scans }, (_, i) => badge(2, i))
    await scanAll(page, codes)
    await expectEveryScanKept(desk, page, 2, codes)
    await expect.poll(() => serverCodes(2), { timeout: 40_000 }).toEqual([...codes].sort())

    // A scan that cannot be a badge stays on screen with its reason (and no Retry that would fail again);
    // the next scan still works.
    const tooLong = `OX-${'9'.repeat(200)}`
    await scanAll(page, [tooLong, badge(2, 0)])
    const notSaved = page.getByRole('alert', { name: 'Not saved' })
    await expect.poll(() => notSaved.innerText()).toContain(tooLong.slice(0, 40))
    expect(await notSaved.innerText()).toContain('longer than any badge code')
    expect(await notSaved.getByRole('button', { name: 'Retry' }).count()).toBe(0)
    await page.getByRole('status').filter({ hasText: 'Saved on this device: Visitor 2-0' }).waitFor()
  })

  it('keeps every scan on a slow device whose saves overlap the next scan', { timeout: 120_000 }, async () => {
    const { desk, page } = await openBooth(60)
    const codes = Array.from({ length: scans }, (_, i) => badge(3, i))
    await scanAll(page, codes)
    await expectEveryScanKept(desk, page, 3, codes)
    await expect.poll(() => serverCodes(3), { timeout: 40_000 }).toEqual([...codes].sort())
  })
})

function badge(run: number, i: number) {
  return `OX-${run}-${String(i).padStart(3, '0')}`
}
