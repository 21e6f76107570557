// Notification settings: straight to the server's /v1/me/notification-preferences for the active organization.
import type {
  NotificationPreferenceRecord,
  notificationCommands,
} from '../../../shared/notifications/notification-commands'
import type { CommandHandlers, SessionContext } from '../command-handlers'

type Handlers = CommandHandlers<typeof notificationCommands>

export type NotificationContext = SessionContext

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
