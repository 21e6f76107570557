// Test builds only: with YARDPASS_FAULT_PHASES=<hold ms> in the environment, the sync routes print the phase
// they are in ("phase push-received", "phase push-applied", "phase pull-page") on stdout and hold there for
// that many milliseconds, so the fault-injection test can kill the server inside a phase (between a push's
// commit and its answer, say) instead of at a random time. Unset (production), it does nothing.
import { writeSync } from 'node:fs'

export type SyncPhase = 'push-received' | 'push-applied' | 'pull-page'

const holdMs = Number(process.env.YARDPASS_FAULT_PHASES ?? '')

export const reportsFaultPhases = Number.isFinite(holdMs) && holdMs > 0

export async function faultPhase(phase: SyncPhase): Promise<void> {
  if (!reportsFaultPhases) return
  writeSync(1, `phase ${phase}\n`)
  await new Promise((resolve) => setTimeout(resolve, holdMs))
}
