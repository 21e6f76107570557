// The desktop API: every command the renderer may call and every event the core pushes.
// One definition; Electron IPC and the web host's WebSocket are two transports for it.
import { Type, type Static, type TSchema } from 'typebox'
import { EventRecord, OrgMembership, User } from './domain'

export const ConnectionState = Type.Union([
  Type.Literal('signed-out'),
  Type.Literal('connecting'),
  Type.Literal('online'),
  Type.Literal('offline'),
])
export type ConnectionState = Static<typeof ConnectionState>

export const SessionStatus = Type.Union([
  Type.Object({ state: Type.Literal('signed-out'), defaultServerUrl: Type.String() }),
  Type.Object({
    state: Type.Literal('signed-in'),
    serverUrl: Type.String(),
    user: User,
    orgs: Type.Array(OrgMembership),
    activeOrgId: Type.Union([Type.String(), Type.Null()]),
    connection: ConnectionState,
  }),
])
export type SessionStatus = Static<typeof SessionStatus>

const NoArgs = Type.Object({})

function command<A extends TSchema, R extends TSchema>(args: A, result: R) {
  return { args, result }
}

export const desktopCommands = {
  'session-status': command(NoArgs, SessionStatus),
  'session-login': command(
    Type.Object({
      serverUrl: Type.String({ minLength: 1, maxLength: 2048 }),
      email: Type.String({ minLength: 3, maxLength: 320 }),
      password: Type.String({ minLength: 1, maxLength: 1024 }),
    }),
    SessionStatus,
  ),
  'session-logout': command(NoArgs, SessionStatus),
  'org-select': command(Type.Object({ orgId: Type.String({ format: 'uuid' }) }), SessionStatus),
  'events-list': command(
    NoArgs,
    Type.Object({
      events: Type.Array(EventRecord),
      source: Type.Union([Type.Literal('server'), Type.Literal('replica')]),
    }),
  ),
} as const

export const desktopEvents = {
  'session-changed': SessionStatus,
  'connection-changed': Type.Object({ connection: ConnectionState }),
  'events-changed': Type.Object({ orgId: Type.String() }),
} as const

export type DesktopCommandName = keyof typeof desktopCommands
export type CommandArgs<C extends DesktopCommandName> = Static<(typeof desktopCommands)[C]['args']>
export type CommandResult<C extends DesktopCommandName> = Static<(typeof desktopCommands)[C]['result']>
export type DesktopEventName = keyof typeof desktopEvents
export type DesktopEventPayload<E extends DesktopEventName> = Static<(typeof desktopEvents)[E]>

export function isDesktopCommandName(name: unknown): name is DesktopCommandName {
  return typeof name === 'string' && Object.hasOwn(desktopCommands, name)
}

/** What the preload exposes on `window.desktop`; the web client implements the same. */
export interface DesktopBridge {
  invoke<C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>
  subscribe(listener: (event: DesktopEventName, payload: unknown) => void): () => void
}

export { ipcChannels } from './ipc-channels'

/** Messages on the web host's WebSocket. */
export type HostRequest = { type: 'invoke'; id: number; command: string; args: unknown }
export type HostMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } }
  | { type: 'event'; name: DesktopEventName; payload: unknown }
