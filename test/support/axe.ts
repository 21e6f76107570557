// axe-core in the page under test: the serious and critical violations, as "rule: what (where)" lines.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours mid-transition (a dialog fading in) are not what a person reads: let animations finish first.
  await page
    .waitForFunction(
      () => document.getAnimations().every((animation) => animation.playState !== 'running'),
      undefined,
      { timeout: 5000 },
    )
    .catch(() => {})
  // Evaluated through the debugging protocol: the page's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: {
              id: string
              impact: string | null
              help: string
              nodes: { target: unknown[]; failureSummary?: string }[]
            }[]
          }>
        }
      }
    ).axe.run()
    // Each offending element, with axe's reason (the contrast ratio and colours, the missing name…).
    const where = (n: { target: unknown[]; failureSummary?: string }) =>
      `${String(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').trim()}` : ''}`
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map(where).join('; ')})`)
  })
  return violations
}
