// Shared pieces of the benchmarks: a server child process on a fresh Postgres database, a keep-alive
// HTTP client, and percentiles. Benchmarks print figures; they assert nothing.
import http from 'node:http'
import type { FreshDatabase } from '../support/databases'
import { startServerProcess } from '../support/server-process'

/** The Postgres server benchmarks make their fresh databases on. */
export const benchDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface BenchServer {
  url: string
  database: FreshDatabase
  stop(): Promise<void>
}

/** `npm run server` on a fresh Postgres database, as ops would run it, with the limits raised. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  // BENCH_SERVER_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const server = await startServerProcess({
    adminUrl: benchDatabaseUrl,
    env,
    nodeArgs: (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
    ...(process.env.BENCH_DATABASE_SOCKET ? { databaseUrl: (url: string) => socketUrl(url, process.env.BENCH_DATABASE_SOCKET!) } : {}),
  })
  return {
    url: server.url,
    database: server.database,
    stop: async () => {
      const keepDatabase = Boolean(process.env.BENCH_KEEP_DATABASE)
      await server.stop({ keepDatabase })
      if (keepDatabase) console.log(`kept database ${server.database.url}`)
    },
  }
}

/** The same database through a Unix socket folder, as when Postgres runs on the server's own host. */
function socketUrl(url: string, folder: string) {
  const parsed = new URL(url)
  return `postgres://${parsed.username}@/${parsed.pathname.slice(1)}?host=${encodeURIComponent(folder)}`
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
