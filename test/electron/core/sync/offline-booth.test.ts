// The desktop core's sync against a real server through a proxy whose network can be cut: captures made
// offline survive restarts, reach the server once when the network returns, and rejections say why.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../../electron/core/desktop-core'
import type { CaptureItem, SyncStatus } from '../../../../shared/desktop-api'
import type { SignedUp } from '../../../support/api-client'
import { describeBackends, testDatabaseUrl } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../../support/sponsor-fixtures'
import { addAttendees, representative } from '../../../support/lead-fixtures'
import { startCuttableProxy, type CuttableProxy } from '../../../support/cuttable-proxy'

describeBackends('offline booth capture and sync on %s', (backend) => {
  let server: TestServer
  let proxy: CuttableProxy
  let world: SponsorWorld
  let rep: SignedUp
  const cores: DesktopCore[] = []
  const dataDirs = new Map<DesktopCore, string>()
  const openCore = (dataDir = mkdtempSync(join(tmpdir(), 'yp-booth-'))) => {
    const core = new DesktopCore({ dataDir, defaultServerUrl: proxy.url, sync: { minDelayMs: 50, maxDelayMs: 200 } })
    cores.push(core)
    dataDirs.set(core, dataDir)
    return { core, dataDir }
  }
  const signIn = async (core: DesktopCore) => {
    await core.invoke('session-login', { serverUrl: proxy.url, email: rep.user.email, password: rep.password })
    await core.invoke('sponsors-list', {})
    await core.syncNow()
  }
  const capture = (core: DesktopCore, badgeCode: string, interaction = 'booth_visit') =>
    core.invoke('booth-capture', {
      sponsorId: world.sponsorId,
      eventId: world.eventId,
      badgeCode,
      interaction,
    }) as Promise<CaptureItem>
  const recent = async (core: DesktopCore) =>
    (
      (await core.invoke('booth-recent', { sponsorId: world.sponsorId, eventId: world.eventId })) as {
        captures: CaptureItem[]
      }
    ).captures
  const serverLeads = async () =>
    (
      await server.db.query<{ badge_code: string; capture_count: number }>(
        'SELECT badge_code, capture_count FROM leads WHERE sponsor_id = $1 ORDER BY badge_code',
        [world.sponsorId],
      )
    ).rows

  beforeAll(async () => {
    server = await startTestServer({ backend })
    proxy = await startCuttableProxy(server.url)
    world = await sponsorWorld(server.url)
    rep = await representative(server.url, server.db, world, 'booth_staff', 'Booth Bea')
    await addAttendees(server.url, world, [
      { badge_code: 'B-1', name: 'Bo', email: 'bo@example.com', consent_to_share: true },
      { badge_code: 'B-2', name: 'Bi', email: 'bi@example.com', consent_to_share: true },
      { badge_code: 'B-3', name: 'Private', consent_to_share: false },
    ])
  })
  afterEach(async () => {
    proxy.restore()
    await Promise.all(cores.splice(0).map((core) => core.close()))
  })
  afterAll(async () => {
    await proxy.close()
    await server.close()
  })

  it('pulls the consented directory, so badge lookups work offline', async () => {
    const { core } = openCore()
    await signIn(core)
    const booth = (await core.invoke('booth-recent', { sponsorId: world.sponsorId, eventId: world.eventId })) as {
      directorySize: number
    }
    expect(booth.directorySize).toBe(2)
    proxy.cut()
    const captured = await capture(core, 'B-1')
    expect(captured).toMatchObject({ name: 'Bo', status: 'pending' })
  })

  it('keeps captures made offline through a restart, then delivers each exactly once', async () => {
    const { core, dataDir } = openCore()
    await signIn(core)
    const before = new Map((await serverLeads()).map((l) => [l.badge_code, l.capture_count]))
    const expected = [
      { badge_code: 'B-1', capture_count: (before.get('B-1') ?? 0) + 2 },
      { badge_code: 'B-2', capture_count: (before.get('B-2') ?? 0) + 1 },
    ]
    proxy.cut()
    await capture(core, 'B-1')
    await capture(core, 'B-2', 'demo_request')
    await capture(core, 'B-1', 'demo_watched')
    await core.syncNow()
    const offline = (await core.invoke('sync-status', {})) as SyncStatus
    expect(offline).toMatchObject({ pending: 3, isReachable: false })
    expect((await recent(core)).map((c) => c.status)).toEqual(['pending', 'pending', 'pending'])

    await core.close()
    cores.splice(cores.indexOf(core), 1)
    const { core: restarted } = openCore(dataDir)
    expect((await recent(restarted)).map((c) => c.status)).toEqual(['pending', 'pending', 'pending'])
    proxy.restore()
    await restarted.syncNow()
    expect((await recent(restarted)).map((c) => c.status)).toEqual(['synced', 'synced', 'synced'])
    expect(await restarted.invoke('sync-status', {})).toMatchObject({ pending: 0, isReachable: true })
    expect(await serverLeads()).toEqual(expected)
    await restarted.syncNow()
    expect(await serverLeads()).toEqual(expected)
    const review = (await restarted.invoke('leads-list', { sponsorId: world.sponsorId })) as {
      leads: { badge_code: string }[]
    }
    expect(review.leads.map((l) => l.badge_code).sort()).toEqual(['B-1', 'B-2'])
  })

  it('shows a capture the server refuses as rejected, with the reason, and does not block the ones after it', async () => {
    // Consent withdrawn after the device's last pull: the device still holds the attendee, so only the server can refuse.
    await addAttendees(server.url, world, [{ badge_code: 'B-4', name: 'Wendy', consent_to_share: true }])
    const { core } = openCore()
    await signIn(core)
    await addAttendees(server.url, world, [{ badge_code: 'B-4', name: 'Wendy', consent_to_share: false }])
    await capture(core, 'B-4')
    await capture(core, 'B-2', 'content_view')
    await core.syncNow()
    const status = (await core.invoke('sync-status', {})) as SyncStatus
    expect(status.pending).toBe(0)
    expect(status.rejected).toMatchObject([{ badgeCode: 'B-4', status: 'rejected' }])
    expect(status.rejected[0]!.reason).toMatch(/not agreed to share/)
    expect((await recent(core)).find((c) => c.badgeCode === 'B-2')!.status).toBe('synced')
    // The pull after the push taught the device: the next scan of that badge is refused on the spot.
    await expect(capture(core, 'B-4')).rejects.toMatchObject({ code: 'consent-missing' })
  })

  it('refuses a badge whose attendee has not consented on the spot, offline, and queues nothing', async () => {
    const { core } = openCore()
    await signIn(core)
    proxy.cut()
    const failure = await capture(core, 'B-3').then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toMatchObject({ code: 'consent-missing' })
    expect(String((failure as Error).message)).toMatch(/has not agreed to share.*nothing was saved.*Enter by hand/s)
    expect(await core.invoke('sync-status', {})).toMatchObject({ pending: 0 })
    expect((await recent(core)).some((c) => c.badgeCode === 'B-3')).toBe(false)
    // The device learnt only that the badge is not to be captured: no name, no contact details.
    const held = new Database(join(dataDirs.get(core)!, 'replica.sqlite'), { readonly: true })
    try {
      const row = held.prepare("SELECT row_json FROM directory WHERE badge_code = 'B-3'").get() as { row_json: string }
      expect(Object.keys(JSON.parse(row.row_json)).sort()).toEqual(['badge_code', 'consented', 'event_id', 'id'])
    } finally {
      held.close()
    }
  })

  it('saves a badge the directory does not know as "not in the directory yet"; the server decides on sync', async () => {
    const { core } = openCore()
    await signIn(core)
    proxy.cut()
    const saved = await capture(core, 'NEW-1')
    expect(saved).toMatchObject({ status: 'pending', inDirectory: false, name: 'Badge NEW-1' })
    expect(await capture(core, 'B-1', 'content_view')).toMatchObject({ inDirectory: true })
    // The attendee reaches the server before the network returns: the engine pushes on its own as soon as it can.
    await addAttendees(server.url, world, [{ badge_code: 'NEW-1', name: 'Late Arrival', consent_to_share: true }])
    proxy.restore()
    await syncUntilSent(core)
    expect((await recent(core)).find((c) => c.badgeCode === 'NEW-1')!.status).toBe('synced')
  })

  it('scores each capture on the device with the shared scoring, offline, as the server does on sync', async () => {
    await addAttendees(server.url, world, [{ badge_code: 'S-1', name: 'Sol', consent_to_share: true }])
    const { core } = openCore()
    await signIn(core)
    proxy.cut()
    // demo_request 30 → cold; then direct_request 35 + repeat_visit 5 → 70 → hot, before any sync.
    expect(await capture(core, 'S-1', 'demo_request')).toMatchObject({ intentScore: 30, intentLevel: 'cold' })
    expect(await capture(core, 'S-1', 'direct_request')).toMatchObject({ intentScore: 70, intentLevel: 'hot' })
    proxy.restore()
    await syncUntilSent(core)
    const {
      rows: [lead],
    } = await server.db.query<{ intent_score: number; intent_level: string }>(
      "SELECT intent_score, intent_level FROM leads WHERE sponsor_id = $1 AND badge_code = 'S-1'",
      [world.sponsorId],
    )
    expect(lead).toEqual({ intent_score: 70, intent_level: 'hot' })
    // A later capture builds on the pulled lead: 70 + 15 + 5 = 90.
    expect(await capture(core, 'S-1', 'content_download')).toMatchObject({ intentScore: 90, intentLevel: 'hot' })
  })

  it('refuses to sign out with unsynced captures until they are exported to a file', async () => {
    const { core } = openCore()
    await signIn(core)
    proxy.cut()
    await capture(core, 'B-2')
    await expect(core.invoke('session-logout', {})).rejects.toMatchObject({ code: 'unsynced-leads' })
    const exported = await core.invoke('pending-export', {})
    expect(exported.count).toBe(1)
    expect(JSON.parse(exported.content).captures[0]).toMatchObject({ badgeCode: 'B-2' })
    // Made but not saved (the person cancelled the save dialog): still not safe to sign out.
    await expect(core.invoke('session-logout', {})).rejects.toMatchObject({ code: 'unsynced-leads' })
    // A capture made after the file was made is not in it, so saving that file does not cover it.
    await capture(core, 'B-1')
    expect(await core.invoke('pending-export-saved', exported.receipt)).toEqual({ unexported: 1 })
    await expect(core.invoke('session-logout', {})).rejects.toMatchObject({ code: 'unsynced-leads' })
    const second = await core.invoke('pending-export', {})
    expect(
      JSON.parse(second.content)
        .captures.map((c: { badgeCode: string }) => c.badgeCode)
        .sort(),
    ).toEqual(['B-1', 'B-2'])
    expect(await core.invoke('pending-export-saved', second.receipt)).toEqual({ unexported: 0 })
    expect(await core.invoke('session-logout', {})).toMatchObject({ state: 'signed-out' })
  })
})

/** Syncs until nothing is pending (a loaded machine may need a retry or two after a network change). */
async function syncUntilSent(core: DesktopCore) {
  for (let i = 0; i < 50 && ((await core.invoke('sync-status', {})) as SyncStatus).pending > 0; i++)
    await core.syncNow()
  expect(await core.invoke('sync-status', {})).toMatchObject({ pending: 0 })
}

// An access token that stops being accepted (expired, or signed with a key the server no longer has) is
// refreshed by the core without touching the outbox; captures made meanwhile keep working.
describe.skipIf(!testDatabaseUrl)(
  'offline booth with an access token the server no longer accepts (needs TEST_DATABASE_URL)',
  () => {
    it('captures offline, then refreshes the token and delivers every capture', { timeout: 90_000 }, async () => {
      const first = await startTestServer({ backend: 'postgres' })
      const proxy = await startCuttableProxy(first.url)
      let second: TestServer | undefined
      const core = new DesktopCore({
        dataDir: mkdtempSync(join(tmpdir(), 'yp-token-')),
        defaultServerUrl: proxy.url,
        sync: { minDelayMs: 50, maxDelayMs: 200 },
      })
      try {
        const world = await sponsorWorld(first.url, 'Token Co')
        const rep = await representative(first.url, first.db, world, 'booth_staff', 'Token Tess')
        await addAttendees(first.url, world, [
          { badge_code: 'T-1', name: 'Tia', consent_to_share: true },
          { badge_code: 'T-2', name: 'Tom', consent_to_share: true },
        ])
        await core.invoke('session-login', { serverUrl: proxy.url, email: rep.user.email, password: rep.password })
        await core.syncNow()
        proxy.cut()
        for (const badgeCode of ['T-1', 'T-2'])
          await core.invoke('booth-capture', {
            sponsorId: world.sponsorId,
            eventId: world.eventId,
            badgeCode,
            interaction: 'booth_visit',
          })
        // The server comes back with another signing key: every access token issued before is refused.
        second = await startTestServer({
          backend: 'postgres',
          databaseUrl: first.databaseUrl!,
          env: { JWT_SECRET: 'a-brand-new-signing-secret-for-the-test-0123' },
        })
        proxy.retarget(second.url)
        proxy.restore()
        await syncUntilSent(core)
        const stored = await second.db.query('SELECT badge_code FROM leads WHERE sponsor_id = $1 ORDER BY badge_code', [
          world.sponsorId,
        ])
        expect(stored.rows.map((r) => r.badge_code)).toEqual(['T-1', 'T-2'])
        expect(await core.invoke('session-status', {})).toMatchObject({ state: 'signed-in' })
      } finally {
        await core.close()
        await proxy.close()
        await second?.close()
        await first.close()
      }
    })
  },
)

describe.skipIf(!testDatabaseUrl)('offline booth when the server ends the session (needs TEST_DATABASE_URL)', () => {
  it('keeps unsynced captures through a forced sign-out, for their owner only', { timeout: 90_000 }, async () => {
    const first = await startTestServer({ backend: 'postgres' })
    const proxy = await startCuttableProxy(first.url)
    let second: TestServer | undefined
    const core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-forced-')),
      defaultServerUrl: proxy.url,
      sync: { minDelayMs: 50, maxDelayMs: 200 },
    })
    try {
      const world = await sponsorWorld(first.url, 'Forced Co')
      const rep = await representative(first.url, first.db, world, 'booth_staff', 'Forced Fay')
      const other = await representative(first.url, first.db, world, 'booth_staff', 'Other Oz')
      await addAttendees(first.url, world, [{ badge_code: 'X-1', name: 'Xia', consent_to_share: true }])
      await core.invoke('session-login', { serverUrl: proxy.url, email: rep.user.email, password: rep.password })
      await core.syncNow()
      proxy.cut()
      await core.invoke('booth-capture', {
        sponsorId: world.sponsorId,
        eventId: world.eventId,
        badgeCode: 'X-1',
        interaction: 'booth_visit',
      })
      // The server forgets every sign-in (refresh tokens gone, new signing key): the core is signed out.
      await first.db.query('DELETE FROM refresh_tokens')
      second = await startTestServer({
        backend: 'postgres',
        databaseUrl: first.databaseUrl!,
        env: { JWT_SECRET: 'another-signing-secret-for-the-forced-test-01' },
      })
      proxy.retarget(second.url)
      proxy.restore()
      await core.syncNow()
      expect(await core.invoke('session-status', {})).toMatchObject({ state: 'signed-out' })
      expect(await core.invoke('sync-status', {})).toMatchObject({ pending: 1 })

      await expect(
        core.invoke('session-login', { serverUrl: proxy.url, email: other.user.email, password: other.password }),
      ).rejects.toMatchObject({ code: 'unsynced-leads' })
      await core.invoke('session-login', { serverUrl: proxy.url, email: rep.user.email, password: rep.password })
      await syncUntilSent(core)
      expect(
        (await second.db.query('SELECT count(*)::int AS n FROM leads WHERE sponsor_id = $1', [world.sponsorId]))
          .rows[0]!.n,
      ).toBe(1)
    } finally {
      await core.close()
      await proxy.close()
      await second?.close()
      await first.close()
    }
  })
})
