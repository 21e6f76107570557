// npm run bench:sync — the desktop core against `npm run server` on Postgres. Prints:
//  1. local capture latency (p50/p99), each including its durable SQLite commit, while offline;
//  2. the time to push that offline backlog (BENCH_BACKLOG, 10,000) once the network returns;
//  3. the initial pull of a BENCH_DIRECTORY (100,000) attendee directory, in rows/s, with its progress, timed from
//     the first page asked for (sign-in is outside the window).
// It checks the pulled directory equals the server's consented attendees, badge for badge, and that the server holds
// one lead per offline capture; exit 1 when not. Ends with one JSON line.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { performance } from 'node:perf_hooks'
import { DesktopCore } from '../../electron/core/desktop-core'
import type { SyncStatus } from '../../shared/desktop-api'
import { openDatabase } from '../../server/db/open-database'
import { startCuttableProxy } from '../support/cuttable-proxy'
import { sponsorWorld } from '../support/sponsor-fixtures'
import { addAttendees, representative } from '../support/lead-fixtures'
import { BenchChecks, ms, percentile, startBenchServer } from './bench-support'

const backlog = Number(process.env.BENCH_BACKLOG ?? 10_000)
const directory = Number(process.env.BENCH_DIRECTORY ?? 100_000)

async function main() {
  const server = await startBenchServer()
  const db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'memory://', poolSize: 2 })
  const proxy = await startCuttableProxy(server.url)
  try {
    console.log(`bench:sync — server ${server.url} on Postgres; backlog ${backlog}, directory ${directory}`)
    const world = await sponsorWorld(server.url, 'Bench Booth')
    const rep = await representative(server.url, db, world, 'representative', 'Bench Rep')
    for (let start = 0; start < Math.max(backlog, directory); start += 10_000) {
      const size = Math.min(10_000, Math.max(backlog, directory) - start)
      await addAttendees(
        server.url,
        world,
        Array.from({ length: size }, (_, i) => ({
          badge_code: `D${start + i}`,
          name: `Attendee ${start + i}`,
          email: `a${start + i}@bench.example`,
          company: 'Bench Co',
          consent_to_share: true,
        })),
      )
    }

    // 3 first, on a fresh device: the initial pull of the whole directory (sign-in starts it).
    const freshDir = mkdtempSync(join(tmpdir(), 'yp-bench-pull-'))
    const fresh = new DesktopCore({ dataDir: freshDir, defaultServerUrl: server.url })
    const freshProgress: number[] = []
    fresh.subscribe((event, payload) => {
      const status = payload as SyncStatus
      if (event === 'sync-changed' && status.phase === 'pulling') freshProgress.push(status.pulled)
    })
    // The window opens when the first pull request leaves: sign-in is not part of it.
    let pullStarted: number | null = null
    const fetchBefore = globalThis.fetch
    globalThis.fetch = (input, init) => {
      if (pullStarted === null && String(input instanceof Request ? input.url : input).endsWith('/v1/sync/pull'))
        pullStarted = performance.now()
      return fetchBefore(input, init)
    }
    await fresh.invoke('session-login', { serverUrl: server.url, email: rep.user.email, password: rep.password })
    await fresh.syncNow()
    globalThis.fetch = fetchBefore
    const pullSeconds = (performance.now() - (pullStarted ?? performance.now())) / 1000
    const pulledRows = (
      (await fresh.invoke('booth-recent', { sponsorId: world.sponsorId, eventId: world.eventId })) as {
        directorySize: number
      }
    ).directorySize
    await fresh.close()
    const replica = new Database(join(freshDir, 'replica.sqlite'), { readonly: true })
    const pulledBadges = new Set(
      replica
        .prepare(
          "SELECT badge_code FROM directory WHERE event_id = ? AND coalesce(json_extract(row_json, '$.consented'), 1) = 1",
        )
        .pluck()
        .all(world.eventId) as string[],
    )
    replica.close()
    const consented = (
      await db.query<{ badge_code: string }>(
        'SELECT badge_code FROM attendees WHERE event_id = $1 AND consent_to_share',
        [world.eventId],
      )
    ).rows.map((row) => row.badge_code)
    const missing = consented.filter((badge) => !pulledBadges.has(badge))

    // 1. Captures while offline: each one durable before it returns.
    const booth = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-bench-booth-')),
      defaultServerUrl: proxy.url,
      sync: { minDelayMs: 100, maxDelayMs: 200 },
    })
    await booth.invoke('session-login', { serverUrl: proxy.url, email: rep.user.email, password: rep.password })
    await booth.syncNow()
    proxy.cut()
    const latencies: number[] = []
    let captureErrors = 0
    for (let i = 0; i < backlog; i++) {
      const started = performance.now()
      try {
        await booth.invoke('booth-capture', {
          sponsorId: world.sponsorId,
          eventId: world.eventId,
          badgeCode: `D${i}`,
          interaction: 'booth_visit',
        })
        latencies.push(performance.now() - started)
      } catch {
        captureErrors++
      }
    }
    latencies.sort((a, b) => a - b)

    // 2. The network returns: push the backlog.
    proxy.restore()
    const pushStarted = performance.now()
    for (
      let status = (await booth.invoke('sync-status', {})) as SyncStatus;
      status.pending > 0;
      status = (await booth.invoke('sync-status', {})) as SyncStatus
    )
      await booth.syncNow()
    const pushSeconds = (performance.now() - pushStarted) / 1000
    await booth.close()
    const stored = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE sponsor_id = $1', [world.sponsorId])
    ).rows[0]!.n

    console.log(
      `local capture:         p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)} (${backlog} captures, each committed to SQLite with synchronous=FULL)`,
    )
    console.log(
      `push offline backlog:  ${backlog} leads in ${pushSeconds.toFixed(2)} s = ${(backlog / pushSeconds).toFixed(0)} leads/s (${stored} leads on the server)`,
    )
    console.log(
      `initial directory pull: ${pulledRows} rows in ${pullSeconds.toFixed(2)} s = ${(pulledRows / pullSeconds).toFixed(0)} rows/s, ${freshProgress.length} progress updates (${freshProgress.slice(0, 3).join(', ')} … ${Math.max(0, ...freshProgress)})`,
    )
    const checks = new BenchChecks()
    checks.check('every offline capture was saved', captureErrors === 0, `${captureErrors} failed`)
    checks.check(
      'the server holds one lead per offline capture',
      stored === latencies.length,
      `${stored} leads for ${latencies.length} captures`,
    )
    checks.check(
      'the pulled directory equals the consented attendees',
      missing.length === 0 && pulledBadges.size === consented.length,
      `${pulledBadges.size} pulled, ${consented.length} consented, ${missing.length} missing (${missing.slice(0, 3).join(', ')})`,
    )
    checks.finish('sync', {
      capture_p50_ms: Number(percentile(latencies, 50).toFixed(2)),
      capture_p99_ms: Number(percentile(latencies, 99).toFixed(2)),
      captures: latencies.length,
      capture_errors: captureErrors,
      push_leads_per_s: Math.round(stored / pushSeconds),
      pull_rows: pulledRows,
      pull_s: Number(pullSeconds.toFixed(2)),
      pull_rows_per_s: Math.round(pulledRows / pullSeconds),
    })
  } finally {
    await proxy.close()
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
