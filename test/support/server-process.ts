// `npm run server` as a real child process on a fresh Postgres database and a fixed port, so tests and
// benchmarks can kill it with -9 and start it again on the same address and data.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPostgresDatabase, type FreshDatabase } from './databases'

export interface ServerProcess {
  url: string
  database: FreshDatabase
  /** kill -9, as a crash or a pulled plug would; resolves with the signal that ended it (null if it had exited). */
  crash(): Promise<NodeJS.Signals | null>
  /** Starts it again on the same port and database; resolves when ready. */
  start(): Promise<void>
  stop(options?: { keepDatabase?: boolean }): Promise<void>
}

export async function startServerProcess(options: {
  adminUrl: string
  env?: Record<string, string>
  nodeArgs?: string[]
  databaseUrl?: (url: string) => string
  /** Another instance on a database an earlier process made (its stop keeps the database). */
  sharedDatabase?: FreshDatabase
  /** Each line the server prints on stdout (its fault phases, YARDPASS_FAULT_PHASES); stdout is ignored without it. */
  onLine?: (line: string) => void
}): Promise<ServerProcess> {
  const database = options.sharedDatabase ?? (await createPostgresDatabase(options.adminUrl))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // Its own data folder (local secrets, mail outbox): never the checkout's ./data. Kept across crash and start.
  const dataDir = mkdtempSync(join(tmpdir(), 'yp-server-process-'))
  let child: ChildProcess | null = null

  async function start() {
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl ? options.databaseUrl(database.url) : database.url,
        JWT_SECRET: 'process-secret-process-secret-process-0123',
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000000',
        ...options.env,
      },
      stdio: ['ignore', options.onLine ? 'pipe' : 'ignore', 'inherit'],
    })
    const current = child
    if (options.onLine) {
      let pending = ''
      current.stdout!.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) options.onLine!(line)
      })
    }
    let exited = false
    current.once('exit', () => (exited = true))
    for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
      if (exited || Date.now() > deadline) {
        // Never left running behind a failed start: it would hold its port and database with nobody to stop it.
        if (!exited) current.kill('SIGKILL')
        child = null
        throw new Error('the server process did not become ready')
      }
      if (
        await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return
    }
  }

  async function halt(signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
    const current = child
    child = null
    if (!current || current.exitCode !== null || current.signalCode !== null) return null
    current.kill(signal)
    const [, endedBy] = (await once(current, 'exit')) as [number | null, NodeJS.Signals | null]
    return endedBy
  }

  await start()
  return {
    url,
    database,
    crash: () => halt('SIGKILL'),
    start,
    stop: async ({ keepDatabase = false } = {}) => {
      await halt('SIGTERM')
      if (!keepDatabase && !options.sharedDatabase) await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as net.AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}
