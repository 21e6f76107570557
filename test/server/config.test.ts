import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, describeConfig, loadConfig } from '../../server/config'

const dataDir = () => mkdtempSync(join(tmpdir(), 'yp-config-'))

describe('server configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() })
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', role: 'all', databaseUrl: undefined })
  })

  it('keeps the generated signing secret across restarts of the same data folder', () => {
    const dir = dataDir()
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(loadConfig({ DATA_DIR: dir }).jwtSecret)
  })

  it('takes the role from --role', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }, ['--role', 'worker']).role).toBe('worker')
  })

  it('names every bad key', () => {
    const load = () => loadConfig({ PORT: 'eighty', SERVER_ROLE: 'chef', PASSWORD_MIN_SCORE: '9', DATA_DIR: dataDir() })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(/PORT must be integer/)
    expect(load).toThrow('SERVER_ROLE must be one of api, worker, all')
    expect(load).toThrow(/PASSWORD_MIN_SCORE/)
  })

  it('requires JWT_SECRET with a real database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET/)
  })

  it('masks secrets when the configuration is logged', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:hunter2hunter2@db.internal:5432/yardpass',
      JWT_SECRET: 'a-very-long-secret-value-that-is-32-chars+',
      DATA_DIR: dataDir(),
    })
    const logged = JSON.stringify(describeConfig(config))
    expect(logged).not.toContain('hunter2hunter2')
    expect(logged).not.toContain('a-very-long-secret')
    expect(logged).toContain('db.internal')
  })
})
