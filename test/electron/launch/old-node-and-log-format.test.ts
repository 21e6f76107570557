// `npm start` on an old Node stops with one clear line (issue 12 defect 8), and the server's log is readable
// lines on a terminal and JSON lines otherwise.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isPrettyLogging } from '../../../server/logging'

const run = (code: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--input-type=module', '--import', 'tsx', '-e', code], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  })

describe('npm start on an old Node', () => {
  it('refuses Node 20 with one line that says what to do, before anything else loads', () => {
    const result = run(
      `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } }); await import('./electron/node-version-check.ts'); console.log('went on')`,
    )
    expect(result.status).toBe(1)
    expect(result.stdout).not.toContain('went on')
    expect(result.stderr.trim().split('\n')).toEqual([
      'Yardpass needs Node 22.12 or newer; this is Node 20.11.1. Install Node 22 LTS and run npm start again.',
    ])
    // launch.ts checks first: ES modules evaluate imports in order.
    expect(
      readFileSync('electron/launch.ts', 'utf8')
        .split('\n')
        .find((line) => line.startsWith('import ')),
    ).toBe("import './node-version-check'")
  })

  it('lets Node 22.12 and later through', () => {
    const result = run(
      `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '22.12.0' } }); await import('./electron/node-version-check.ts'); console.log('went on')`,
    )
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe('went on')
  })

  it('refuses to install on an old Node too (engine-strict with engines >= 22.12)', () => {
    expect(readFileSync('.npmrc', 'utf8')).toMatch(/^engine-strict=true$/m)
    expect(JSON.parse(readFileSync('package.json', 'utf8')).engines.node).toBe('>=22.12.0')
  })
})

describe('server log format', () => {
  const logLine = (format: string) =>
    run(
      `import pino from 'pino'; import { loggerOptions } from './server/logging.ts'; const log = pino(loggerOptions({ logLevel: 'info', logFormat: '${format}' }, [], false)); log.info({ order: 42 }, 'order funded')`,
    ).stdout.trim()

  it('prints readable lines when asked (and on a terminal by default), JSON lines otherwise', () => {
    expect(isPrettyLogging('auto', true)).toBe(true)
    expect(isPrettyLogging('auto', false)).toBe(false)
    expect(isPrettyLogging('json', true)).toBe(false)
    const pretty = logLine('pretty')
    expect(pretty).toMatch(/INFO.*order funded/)
    expect(pretty.startsWith('{')).toBe(false)
    expect(JSON.parse(logLine('auto'))).toMatchObject({ level: 30, msg: 'order funded', order: 42 })
  })
})
