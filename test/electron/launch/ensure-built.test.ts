// npm start rebuilds the desktop bundles only when their sources changed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureBuilt, inputsHash } from '../../../electron/ensure-built'

let root: string
function project() {
  root = mkdtempSync(join(tmpdir(), 'yp-build-'))
  for (const dir of [
    'renderer/src',
    'electron/main',
    'electron/preload',
    'shared',
    'out/main',
    'out/preload',
    'out/renderer',
  ])
    mkdirSync(join(root, dir), { recursive: true })
  writeFileSync(join(root, 'renderer/src/App.tsx'), 'export const App = () => null\n')
  writeFileSync(join(root, 'package.json'), '{}')
  for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
    writeFileSync(join(root, file), '')
  return root
}
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('ensureBuilt', () => {
  it('hashes the inputs: the same sources give the same hash, an edit another', () => {
    project()
    const before = inputsHash(root)
    expect(inputsHash(root)).toBe(before)
    writeFileSync(join(root, 'out/main/index.js'), 'outputs are not inputs')
    expect(inputsHash(root)).toBe(before)
    writeFileSync(join(root, 'renderer/src/App.tsx'), 'export const App = () => "changed"\n')
    expect(inputsHash(root)).not.toBe(before)
  })

  it('skips the build when out/ holds a build of these inputs, and builds when a source changed', async () => {
    project()
    writeFileSync(join(root, 'out/.inputs-hash'), inputsHash(root))
    expect(await ensureBuilt(root)).toEqual({ rebuilt: false })
    writeFileSync(join(root, 'shared/vocabulary.ts'), 'export const x = 1\n')
    // This scratch project has no electron-vite: the attempted build fails, which shows it was attempted.
    await expect(ensureBuilt(root)).rejects.toThrow(/desktop build failed/)
  })

  it('builds when an output is missing even if the stamp matches', async () => {
    project()
    writeFileSync(join(root, 'out/.inputs-hash'), inputsHash(root))
    rmSync(join(root, 'out/renderer/index.html'))
    await expect(ensureBuilt(root)).rejects.toThrow(/desktop build failed/)
  })
})
