// Shared pieces of the benchmarks: a server child process on a fresh Postgres database, a keep-alive
// HTTP client, and percentiles. Benchmarks print figures; they assert nothing.
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import { once } from 'node:events'
import { createPostgresDatabase, type FreshDatabase } from '../support/databases'

/** The Postgres server benchmarks make their fresh databases on. */
export const benchDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface BenchServer {
  url: string
  database: FreshDatabase
  stop(): Promise<void>
}

/** `npm run server` on a fresh Postgres database, as ops would run it, with the limits raised. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const database = await createPostgresDatabase(benchDatabaseUrl)
  const port = await freePort()
  // BENCH_SERVER_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean)
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.BENCH_DATABASE_SOCKET ? socketUrl(database.url, process.env.BENCH_DATABASE_SOCKET) : database.url,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  let exited = false
  child.once('exit', () => (exited = true))
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 200))) {
    if (exited || Date.now() > deadline) throw new Error('the server did not become ready')
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false)
    if (ready) break
  }
  return {
    url,
    database,
    stop: async () => {
      child.kill('SIGTERM')
      if (child.exitCode === null) await once(child, 'exit')
      if (!process.env.BENCH_KEEP_DATABASE) await database.drop()
      else console.log(`kept database ${database.url}`)
    },
  }
}

/** The same database through a Unix socket folder, as when Postgres runs on the server's own host. */
function socketUrl(url: string, folder: string) {
  const parsed = new URL(url)
  return `postgres://${parsed.username}@/${parsed.pathname.slice(1)}?host=${encodeURIComponent(folder)}`
}

async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as net.AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

/** A JSON request over a keep-alive connection; resolves with status and parsed body. */
export function request(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, url), {
      method, agent,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null })
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const ms = (value: number) => `${value.toFixed(2)} ms`
