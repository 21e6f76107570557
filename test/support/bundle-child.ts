// A child process's entry bundled once into plain JavaScript (packages left external), so each spawn starts in
// a fraction of a second instead of paying tsx's transform every time — the fault test spawns hundreds.
import { mkdirSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { build } from 'esbuild'

/** Bundles `entry` into node_modules/.cache (where its packages resolve) and answers the file to run with node. */
export async function bundleChild(entry: string): Promise<string> {
  const outDir = resolve('node_modules/.cache/yardpass-test')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, `${basename(entry, '.ts')}-${process.pid}.mjs`)
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  })
  return outfile
}
