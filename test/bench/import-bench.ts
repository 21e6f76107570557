// npm run bench:import — a large attendee CSV import against `npm run server` on Postgres, while a probe asks
// /healthz every 10 ms: prints the import's duration and rows/s, and the health check's p50/p99 during it
// (the server must keep answering while it reads and writes). Checks every row reached the database; exits
// 1 when not. Ends with one JSON line. Knob: BENCH_ROWS (default 100,000).
import pg from 'pg'
import { ms, percentile, request, startBenchServer } from './bench-support'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)

async function main() {
  const server = await startBenchServer()
  const db = new pg.Client({ connectionString: server.database.url })
  await db.connect()
  let failed = false
  try {
    const signup = await request(
      server.url,
      'POST',
      '/v1/auth/signup',
      {},
      {
        email: `import-${Date.now()}@bench.example`,
        password: 'correct horse battery',
        name: 'Import Host',
        org_name: 'Import Host',
        org_kind: 'organizer',
      },
    )
    const headers = {
      authorization: `Bearer ${signup.body.access_token}`,
      'x-org-id': signup.body.orgs[0].id as string,
    }
    const event = await request(server.url, 'POST', '/v1/events', headers, {
      title: 'Import Summit',
      start_at: '2027-03-01T09:00:00Z',
      end_at: '2027-03-02T18:00:00Z',
    })
    const csv = ['badge_code,name,email,company,title,consent_to_share']
    for (let i = 0; i < ROWS; i++)
      csv.push(
        `IMP-${i},Person ${i},person${i}@example.com,Company ${i % 997},Title ${i % 13},${i % 5 === 0 ? 'no' : 'yes'}`,
      )
    const body = `${csv.join('\n')}\n`

    // Setup done; the timed window is the import alone, with the health probe running beside it.
    const health: number[] = []
    let isImporting = true
    const probe = (async () => {
      while (isImporting) {
        const started = performance.now()
        const ok = await fetch(`${server.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
        if (ok) health.push(performance.now() - started)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    })()
    const started = performance.now()
    const response = await fetch(`${server.url}/v1/events/${event.body.id}/attendees/import`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body,
    })
    const seconds = (performance.now() - started) / 1000
    isImporting = false
    await probe
    const result = (await response.json()) as { inserted?: number }
    const {
      rows: [stored],
    } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attendees WHERE event_id = $1', [event.body.id])
    if (response.status !== 200 || result.inserted !== ROWS || stored!.n !== ROWS) {
      failed = true
      console.error(
        `check FAILED: status ${response.status}, inserted ${result.inserted}, stored ${stored!.n}, expected ${ROWS}`,
      )
    }
    health.sort((a, b) => a - b)
    console.log(
      `bench:import — ${ROWS} attendees as CSV (${(body.length / 1024 / 1024).toFixed(1)} MiB) to npm run server on Postgres`,
    )
    console.log(`import:   ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s (${stored!.n} rows stored)`)
    console.log(
      `/healthz during the import: p50 ${ms(percentile(health, 50))}, p99 ${ms(percentile(health, 99))}, max ${ms(health.at(-1) ?? 0)} (${health.length} probes)`,
    )
    console.log(
      JSON.stringify({
        rows: ROWS,
        import_s: Number(seconds.toFixed(2)),
        rows_per_s: Math.round(ROWS / seconds),
        health_p50_ms: Number(percentile(health, 50).toFixed(2)),
        health_p99_ms: Number(percentile(health, 99).toFixed(2)),
        health_max_ms: Number((health.at(-1) ?? 0).toFixed(2)),
        probes: health.length,
        stored: stored!.n,
        ok: !failed,
      }),
    )
  } finally {
    await db.end()
    await server.stop()
  }
  if (failed) process.exit(1)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
