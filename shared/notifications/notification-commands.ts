// The desktop commands of notification settings: the signed-in person's email choices for each event of the
// active organization, straight to the server (online only). Records keep the server's field names.
import { Type, type Static, type TSchema } from 'typebox'

const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })

export const leadEmailChoices = ['each_hot_lead', 'hourly_digest', 'off'] as const
export type LeadEmailChoice = (typeof leadEmailChoices)[number]

export const NotificationPreferenceRecord = Type.Object({
  event_id: Type.String(),
  event_title: Type.String(),
  lead_emails: Type.Union([Type.Literal('each_hot_lead'), Type.Literal('hourly_digest'), Type.Literal('off')]),
  moments: Type.Array(Type.String()),
  updated_at: Type.Union([Type.String(), Type.Null()]),
})
export type NotificationPreferenceRecord = Static<typeof NotificationPreferenceRecord>

export const notificationCommands = {
  'notification-preferences-list': command(
    Type.Object({}),
    Type.Object({
      orgKind: Type.Union([Type.Literal('organizer'), Type.Literal('sponsor')]),
      availableMoments: Type.Array(Type.String()),
      preferences: Type.Array(NotificationPreferenceRecord),
    }),
  ),
  'notification-preference-set': command(
    Type.Object(
      {
        eventId: Type.String({ format: 'uuid' }),
        leadEmails: Type.Optional(
          Type.Union([Type.Literal('each_hot_lead'), Type.Literal('hourly_digest'), Type.Literal('off')]),
        ),
        moments: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
      },
      { additionalProperties: false },
    ),
    NotificationPreferenceRecord,
  ),
}
