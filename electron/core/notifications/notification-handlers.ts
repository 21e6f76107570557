// Notification settings: straight to the server's /v1/me/notification-preferences for the active organization.
import type { CommandArgs, CommandResult } from '../../../shared/desktop-api'
import type {
  NotificationPreferenceRecord,
  notificationCommands,
} from '../../../shared/notifications/notification-commands'
import type { ServerClient } from '../session/server-client'

type Name = keyof typeof notificationCommands
type Handlers = { [C in Name]: (args: CommandArgs<C>) => Promise<CommandResult<C>> }

export interface NotificationContext {
  client(): ServerClient
  orgId(): string
}

export function notificationHandlers(ctx: NotificationContext): Handlers {
  return {
    'notification-preferences-list': async () => {
      const answer = await ctx.client().request<{
        org_kind: 'organizer' | 'sponsor'
        available_moments: string[]
        data: NotificationPreferenceRecord[]
      }>('GET', '/v1/me/notification-preferences', { orgId: ctx.orgId() })
      return { orgKind: answer.org_kind, availableMoments: answer.available_moments, preferences: answer.data }
    },
    'notification-preference-set': async ({ eventId, leadEmails, moments }) =>
      ctx.client().request<NotificationPreferenceRecord>('PUT', `/v1/me/notification-preferences/${eventId}`, {
        orgId: ctx.orgId(),
        body: { ...(leadEmails ? { lead_emails: leadEmails } : {}), ...(moments ? { moments } : {}) },
      }),
  }
}
