// The renderer's handle on the desktop API: Electron's preload bridge when present, else the web host's WebSocket.
// Commands and pushed events are typed from shared/desktop-api.ts end to end.
import type {
  CommandArgs,
  CommandResult,
  DesktopBridge,
  DesktopCommandName,
  DesktopEventListener,
  DesktopEventName,
  DesktopEventPayload,
  HostMessage,
  SaveFileRequest,
  SaveFileResult,
} from '../../../shared/desktop-api'

declare global {
  interface Window {
    desktop?: DesktopBridge
  }
}

export class DesktopApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/** The desktop API over the web host's /api WebSocket; reconnects when the host comes back. */
class WebSocketBridge implements DesktopBridge {
  private socket: WebSocket | null = null
  private opening: Promise<WebSocket> | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<DesktopEventListener>()

  async invoke<C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>> {
    const socket = await this.open()
    const id = this.nextId++
    return new Promise<CommandResult<C>>((resolve, reject) => {
      // The host answers this id with this command's result (the contract's type).
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      socket.send(JSON.stringify({ type: 'invoke', id, command, args }))
    })
  }

  subscribe(listener: DesktopEventListener) {
    this.listeners.add(listener)
    void this.open().catch(() => {})
    return () => {
      this.listeners.delete(listener)
    }
  }

  private open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket)
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`)
      socket.onopen = () => {
        this.socket = socket
        this.opening = null
        resolve(socket)
      }
      socket.onerror = () => {
        this.opening = null
        reject(new DesktopApiError('host-unreachable', 'The desktop host is not answering.'))
      }
      socket.onclose = () => {
        this.socket = null
        for (const pending of this.pending.values())
          pending.reject(new DesktopApiError('host-unreachable', 'The desktop host went away.'))
        this.pending.clear()
      }
      // The host speaks the contract's messages; this is the one place its JSON becomes typed.
      socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as HostMessage)
    })
    return this.opening
  }

  private receive(message: HostMessage) {
    if (message.type === 'event') {
      for (const listener of this.listeners) listener(...message.event)
      return
    }
    const pending = this.pending.get(message.id)
    if (!pending) return
    this.pending.delete(message.id)
    if (message.ok) pending.resolve(message.result)
    else pending.reject(new DesktopApiError(message.error.code, message.error.message))
  }
}

const bridge: DesktopBridge = window.desktop ?? new WebSocketBridge()

type Handlers = { [E in DesktopEventName]?: (payload: DesktopEventPayload<E>) => void }
function dispatch<E extends DesktopEventName>(handlers: Handlers, name: E, payload: DesktopEventPayload<E>) {
  const handler: Handlers[E] = handlers[name]
  handler?.(payload)
}

/** A browser download of text made here (the web host: the file lands in the person's Downloads, not on the host's disk). */
function download({ suggestedName, content, encoding }: SaveFileRequest, mime: string): SaveFileResult {
  const data = encoding === 'base64' ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : content
  const url = URL.createObjectURL(new Blob([data], { type: mime }))
  const link = Object.assign(document.createElement('a'), { href: url, download: suggestedName })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return { saved: true, path: suggestedName }
}

export const desktop = {
  invoke: async <C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>> => {
    try {
      return await bridge.invoke(command, args)
    } catch (error) {
      if (error instanceof DesktopApiError) throw error
      const code =
        error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'internal-error'
      throw new DesktopApiError(code, error instanceof Error ? error.message : String(error))
    }
  },
  /** Every pushed event; `(name, payload)` narrows the payload by the name. */
  subscribe: (listener: DesktopEventListener) => bridge.subscribe(listener),
  /** Handlers by event name, each with its typed payload. */
  on: (handlers: Handlers) => bridge.subscribe((name, payload) => dispatch(handlers, name, payload)),
  /**
   * Saves a file the renderer made: Electron asks where with the system's save dialog; the web host's page
   * downloads it in the browser. `{ saved: false }` when the person cancelled.
   */
  saveFile: async (request: SaveFileRequest, mime = 'text/plain'): Promise<SaveFileResult> =>
    bridge.saveFile ? bridge.saveFile(request) : download(request, mime),
}

/** A failure as the sentence to show. */
export const errorText = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure))
