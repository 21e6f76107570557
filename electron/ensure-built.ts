// `npm start` rebuilds the desktop bundles only when their inputs changed since the last build: the
// inputs' contents are hashed (a few hundred small files, tens of milliseconds) and compared with the
// hash the last successful build left in out/. The build runs beside the server's start, not before it.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const inputs = [
  'renderer',
  'electron/main',
  'electron/preload',
  'shared',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
]
const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']

export function inputsHash(root: string): string {
  const hash = createHash('sha256')
  const visit = (path: string) => {
    if (!existsSync(path)) return
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (entry !== 'node_modules') visit(join(path, entry))
      return
    }
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0')
  }
  for (const input of inputs) visit(join(root, input))
  return hash.digest('hex')
}

export type BuildOutcome = { rebuilt: false } | { rebuilt: true; seconds: number }

/** Builds with electron-vite unless out/ holds a build of exactly these inputs. */
export async function ensureBuilt(root: string): Promise<BuildOutcome> {
  const stamp = join(root, 'out', '.inputs-hash')
  const wanted = inputsHash(root)
  const current =
    existsSync(stamp) && outputs.every((file) => existsSync(join(root, file))) ? readFileSync(stamp, 'utf8') : null
  if (current === wanted) return { rebuilt: false }
  const started = performance.now()
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the desktop build failed (electron-vite exited with ${code})`)),
    )
  })
  writeFileSync(stamp, wanted)
  return { rebuilt: true, seconds: (performance.now() - started) / 1000 }
}

// `npm run build`: always builds, and leaves the stamp so the next `npm start` starts warm.
if (process.argv[1]?.endsWith('ensure-built.ts') && process.argv.includes('--force')) {
  const root = process.cwd()
  const stamp = join(root, 'out', '.inputs-hash')
  if (existsSync(stamp)) writeFileSync(stamp, 'forced')
  ensureBuilt(root).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
