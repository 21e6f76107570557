// Tests and benchmarks never write into the checkout's ./data (a developer's own server and desktop data):
// a snapshot of it before the run, compared after. Used as vitest's globalSetup: the run fails on a change.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

export const checkoutDataDir = resolve(import.meta.dirname, '../../data')

/** Every file and folder under the directory with its size and modification time; empty when it does not exist. */
export function snapshotDir(dir = checkoutDataDir): Map<string, string> {
  const entries = new Map<string, string>()
  if (!existsSync(dir)) return entries
  entries.set('.', 'dir')
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name)
      const stat = statSync(path, { throwIfNoEntry: false })
      if (!stat) continue
      entries.set(relative(dir, path), stat.isDirectory() ? 'dir' : `${stat.size}@${stat.mtimeMs}`)
      if (stat.isDirectory()) walk(path)
    }
  }
  walk(dir)
  return entries
}

/** What was added, changed or removed between two snapshots. */
export function changesBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = []
  for (const [path, value] of after) {
    if (!before.has(path)) changes.push(`added ${path}`)
    else if (value !== 'dir' && before.get(path) !== value) changes.push(`changed ${path}`)
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push(`removed ${path}`)
  return changes
}

export function assertUntouched(before: Map<string, string>, dir = checkoutDataDir) {
  const changes = changesBetween(before, snapshotDir(dir))
  if (changes.length > 0) {
    throw new Error(
      `The run wrote into the checkout's ${dir} (tests and benchmarks must use temp dirs): ${changes.slice(0, 20).join(', ')}`,
    )
  }
}

/** vitest globalSetup: snapshot before the run, compare at teardown. */
export default function setup() {
  const before = snapshotDir()
  return () => assertUntouched(before)
}
