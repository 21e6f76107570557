// The renderer's handle on the desktop API: Electron's preload bridge when present, else the web host's WebSocket.
import type {
  CommandArgs,
  CommandResult,
  DesktopBridge,
  DesktopCommandName,
  DesktopEventName,
  HostMessage,
} from '../../shared/desktop-api'

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
  private readonly listeners = new Set<(event: DesktopEventName, payload: unknown) => void>()

  async invoke<C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>> {
    const socket = await this.open()
    const id = this.nextId++
    return new Promise<CommandResult<C>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      socket.send(JSON.stringify({ type: 'invoke', id, command, args }))
    })
  }

  subscribe(listener: (event: DesktopEventName, payload: unknown) => void) {
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
        for (const pending of this.pending.values()) pending.reject(new DesktopApiError('host-unreachable', 'The desktop host went away.'))
        this.pending.clear()
      }
      socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as HostMessage)
    })
    return this.opening
  }

  private receive(message: HostMessage) {
    if (message.type === 'event') {
      for (const listener of this.listeners) listener(message.name, message.payload)
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

export const desktop = {
  invoke: async <C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>> => {
    try {
      return await bridge.invoke(command, args)
    } catch (error) {
      if (error instanceof DesktopApiError) throw error
      const code = (error as { code?: string }).code ?? 'internal-error'
      throw new DesktopApiError(code, error instanceof Error ? error.message : String(error))
    }
  },
  subscribe: (listener: (event: DesktopEventName, payload: unknown) => void) => bridge.subscribe(listener),
}
