// The guard that fails a run writing into the checkout's ./data (vitest globalSetup and the benchmarks).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assertUntouched, snapshotDir } from '../support/data-dir-guard'

describe('the ./data guard', () => {
  it('passes an untouched folder and names what was added, changed or removed', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'yp-guard-')), 'data')
    const absent = snapshotDir(dir)
    expect(() => assertUntouched(absent, dir)).not.toThrow()
    mkdirSync(join(dir, 'desktop'), { recursive: true })
    writeFileSync(join(dir, 'desktop', 'replica.sqlite'), 'a')
    expect(() => assertUntouched(absent, dir)).toThrow(/added desktop\/replica\.sqlite/)
    const present = snapshotDir(dir)
    expect(() => assertUntouched(present, dir)).not.toThrow()
    writeFileSync(join(dir, 'desktop', 'replica.sqlite'), 'longer')
    expect(() => assertUntouched(present, dir)).toThrow(/changed desktop\/replica\.sqlite/)
    rmSync(join(dir, 'desktop'), { recursive: true })
    expect(() => assertUntouched(present, dir)).toThrow(/removed desktop/)
  })
})
