// Prints the plain closing line CI reads: "N passed, N failed, N skipped (N need TEST_DATABASE_URL)".
import type { Reporter, TestModule } from 'vitest/node'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    let needPostgres = 0
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else {
          skipped++
          if (test.fullName.includes('needs TEST_DATABASE_URL')) needPostgres++
        }
      }
    }
    const why = needPostgres ? ` (${needPostgres} need TEST_DATABASE_URL)` : ''
    console.log(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped${why}`)
  }
}
