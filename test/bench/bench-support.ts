// Shared pieces of the benchmarks: a server child process on a fresh Postgres database, a keep-alive
// HTTP client, percentiles, and the checks every benchmark makes of its own outcome. Benchmarks print
// figures and never assert timings; they do verify what they did, and exit 1 when it is wrong.
import http from 'node:http'
import type { FreshDatabase } from '../support/databases'
import { startServerProcess } from '../support/server-process'
import { assertUntouched, snapshotDir } from '../support/data-dir-guard'

/** The Postgres server benchmarks make their fresh databases on. */
export const benchDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface BenchServer {
  url: string
  database: FreshDatabase
  stop(): Promise<void>
}

/** `npm run server` on a fresh Postgres database, as ops would run it, with the limits raised. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataBefore = snapshotDir()
  // BENCH_SERVER_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const server = await startServerProcess({
    adminUrl: benchDatabaseUrl,
    env,
    nodeArgs: (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
    ...(process.env.BENCH_DATABASE_SOCKET
      ? { databaseUrl: (url: string) => socketUrl(url, process.env.BENCH_DATABASE_SOCKET!) }
      : {}),
  })
  return {
    url: server.url,
    database: server.database,
    stop: async () => {
      const keepDatabase = Boolean(process.env.BENCH_KEEP_DATABASE)
      await server.stop({ keepDatabase })
      if (keepDatabase) console.log(`kept database ${server.database.url}`)
      // A benchmark that wrote into the checkout's ./data fails like one whose outcome is wrong.
      assertUntouched(dataBefore)
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
export function request(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, url),
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null })
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const ms = (value: number) => `${value.toFixed(2)} ms`

/** What a benchmark verified of its own outcome. A failed check makes the run exit 1: its figures would be wrong. */
export class BenchChecks {
  readonly failures: string[] = []

  check(label: string, ok: boolean, detail = ''): void {
    if (!ok) this.failures.push(detail ? `${label}: ${detail}` : label)
  }

  /** Prints the failures, then the figures as one JSON line (the last line, for scripts), and sets the exit code. */
  finish(bench: string, figures: Record<string, unknown>): void {
    for (const failure of this.failures) console.error(`CHECK FAILED ${failure}`)
    if (this.failures.length === 0) console.log('checks: every outcome verified')
    console.log(
      JSON.stringify({ bench, ok: this.failures.length === 0, ...figures, checks_failed: this.failures.length }),
    )
    if (this.failures.length > 0) process.exitCode = 1
  }
}

/** Counts of answers by status, for "errors are counted and printed separately". */
export function countStatuses(statuses: Map<number, number>, isSuccess: (status: number) => boolean) {
  let ok = 0
  let failed = 0
  for (const [status, n] of statuses) {
    if (isSuccess(status)) ok += n
    else failed += n
  }
  return { ok, failed, text: [...statuses].map(([s, n]) => `${s}×${n}`).join(', ') }
}
