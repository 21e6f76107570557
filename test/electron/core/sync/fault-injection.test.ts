// Fault injection with real processes (issue 4's proof): booths killed with -9 right after a reported saved capture (mid-capture burst),
// the server killed with -9 and the network cut at seeded times (not yet phase-triggered, issue 11). After every run:
// no lead lost, none duplicated, the replica agrees with Postgres, and no queue is left stuck.
// FAULT_RUNS (default 200) and FAULT_SEED reproduce a run; `npm run test:faults` runs more.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../../electron/core/desktop-core'
import { openDatabase } from '../../../../server/db/open-database'
import type { Database } from '../../../../server/db/database'
import type { SignedUp } from '../../../support/api-client'
import { testDatabaseUrl } from '../../../support/databases'
import { startServerProcess, type ServerProcess } from '../../../support/server-process'
import { sponsorWorld, type SponsorWorld } from '../../../support/sponsor-fixtures'
import { addAttendees, representative } from '../../../support/lead-fixtures'
import { startCuttableProxy, type CuttableProxy } from '../../../support/cuttable-proxy'

const runs = Number(process.env.FAULT_RUNS ?? 200)
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000)
const maxBadges = 14

/** mulberry32: a small seeded generator, so a failing run can be replayed with FAULT_SEED. */
function random(seedValue: number) {
  let a = seedValue
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
/** Where the faults landed over the whole run, printed in the summary line. */
const landed = { midCapture: 0 }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!testDatabaseUrl)('sync under process kills and network cuts', () => {
  let server: ServerProcess
  let proxy: CuttableProxy
  let db: Database
  let world: SponsorWorld
  let rep: SignedUp
  const rand = random(seed)

  beforeAll(async () => {
    server = await startServerProcess({ adminUrl: testDatabaseUrl! })
    proxy = await startCuttableProxy(server.url)
    db = await openDatabase({ databaseUrl: server.database.url, dataDir: 'unused', poolSize: 4 })
    world = await sponsorWorld(server.url, 'Faulty')
    rep = await representative(server.url, db, world, 'representative', 'Crash Tester')
    const attendees = Array.from({ length: runs * maxBadges }, (_, i) => ({ badge_code: `F-${Math.floor(i / maxBadges)}-${i % maxBadges}`, name: `Fault ${i}`, consent_to_share: true }))
    for (let i = 0; i < attendees.length; i += 5000) await addAttendees(server.url, world, attendees.slice(i, i + 5000))
  }, 120_000)
  afterAll(async () => {
    await db?.close()
    await proxy?.close()
    await server?.stop()
  })

  const badgesOf = (run: number) => Array.from({ length: 2 + Math.floor(rand() * (maxBadges - 1)) }, (_, i) => `F-${run}-${i}`)

  /** One booth process until it exits; killed with -9 right after it reports its killAtSaved-th saved
   * capture (phase-triggered, not on a clock) when given. Resolves with what it said it saved and its signal. */
  function boothProcess(job: object, killAtSaved?: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/booth-child.ts'], { env: { ...process.env, BOOTH_JOB: JSON.stringify(job) }, stdio: ['ignore', 'pipe', 'pipe'] })
    const saved: string[] = []
    let errors = ''
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.startsWith('saved ')) continue
        saved.push(line.slice(6))
        if (killAtSaved !== undefined && saved.length === killAtSaved) child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; saved: string[]; errors: string }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal, saved, errors }))
    })
  }

  /** The replica is the oracle of what the device saved; Postgres must hold exactly that, once. */
  async function verify(dataDir: string, badges: string[], saidSaved: string[]) {
    const replica = new BetterSqlite3(join(dataDir, 'replica.sqlite'), { readonly: true })
    const captures = replica.prepare('SELECT lead_id, badge_code, status FROM captures').all() as { lead_id: string; badge_code: string; status: string }[]
    const outbox = (replica.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n
    replica.close()
    const onServer = (await db.query<{ id: string; badge_code: string; capture_count: number }>(
      'SELECT id, badge_code, capture_count FROM leads WHERE sponsor_id = $1 AND badge_code = ANY($2)', [world.sponsorId, badges],
    )).rows
    expect(outbox).toBe(0)
    expect(captures.every((c) => c.status === 'synced')).toBe(true)
    expect(new Set(captures.map((c) => c.badge_code)).size).toBe(captures.length)
    for (const badge of saidSaved) expect(captures.map((c) => c.badge_code)).toContain(badge)
    expect(onServer.map((l) => l.id).sort()).toEqual(captures.map((c) => c.lead_id).sort())
    expect(onServer.every((l) => l.capture_count === 1)).toBe(true)
    return captures.length
  }

  async function coreKillRun(run: number) {
    const badges = badgesOf(run)
    const job = { dataDir: mkdtempSync(join(tmpdir(), 'yp-fault-')), serverUrl: server.url, email: rep.user.email, password: rep.password, sponsorId: world.sponsorId, eventId: world.eventId, badges }
    const said: string[] = []
    for (let kills = 1 + Math.floor(rand() * 2); kills > 0; kills--) {
      const left = badges.length - said.length
      if (left < 2) break
      // Killed right after a saved capture while more are still to be captured: mid-capture burst.
      // The next process is given only the badges not confirmed "saved", as a person re-scans only those.
      const killed = await boothProcess({ ...job, badges: badges.filter((b) => !said.includes(b)) }, 1 + Math.floor(rand() * (left - 1)))
      expect(killed.signal, killed.errors).toBe('SIGKILL')
      landed.midCapture += 1
      said.push(...killed.saved)
    }
    const last = await boothProcess({ ...job, badges: badges.filter((b) => !said.includes(b)) })
    expect(last.code, last.errors).toBe(0)
    return verify(job.dataDir, badges, [...said, ...last.saved])
  }

  async function serverKillRun(run: number) {
    const badges = badgesOf(run)
    const job = { dataDir: mkdtempSync(join(tmpdir(), 'yp-fault-')), serverUrl: server.url, email: rep.user.email, password: rep.password, sponsorId: world.sponsorId, eventId: world.eventId, badges }
    await boothProcess({ ...job, badges: [] }) // signed in and synced once
    const booth = boothProcess(job)
    await sleep(200 + Math.floor(rand() * 600))
    await server.crash()
    await sleep(Math.floor(rand() * 300))
    await server.start()
    const done = await booth
    expect(done.code, done.errors).toBe(0)
    expect(done.signal).toBeNull()
    return verify(job.dataDir, badges, done.saved)
  }

  async function networkCutRun(run: number) {
    const badges = badgesOf(run)
    const dataDir = mkdtempSync(join(tmpdir(), 'yp-fault-'))
    const core = new DesktopCore({ dataDir, defaultServerUrl: proxy.url, sync: { minDelayMs: 20, maxDelayMs: 100, pullPage: 100 } })
    try {
      await core.invoke('session-login', { serverUrl: proxy.url, email: rep.user.email, password: rep.password })
      const pulling = core.syncNow()
      await sleep(Math.floor(rand() * 150))
      proxy.cut()
      for (const badge of badges) await core.invoke('booth-capture', { sponsorId: world.sponsorId, eventId: world.eventId, badgeCode: badge, interaction: 'qr_scan' })
      await sleep(Math.floor(rand() * 200))
      proxy.restore()
      await pulling
      for (let i = 0; i < 100 && ((await core.invoke('sync-status', {})) as { pending: number }).pending > 0; i++) await core.syncNow()
      await core.syncNow()
      const consented = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attendees WHERE event_id = $1 AND consent_to_share', [world.eventId])).rows[0]!.n
      expect((await core.invoke('booth-recent', { sponsorId: world.sponsorId, eventId: world.eventId }) as { directorySize: number }).directorySize).toBe(consented)
    } finally {
      proxy.restore()
      await core.close()
    }
    return verify(dataDir, badges, badges)
  }

  it(`loses and duplicates no lead over ${runs} randomized runs (seed ${seed})`, { timeout: 1_800_000 }, async () => {
    const plan = Array.from({ length: runs }, (_, run) => ({ run, kind: run % 10 < 7 ? 'core' : run % 10 < 9 ? 'network' : 'server' }))
    let leads = 0
    // Booth crashes run three at a time (they share nothing but the server); the rest one by one.
    const booths = plan.filter((p) => p.kind === 'core')
    for (let i = 0; i < booths.length; i += 3) {
      const counts = await Promise.all(booths.slice(i, i + 3).map((p) => coreKillRun(p.run)))
      leads += counts.reduce((a, b) => a + b, 0)
    }
    for (const p of plan.filter((p) => p.kind !== 'core')) leads += p.kind === 'server' ? await serverKillRun(p.run) : await networkCutRun(p.run)
    const total = (await db.query<{ n: number; dup: number }>(
      'SELECT count(*)::int AS n, (count(*) - count(DISTINCT badge_code))::int AS dup FROM leads WHERE sponsor_id = $1', [world.sponsorId],
    )).rows[0]!
    expect(total).toEqual({ n: leads, dup: 0 })
    console.log(`fault injection: ${runs} runs (seed ${seed}), ${leads} leads, booth kills mid-capture ${landed.midCapture}, none lost or duplicated`)
  })
})
