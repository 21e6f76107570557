import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) builds; Node and mercurius load the CommonJS one, and two
    // copies of graphql refuse each other's types, so tests load that one too.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Fails the run when a test leaves anything in the checkout's ./data.
    globalSetup: ['./test/support/data-dir-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
})
