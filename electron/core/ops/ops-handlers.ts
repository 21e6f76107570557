// The Operations panel's commands: straight to the server's platform-administrator routes.
import type { opsCommands } from '../../../shared/ops/ops-commands'
import type { AlertRecord, OpsOverview } from '../../../shared/ops/ops-overview'
import { ApiError, type ServerClient } from '../session/server-client'
import type { CommandHandlers } from '../command-handlers'

type Handlers = CommandHandlers<typeof opsCommands>

export function opsHandlers(client: () => ServerClient): Handlers {
  return {
    'ops-overview': async () => {
      try {
        return { allowed: true, overview: await client().request<OpsOverview>('GET', '/v1/ops/overview') }
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return { allowed: false }
        throw error
      }
    },
    'ops-alert-acknowledge': async ({ alertId }) =>
      client().request<AlertRecord>('POST', `/v1/ops/alerts/${alertId}/acknowledge`, { body: {} }),
  }
}
