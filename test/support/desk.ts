// A signed-in desktop for browser tests: a desktop core with its web host, a page on it, and the cleanup.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { DesktopCore } from '../../electron/core/desktop-core'
import { startWebHost, type WebHost } from '../../electron/core/host/web-host'

export const rendererDir = resolve('out/renderer')

export class Desks {
  private readonly open: { core: DesktopCore; host: WebHost }[] = []

  constructor(
    private readonly serverUrl: () => string,
    private readonly browser: () => Browser,
  ) {}

  /** Signs a fresh desktop in as this person and opens `path` (e.g. '/sponsors') in a new page. */
  async page(
    who: { user: { email: string }; password: string },
    path: string,
    orgId?: string,
  ): Promise<{ page: Page; core: DesktopCore; host: WebHost }> {
    const core = new DesktopCore({
      dataDir: mkdtempSync(join(tmpdir(), 'yp-e2e-desk-')),
      defaultServerUrl: this.serverUrl(),
    })
    const host = await startWebHost({ core, rendererDir, port: 0 })
    this.open.push({ core, host })
    await core.invoke('session-login', { serverUrl: this.serverUrl(), email: who.user.email, password: who.password })
    if (orgId) await core.invoke('org-select', { orgId })
    const page = await this.browser().newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${host.url}/#${path}`)
    return { page, core, host }
  }

  async close() {
    for (const { core, host } of this.open) {
      await host.close()
      await core.close()
    }
  }
}

/** The code of the newest invitation email to `email` in a test server's outbox. */
export function invitationCodeFrom(mails: string[], email: string): string {
  const mail = mails
    .map((raw) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((text) => text.includes(email))
    .at(-1)
  const code = mail && /paste this code in the app: (\S+)/.exec(mail)?.[1]
  if (!code) throw new Error(`no invitation mail to ${email}`)
  return code
}
