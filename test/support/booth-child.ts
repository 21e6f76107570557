// A booth as its own process, for fault injection: signs in (or resumes the stored session), captures
// every badge in BOOTH_JOB it has not captured yet, syncs until nothing is pending, then exits 0.
// Prints "saved <badge>" once a capture is durable and "synced" at the end, and "net push|pull start",
// "net push|pull answered <status>" or "net push|pull failed" around each sync request, so the test can kill
// it with a push in flight. Killed with -9 at any point.
import { DesktopCore } from '../../electron/core/desktop-core'

interface Job {
  dataDir: string
  serverUrl: string
  email: string
  password: string
  sponsorId: string
  eventId: string
  badges: string[]
}

const realFetch = globalThis.fetch
globalThis.fetch = async (input, init) => {
  const kind = /\/v1\/sync\/(push|pull)$/.exec(new URL(input instanceof Request ? input.url : input).pathname)?.[1]
  if (!kind) return realFetch(input, init)
  process.stdout.write(`net ${kind} start\n`)
  try {
    const response = await realFetch(input, init)
    process.stdout.write(`net ${kind} answered ${response.status}\n`)
    return response
  } catch (error) {
    process.stdout.write(`net ${kind} failed\n`)
    throw error
  }
}

const job = JSON.parse(process.env.BOOTH_JOB ?? '{}') as Job
const core = new DesktopCore({
  dataDir: job.dataDir,
  defaultServerUrl: job.serverUrl,
  sync: { minDelayMs: 20, maxDelayMs: 250 },
})

async function main() {
  const status = (await core.invoke('session-status', {})) as { state: string }
  if (status.state === 'signed-out')
    await core.invoke('session-login', { serverUrl: job.serverUrl, email: job.email, password: job.password })
  const booth = (await core.invoke('booth-recent', { sponsorId: job.sponsorId, eventId: job.eventId })) as {
    captures: { badgeCode: string | null }[]
  }
  const done = new Set(booth.captures.map((c) => c.badgeCode))
  for (const badge of job.badges.filter((b) => !done.has(b))) {
    await core.invoke('booth-capture', {
      sponsorId: job.sponsorId,
      eventId: job.eventId,
      badgeCode: badge,
      interaction: 'booth_visit',
    })
    process.stdout.write(`saved ${badge}\n`)
  }
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    await core.syncNow()
    const sync = (await core.invoke('sync-status', {})) as { pending: number }
    if (sync.pending === 0) {
      process.stdout.write('synced\n')
      await core.close()
      process.exit(0)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  process.stderr.write('still pending after 60 s\n')
  process.exit(1)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
