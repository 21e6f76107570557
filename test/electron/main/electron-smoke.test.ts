// The real thing where it can run: the built app in the Electron binary, under Xvfb when there is no
// display. Where the binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1), the test shows as skipped
// with that reason in its name, like the Postgres variants.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Found without require('electron'): that module tries to download the binary when it is missing.
const electronBinary = (() => {
  const packageDir = join(process.cwd(), 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
})()
const reason = electronBinary
  ? ''
  : ' (skipped: the Electron binary is not installed here, ELECTRON_SKIP_BINARY_DOWNLOAD=1)'

describe('the desktop app in the real Electron binary', () => {
  it.skipIf(!electronBinary)(
    `starts the built app, opens its window and keeps running${reason}`,
    { timeout: 240_000 },
    async () => {
      const built = spawnSync(process.execPath, ['--import', 'tsx', 'electron/ensure-built.ts'], { stdio: 'inherit' })
      expect(built.status).toBe(0)
      const hasXvfb = spawnSync('which', ['xvfb-run']).status === 0
      const [command, args] =
        process.env.DISPLAY || !hasXvfb
          ? [electronBinary!, ['.', '--no-sandbox']]
          : ['xvfb-run', ['-a', electronBinary!, '.', '--no-sandbox']]
      const child = spawn(command, args, {
        env: {
          ...process.env,
          ELECTRON_ENABLE_LOGGING: '1',
          YARDPASS_SERVER_URL: 'http://127.0.0.1:9',
          XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'yp-electron-')),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      let exited: number | null | undefined
      child.on('exit', (code) => (exited = code))
      await new Promise((resolve) => setTimeout(resolve, 10_000))
      child.kill('SIGTERM')
      expect(exited, output).toBeUndefined() // still running ten seconds in: main, preload and core loaded
      expect(output).not.toMatch(/Uncaught|Error: Cannot find module|was compiled against a different Node\.js version/)
    },
  )
})
