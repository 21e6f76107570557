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

  it('allows http:// loopback webhook URLs only in test mode (no Stripe key) or when WEBHOOKS_ALLOW_LOOPBACK=1', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).webhooks.allowLoopback).toBe(true)
    expect(
      loadConfig({ DATA_DIR: dataDir(), STRIPE_SECRET_KEY: 'sk_live_abcdefghijklmnop' }).webhooks.allowLoopback,
    ).toBe(false)
    expect(
      loadConfig({ DATA_DIR: dataDir(), STRIPE_SECRET_KEY: 'sk_live_abcdefghijklmnop', WEBHOOKS_ALLOW_LOOPBACK: '1' })
        .webhooks.allowLoopback,
    ).toBe(true)
    expect(loadConfig({ DATA_DIR: dataDir(), WEBHOOKS_ALLOW_LOOPBACK: '0' }).webhooks.allowLoopback).toBe(false)
    // The production retry schedule is the issue's: 1 s, 2 s, 4 s, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a 10 s timeout.
    const { retryScheduleMs, timeoutMs, disableAfterMs } = loadConfig({ DATA_DIR: dataDir() }).webhooks
    expect(retryScheduleMs).toEqual(
      [1, 2, 4].map((s) => s * 1000).concat([5, 30, 120, 300, 600, 600].map((m) => m * 60_000)),
    )
    expect(timeoutMs).toBe(10_000)
    expect(disableAfterMs).toBe(5 * 24 * 3_600_000)
  })
})
