// `npm start`: the sync server on embedded PGlite with the demo organization, then the desktop app.
// Where the Electron binary is missing, the same UI is served through the web host instead.
import './node-version-check'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { loadConfig } from '../server/config'
import { startServer } from '../server/server'
import { DesktopCore } from './core/desktop-core'
import { startWebHost } from './core/host/web-host'
import { ensureBuilt } from './ensure-built'

const startedAt = performance.now()
const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(1)

/** The Electron executable, downloading it first where that is allowed; null where it cannot be had. */
function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(packageDir, 'path.txt')
  const installed = () => existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))
  if (!installed() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('Downloading the Electron binary (first start only)…')
    spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 })
  }
  return installed() ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8')) : null
}

async function main() {
  const config = loadConfig({ DEMO_SEED: 'true', LOG_LEVEL: 'warn', ...process.env }, process.argv.slice(2))
  // The desktop bundles build (only when their sources changed) while the server starts.
  const built = ensureBuilt(resolve('.'))
  built.catch(() => {}) // awaited below; a failure is reported there
  const server = await startServer(config)
  const store = config.databaseUrl ? 'Postgres' : `embedded PGlite in ${config.dataDir}`
  console.log(`Sync server ready at ${server.url} (${store}) after ${seconds()} s`)
  if (server.demoLogin) {
    console.log(
      `Demo login: ${server.demoLogin.email} / ${server.demoLogin.password}  (organization "${server.demoLogin.orgName}")`,
    )
  }

  const stops: (() => Promise<unknown>)[] = [() => server.stop()]
  const build = await built.catch(async (error: unknown) => {
    await server.stop().catch(() => {})
    throw error
  })
  if (build.rebuilt)
    console.log(`Desktop app built in ${build.seconds.toFixed(1)} s (sources changed since the last build)`)
  const binary = electronBinary()
  if (binary) {
    const child = spawn(binary, [resolve('.')], {
      stdio: 'inherit',
      env: { ...process.env, YARDPASS_SERVER_URL: server.url },
    })
    console.log('Desktop app opening…')
    child.on('exit', () => void shutdown(0))
  } else {
    const core = new DesktopCore({
      dataDir: resolve(process.env.DESKTOP_DATA_DIR ?? join(config.dataDir, 'desktop')),
      defaultServerUrl: server.url,
    })
    const host = await startWebHost({
      core,
      rendererDir: resolve('out/renderer'),
      port: Number(process.env.WEB_PORT ?? 5173),
    })
    stops.unshift(
      () => host.close(),
      () => core.close(),
    )
    console.log(
      `Electron binary not installed here: serving the desktop UI through the web host at ${host.url} (ready after ${seconds()} s)`,
    )
  }

  async function shutdown(code: number) {
    for (const stop of stops) await stop().catch(() => {})
    process.exit(code)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0))
}

main().catch((error: unknown) => {
  console.error('Could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
