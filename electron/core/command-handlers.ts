// What every group of desktop commands implements: one async handler per command of its contract, typed by
// it; and what the handlers that talk to the server get from the session.
import type { CommandArgs, CommandResult, DesktopCommandName } from '../../shared/desktop-api'
import type { ServerClient } from './session/server-client'

/** `CommandHandlers<typeof webhookCommands>`: a handler for each command of that group. */
export type CommandHandlers<Commands> = {
  [C in keyof Commands & DesktopCommandName]: (args: CommandArgs<C>) => Promise<CommandResult<C>>
}

/** The signed-in session's server client and active organization. */
export interface SessionContext {
  client(): ServerClient
  orgId(): string
}
