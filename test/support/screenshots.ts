// Screenshots for the README, taken by the e2e tests only when asked: `npm run screenshots` sets SHOTS_DIR.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

const shotsDir = process.env.SHOTS_DIR

/** Saves the page as SHOTS_DIR/<name>.png when screenshots were asked for; does nothing otherwise. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return
  mkdirSync(shotsDir, { recursive: true })
  // Let transitions settle so the picture shows the screen, not an animation.
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shotsDir, `${name}.png`) })
}
