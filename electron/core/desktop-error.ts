// Failures the desktop API reports to the renderer: a code to branch on and a sentence to show.
export class DesktopError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'DesktopError'
  }
}

/** The network failed (no route, refused, timed out): the server may be fine, we cannot reach it. */
export class OfflineError extends DesktopError {
  constructor(serverUrl: string) {
    super('server-unreachable', `Could not reach the server at ${serverUrl}. Check the address and your network.`)
  }
}
