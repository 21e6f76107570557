// The IPC handler of the desktop API with a real desktop core: only the main frame of one of our
// windows may call; the core's errors come back as replies, never as thrown internals.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DesktopCore } from '../../../electron/core/desktop-core'
import { createInvokeHandler, isTrustedSender } from '../../../electron/main/invoke-handler'

describe('the desktop API invoke handler', () => {
  const core = new DesktopCore({
    dataDir: mkdtempSync(join(tmpdir(), 'yp-ipc-')),
    defaultServerUrl: 'http://127.0.0.1:9',
  })
  afterAll(() => core.close())
  const mainFrame = { name: 'main frame' }
  const ours = { mainFrame }
  const stranger = { mainFrame: { name: 'a frame of another webContents' } }
  const logged: unknown[][] = []
  const handle = createInvokeHandler(
    core,
    () => [ours],
    (...args) => logged.push(args),
  )

  it('answers the main frame of our own window with the core result', async () => {
    expect(isTrustedSender({ sender: ours, senderFrame: mainFrame }, [ours])).toBe(true)
    const reply = await handle({ sender: ours, senderFrame: mainFrame }, 'session-status', {})
    expect(reply).toMatchObject({ ok: true, result: { state: 'signed-out' } })
  })

  it('refuses another webContents, an iframe inside our window and a frame already gone', async () => {
    const refusals = [
      { sender: stranger, senderFrame: stranger.mainFrame },
      { sender: ours, senderFrame: { name: 'an iframe in our window' } },
      { sender: ours, senderFrame: null },
    ]
    for (const event of refusals) {
      await expect(handle(event, 'session-status', {})).rejects.toMatchObject({ code: 'forbidden' })
    }
  })

  it('turns the core refusals into replies and hides internal failures behind a generic one', async () => {
    expect(await handle({ sender: ours, senderFrame: mainFrame }, 'format-disk', {})).toEqual({
      ok: false,
      error: { code: 'unknown-command', message: 'There is no command "format-disk".' },
    })
    const invalid = await handle({ sender: ours, senderFrame: mainFrame }, 'booth-capture', { badgeCode: 42 })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
    const broken = createInvokeHandler(
      {
        invoke: async () => {
          throw new TypeError('secret internal detail')
        },
      },
      () => [ours],
      (...args) => logged.push(args),
    )
    expect(await broken({ sender: ours, senderFrame: mainFrame }, 'session-status', {})).toEqual({
      ok: false,
      error: { code: 'internal-error', message: 'The desktop core failed; see its log.' },
    })
    expect(logged.at(-1)?.[0]).toBe('desktop command failed')
  })
})
