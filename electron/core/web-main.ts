// `npm run web`: the desktop core and its web host alone, for browsers, kiosks and tests.
// Signs in to whatever server URL the user enters. WEB_PORT (5173), DESKTOP_DATA_DIR (./data/desktop).
import { resolve } from 'node:path'
import { DesktopCore } from './desktop-core'
import { startWebHost } from './host/web-host'

async function main() {
  const port = Number(process.env.WEB_PORT ?? 5173)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`WEB_PORT must be a port number, not "${process.env.WEB_PORT}"`)
  const core = new DesktopCore({
    dataDir: resolve(process.env.DESKTOP_DATA_DIR ?? './data/desktop'),
    defaultServerUrl: process.env.YARDPASS_SERVER_URL ?? 'http://127.0.0.1:8787',
  })
  const host = await startWebHost({ core, rendererDir: resolve('out/renderer'), port })
  console.log(`Yardpass desktop (web host) at ${host.url}`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void host
        .close()
        .then(() => core.close())
        .finally(() => process.exit(0))
    })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
