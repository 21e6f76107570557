// Defect 1 of issue 12: after the server restarts gracefully (it ends every socket, so socket.io does not
// retry on its own) the desktop's connection indicator comes back to "Online" within seconds, not never.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../../electron/core/desktop-core'
import { buildApp, type App } from '../../../../server/app'
import { loadConfig } from '../../../../server/config'
import { openDatabase } from '../../../../server/db/open-database'
import { migrate } from '../../../../server/db/migrate'
import type { Database } from '../../../../server/db/database'
import { signUp } from '../../../support/api-client'

describe('the desktop realtime link across a server restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yp-restart-'))
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
  })
  let db: Database
  let app: App | null = null
  let core: DesktopCore | null = null
  let url = ''

  async function startServer(port: number) {
    app = await buildApp({ config, db })
    url = await app.listen({ port, host: '127.0.0.1' })
  }

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' })
    await migrate(db)
    await startServer(0)
  })
  afterAll(async () => {
    await core?.close()
    await app?.close()
    await db.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('goes offline when the server stops and back online once it is up again', { timeout: 40_000 }, async () => {
    const organizer = await signUp(url, 'organizer', 'Restart')
    core = new DesktopCore({ dataDir: mkdtempSync(join(tmpdir(), 'yp-restart-core-')), defaultServerUrl: url })
    const connections: string[] = []
    core.subscribe((event, payload) => {
      if (event === 'connection-changed') connections.push((payload as { connection: string }).connection)
    })
    await core.invoke('session-login', { serverUrl: url, email: organizer.user.email, password: organizer.password })
    await expect.poll(() => connections.at(-1), { timeout: 10_000 }).toBe('online')

    const port = Number(new URL(url).port)
    await app!.close()
    app = null
    await expect.poll(() => connections.at(-1), { timeout: 10_000 }).toBe('offline')
    // Down long enough for the first reconnect attempts (and token refreshes) to fail.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await startServer(port)
    await expect.poll(() => connections.at(-1), { timeout: 15_000, interval: 200 }).toBe('online')
  })
})
