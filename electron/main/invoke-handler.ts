// The desktop API's one IPC handler, without Electron (tested for real): refuses any sender that is not
// the main frame of one of the app's own windows, calls the core, and turns its errors into a reply.
import type { DesktopCore } from '../core/desktop-core'
import { DesktopError } from '../core/desktop-error'

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeSender<Contents = unknown, Frame = unknown> {
  sender: Contents & { mainFrame: Frame }
  senderFrame: Frame | null
}

export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

/** Only the main frame of one of our windows may call: not another webContents, not an iframe in ours. */
export function isTrustedSender<C, F>(event: InvokeSender<C, F>, ownContents: readonly unknown[]): boolean {
  return (
    ownContents.includes(event.sender) && event.senderFrame !== null && event.senderFrame === event.sender.mainFrame
  )
}

export function createInvokeHandler(
  core: Pick<DesktopCore, 'invoke'>,
  ownContents: () => readonly unknown[],
  log: (...args: unknown[]) => void = console.error,
) {
  return async (event: InvokeSender, command: unknown, args: unknown): Promise<InvokeReply> => {
    if (!isTrustedSender(event, ownContents())) {
      throw new DesktopError('forbidden', 'Only the app window may call the desktop API.')
    }
    try {
      return { ok: true, result: await core.invoke(String(command), args) }
    } catch (error) {
      if (error instanceof DesktopError) return { ok: false, error: { code: error.code, message: error.message } }
      log('desktop command failed', command, error)
      return { ok: false, error: { code: 'internal-error', message: 'The desktop core failed; see its log.' } }
    }
  }
}
