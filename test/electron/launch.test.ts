// `npm start` without the Electron binary: server on PGlite with the demo login, UI through the web host.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { api } from '../support/api-client'

describe('the npm start launcher', () => {
  let child: ChildProcess | undefined
  afterAll(() => {
    child?.kill('SIGTERM')
  })

  it('starts the server with a demo organization and serves the UI, saying why in one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yp-launch-'))
    child = spawn(process.execPath, ['--import', 'tsx', 'electron/launch.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', WEB_PORT: '0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1', DATABASE_URL: '', JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    await expect.poll(() => output, { timeout: 45_000, interval: 200 }).toMatch(/web host at (http:\S+)/)

    const serverUrl = output.match(/Sync server ready at (http:\S+)/)![1]!
    const [, email, password] = output.match(/Demo login: (\S+) \/ (\S+)/)!
    expect(output).toMatch(/Electron binary not installed here/)
    const login = await api(serverUrl, 'POST', '/v1/auth/login', { body: { email, password } })
    expect(login.status).toBe(200)
    const events = await api(serverUrl, 'GET', '/v1/events', { token: login.body.access_token, orgId: login.body.orgs[0].id })
    expect(events.body.data.map((e: { title: string }) => e.title)).toEqual(['Yardpass Demo Summit'])

    const webUrl = output.match(/web host at (http:\S+)/)![1]!
    expect(await (await fetch(webUrl)).text()).toContain('<div id="root">')
  }, 60_000)
})
