// npm run bench:review — lead review at show scale, in Chromium through the web host. Loads BENCH_LEADS (100,000)
// leads into a fresh replica as pulled rows, signs a desktop core in against `npm run server` on a fresh Postgres
// database (TEST_DATABASE_URL), opens the Leads
// screen and prints: time to its first rows, per-keystroke search latency (p50/p99), time to clear the search, and
// the renderer's JS heap after several searches. Every answer shown is checked against a plain scan of the replica;
// a wrong one exits non-zero. The last line is one JSON object of the figures. Needs `npm run build` first.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost } from '../../electron/core/host/web-host'
import { openReplica } from '../../electron/core/db/replica'
import { SyncStore } from '../../electron/core/db/sync-store'
import type { Change } from '../../shared/sync/sync-protocol'
import { launchChromium } from '../support/browser'
import { openDatabase } from '../../server/db/open-database'
import { sponsorWorld } from '../support/sponsor-fixtures'
import { representative } from '../support/lead-fixtures'
import { ms, percentile, startBenchServer } from './bench-support'

const leadCount = Number(process.env.BENCH_LEADS ?? 100_000)
const rendererDir = resolve('out/renderer')
const MiB = 1024 * 1024

const firstNames = [
  'Erin',
  'Evan',
  'Ada',
  'Grace',
  'Linus',
  'Ken',
  'Barbara',
  'Alan',
  'Margaret',
  'Dennis',
  'Frances',
  'Edsger',
  'Radia',
  'Guido',
  'Hedy',
  'Tim',
]
const lastNames = [
  'Early',
  'Eager',
  'Lovelace',
  'Hopper',
  'Torvalds',
  'Thompson',
  'Liskov',
  'Turing',
  'Hamilton',
  'Ritchie',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Rossum',
  'Lamarr',
  'Berners-Lee',
]
const companies = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Labs',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Early Inc',
  'Soylent',
  'Cyberdyne',
  null,
]
const notes = [
  null,
  null,
  null,
  'Wants a demo next week',
  'Budget in Q3; call back',
  'Asked about 50% volume discount',
  'Met at the keynote "AI & you"',
]

/** A pulled lead row as the server sends it. */
function leadRow(i: number, sponsorId: string, eventId: string) {
  const id = randomUUID()
  const name = `${firstNames[i % 16]} ${lastNames[Math.floor(i / 16) % 16]} ${i}`
  const score = (i * 37) % 101
  const company = companies[i % companies.length] ?? null
  const note = notes[i % notes.length] ?? null
  const capturedAt = new Date(Date.UTC(2026, 4, 1) + i * 700).toISOString()
  return {
    id,
    sponsor_id: sponsorId,
    event_id: eventId,
    attendee_id: null,
    badge_code: `B-${String(i).padStart(6, '0')}`,
    is_manual: false,
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}.${i}@example.com`,
    company,
    title: 'Engineer',
    phone: null,
    consent: { source: 'attendee_directory', confirmed_by: null, confirmed_at: capturedAt },
    intent_score: score,
    intent_level: score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold',
    interactions: [{ type: 'booth_visit', points: 10, at: capturedAt, captured_by: null }],
    score_explanation: `booth_visit +10 = ${score}`,
    qualifiers: {},
    notes: note,
    note_entries: note
      ? [
          {
            id: randomUUID(),
            text: note,
            author_id: null,
            author_name: 'Bench Rep',
            device_id: null,
            created_at: capturedAt,
            edited_at: null,
          },
        ]
      : [],
    field_meta: {},
    history: [],
    is_starred: i % 97 === 0,
    is_archived: i % 10 === 3,
    follow_up_status: 'new',
    captured_by: null,
    capture_count: 1,
    first_captured_at: capturedAt,
    last_captured_at: capturedAt,
    updated_at: capturedAt,
  }
}

/** What the checks need of a lead; the full rows are not kept, so the bench's own heap stays small beside the core's. */
interface Row {
  name: string
  fields: string[]
  isArchived: boolean
  at: string
}
const compact = (row: ReturnType<typeof leadRow>): Row => ({
  name: row.name,
  fields: [row.name, row.email, row.company ?? '', row.badge_code, row.notes ?? ''].map((value) => value.toLowerCase()),
  isArchived: row.is_archived,
  at: row.last_captured_at,
})

/** The expected answer by a plain scan, with the old screen's semantics: active leads, newest first, every word a substring. */
function expected(rows: readonly Row[], q: string) {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const matching = rows.filter(
    (row) => !row.isArchived && words.every((word) => row.fields.some((value) => value.includes(word))),
  )
  matching.sort((a, b) => b.at.localeCompare(a.at))
  return { total: matching.length, first: matching.slice(0, 5).map((row) => row.name) }
}

// In the page: resolves, one frame after the Leads screen answers its next query, with the ms since `since`.
const nextAnswer = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        const status = document.querySelector('.lead-count')!
        const before = status.getAttribute('data-version')
        const observer = new MutationObserver(() => {
          if (status.getAttribute('data-version') === before) return
          observer.disconnect()
          requestAnimationFrame(() =>
            done(performance.now() - (window as unknown as { benchStart: number }).benchStart),
          )
        })
        observer.observe(status, { attributes: true })
        setTimeout(() => done(Number.POSITIVE_INFINITY), 10_000)
      }),
  )

async function shown(page: Page) {
  // The rows come first; the total follows when counting it was not free.
  const text = await page.locator('.lead-count:not([data-counting])').innerText()
  const names = await page.getByRole('table', { name: 'Leads' }).getByRole('rowheader').allInnerTexts()
  return { total: Number(text.replace(/\D/g, '')), first: names.slice(0, 5) }
}

const failures: string[] = []
function check(label: string, actual: { total: number; first: string[] }, wanted: { total: number; first: string[] }) {
  if (actual.total !== wanted.total || JSON.stringify(actual.first) !== JSON.stringify(wanted.first)) {
    failures.push(
      `${label}: showed ${actual.total} ${JSON.stringify(actual.first)}, expected ${wanted.total} ${JSON.stringify(wanted.first)}`,
    )
  }
}

async function main() {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build.')
  // The server in its own process (`npm run server` on Postgres), as it is for a desktop at a show: its work does
  // not share the desktop core's event loop.
  const server = await startBenchServer()
  const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://', poolSize: 2 })
  const dataDir = mkdtempSync(join(tmpdir(), 'yp-bench-review-'))
  const core = new DesktopCore({ dataDir, defaultServerUrl: server.url })
  // The core's own time per command, to tell SQLite's share of a latency from the renderer's and the socket's.
  const coreTimes = new Map<string, number[]>()
  const invoke: (command: string, args: unknown) => Promise<unknown> = core.invoke.bind(core)
  const timed = async (command: string, args: unknown) => {
    const started = performance.now()
    try {
      return await invoke(command, args)
    } finally {
      coreTimes.set(command, [...(coreTimes.get(command) ?? []), performance.now() - started])
      if (process.env.BENCH_TRACE)
        console.log(
          `  @${started.toFixed(0)} ${command} ${JSON.stringify(args)} ${(performance.now() - started).toFixed(1)} ms`,
        )
    }
  }
  core.invoke = timed as typeof core.invoke
  const host = await startWebHost({ core, rendererDir, port: 0 })
  const browser = await launchChromium()
  try {
    const world = await sponsorWorld(server.url, 'Review Bench')
    const rep = await representative(server.url, db, world, 'representative', 'Bench Rep')
    await core.invoke('session-login', { serverUrl: server.url, email: rep.user.email, password: rep.password })
    await core.syncNow()

    // The leads, written as a pull would write them: through the replica's sync store, in pages.
    const rows: Row[] = []
    const replica = openReplica(join(dataDir, 'replica.sqlite'))
    const store = new SyncStore(replica)
    const loadStarted = performance.now()
    for (let start = 0; start < leadCount; start += 5000) {
      const batch = Array.from({ length: Math.min(5000, leadCount - start) }, (_, i) =>
        leadRow(start + i, world.sponsorId, world.eventId),
      )
      const changes: Change[] = batch.map((row, i) => ({
        version: start + i + 1,
        table: 'leads',
        op: 'upsert',
        id: row.id,
        row,
      }))
      store.applyChanges(changes, store.cursor())
      rows.push(...batch.map(compact))
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000
    const stored = (
      replica.prepare('SELECT count(*) AS n FROM leads WHERE sponsor_id = ?').get(world.sponsorId) as { n: number }
    ).n
    replica.close()
    if (stored !== leadCount) throw new Error(`the replica holds ${stored} leads, not ${leadCount}`)
    console.log(
      `bench:review — ${leadCount} leads written to the replica in ${loadSeconds.toFixed(1)} s (indexes and FTS kept by triggers)`,
    )

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const cdp = await page.context().newCDPSession(page)
    await page.goto(host.url)
    // The core signed in above; the page opens on the signed-in app.
    await page.getByRole('link', { name: 'Leads' }).waitFor()

    // 1. From the click on "Leads" to its first rows on screen.
    if (process.env.BENCH_TRACE) {
      console.log(`  @${performance.now().toFixed(0)} click Leads`)
      await page.evaluate(() => {
        const log: string[] = []
        ;(window as unknown as { benchLog: string[] }).benchLog = log
        const t0 = performance.now()
        const send = WebSocket.prototype.send
        WebSocket.prototype.send = function (data) {
          log.push(`${(performance.now() - t0).toFixed(0)} send ${String(data).slice(0, 60)}`)
          return send.call(this, data)
        }
        new PerformanceObserver((list) =>
          list
            .getEntries()
            .forEach((e) => log.push(`${(e.startTime - t0).toFixed(0)} longtask ${e.duration.toFixed(0)}ms`)),
        ).observe({ entryTypes: ['longtask'] })
      })
    }
    const firstRows = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const started = performance.now()
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[role="table"][aria-label="Leads"] [role="rowheader"]')) return
            observer.disconnect()
            requestAnimationFrame(() => done(performance.now() - started))
          })
          observer.observe(document.body, { childList: true, subtree: true })
          document.querySelector<HTMLAnchorElement>('a[href="#/leads"]')!.click()
        }),
    )
    await page.locator('.lead-count', { hasText: /^[\d,]+ leads?$/ }).waitFor()
    if (process.env.BENCH_TRACE)
      console.log(
        await page.evaluate(() => (window as unknown as { benchLog: string[] }).benchLog.join('\n')),
        `\nfirst rows ${firstRows}`,
      )
    check('first rows', await shown(page), expected(rows, ''))
    const renderedRows = await page.getByRole('table', { name: 'Leads' }).getByRole('row').count()

    // 2. Typing searches, a key at a time, each timed from its keydown to its answer on screen.
    const search = page.getByLabel('Search leads')
    await page.evaluate(() => {
      document.addEventListener(
        'keydown',
        () => {
          ;(window as unknown as { benchStart: number }).benchStart = performance.now()
        },
        { capture: true },
      )
    })
    const keystrokes: number[] = []
    let clearMs: number[] = []
    const typed = ['hopper', 'acme corp', 'b-0123', 'early inc', 'discount', '"ai', 'ada 99']
    for (const text of typed) {
      await search.focus()
      for (let i = 0; i < text.length; i++) {
        // A space only ends a word: the query (trimmed) is unchanged, so there is nothing to wait for.
        if (text[i] === ' ') {
          await page.keyboard.press('Space')
          continue
        }
        const answered = nextAnswer(page)
        await page.keyboard.press(text[i]!)
        keystrokes.push(await answered)
        check(`"${text.slice(0, i + 1)}"`, await shown(page), expected(rows, text.slice(0, i + 1)))
      }
      // 3. Clearing the search: select all, delete.
      await page.keyboard.press('Control+A')
      const cleared = nextAnswer(page)
      await page.keyboard.press('Backspace')
      clearMs.push(await cleared)
      check(`cleared after "${text}"`, await shown(page), expected(rows, ''))
    }
    keystrokes.sort((a, b) => a - b)
    clearMs = clearMs.sort((a, b) => a - b)

    // A long scroll: half way down the list, rows load and are the right ones.
    await page.locator('[role="table"][aria-label="Leads"] [data-table-body]').evaluate((body) => {
      body.scrollTop = body.scrollHeight / 2
    })
    // Wait until the rows in view are the far ones and loaded, then read one row's index and name together.
    const middle = (await (
      await page.waitForFunction(() => {
        const row = document.querySelector('[role="table"][aria-label="Leads"] [data-table-body] [role="row"]')
        const index = Number(row?.getAttribute('aria-rowindex') ?? 0) - 2
        const name = row?.querySelector('[role="rowheader"]')?.textContent
        return index > 1000 && name && !document.querySelector('[data-table-body] [data-loading]')
          ? { index, name }
          : null
      })
    ).jsonValue()) as { index: number; name: string }
    const middleIndex = middle.index
    const middleName = middle.name
    const active = rows.filter((row) => !row.isArchived).sort((a, b) => b.at.localeCompare(a.at))
    if (active[middleIndex]?.name !== middleName)
      failures.push(`scrolled to row ${middleIndex}: showed ${middleName}, expected ${active[middleIndex]?.name}`)

    if (process.env.BENCH_SCREENSHOT) {
      await page.getByRole('table', { name: 'Leads' }).getByRole('rowheader').first().getByRole('button').click()
      await page.getByRole('heading', { name: 'History' }).waitFor()
      await page.screenshot({ path: process.env.BENCH_SCREENSHOT })
    }

    // 4. The renderer's heap after those searches: as it stands, and after a garbage collection.
    const heapInUse = (await cdp.send('Runtime.getHeapUsage')).usedSize / MiB
    await cdp.send('HeapProfiler.collectGarbage')
    const heapAfterGc = (await cdp.send('Runtime.getHeapUsage')).usedSize / MiB
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length)

    const figures = {
      leads: leadCount,
      first_rows_ms: Number(firstRows.toFixed(1)),
      keystroke_p50_ms: Number(percentile(keystrokes, 50).toFixed(1)),
      keystroke_p99_ms: Number(percentile(keystrokes, 99).toFixed(1)),
      keystroke_max_ms: Number(keystrokes.at(-1)!.toFixed(1)),
      keystrokes: keystrokes.length,
      clear_ms: Number(percentile(clearMs, 50).toFixed(1)),
      clear_max_ms: Number(clearMs.at(-1)!.toFixed(1)),
      heap_mib: Number(heapInUse.toFixed(1)),
      heap_after_gc_mib: Number(heapAfterGc.toFixed(1)),
      rendered_rows: renderedRows,
      dom_nodes: domNodes,
      checks_failed: failures.length,
    }
    console.log(`first rows:   ${ms(firstRows)} (${renderedRows} rows in the DOM, ${domNodes} elements on the page)`)
    console.log(
      `keystroke:    p50 ${ms(percentile(keystrokes, 50))}, p99 ${ms(percentile(keystrokes, 99))}, max ${ms(keystrokes.at(-1)!)} (${keystrokes.length} keys over ${typed.length} searches)`,
    )
    console.log(`clear search: p50 ${ms(percentile(clearMs, 50))}, max ${ms(clearMs.at(-1)!)}`)
    console.log(`JS heap:      ${heapInUse.toFixed(1)} MiB in use, ${heapAfterGc.toFixed(1)} MiB after GC`)
    for (const [command, times] of coreTimes) {
      const sorted = [...times].sort((a, b) => a - b)
      console.log(
        `core ${command.padEnd(14)} ${sorted.length} calls, p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`,
      )
    }
    for (const failure of failures) console.error(`WRONG ${failure}`)
    console.log(JSON.stringify(figures))
    if (failures.length > 0) process.exitCode = 1
  } finally {
    await browser.close()
    await host.close()
    await core.close()
    await db.close()
    await server.stop()
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
