// Settings → Email notifications: the signed-in person's choices for each event of the active organization.
// Sponsor people: an email for each hot lead, an hourly digest of new leads, or nothing. Organizers: the moments
// emailed (the same ones webhooks carry). Every email also has a one-click unsubscribe link.
// Mount it anywhere in Settings: <NotificationSettings /> (it reads the organization kind from the server).
import { Checkbox, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import type {
  LeadEmailChoice,
  NotificationPreferenceRecord,
} from '../../../../shared/notifications/notification-commands'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { notifyDone, notifyError } from '../../ui/notify'
import { EmptyState, Loadable } from '../../ui/states'

const leadChoices: { value: LeadEmailChoice; label: string }[] = [
  { value: 'each_hot_lead', label: 'Each hot lead' },
  { value: 'hourly_digest', label: 'Hourly digest' },
  { value: 'off', label: 'Off' },
]

const momentLabels: Record<string, string> = {
  'order.funded': 'An order is funded',
  'proposal.sent': 'A proposal is sent',
  'payout.completed': 'A payout is completed',
  'deliverable.submitted': 'A deliverable is submitted',
  'deliverable.approved': 'A deliverable is approved',
}

export interface NotificationSettingsProps {
  /** The heading's level inside the screen that mounts it (3 by default). */
  headingOrder?: 2 | 3 | 4
}

export function NotificationSettings({ headingOrder = 3 }: NotificationSettingsProps) {
  const query = useCommand('notification-preferences-list', {})

  async function save(
    preference: NotificationPreferenceRecord,
    change: { leadEmails: LeadEmailChoice } | { moments: string[] },
  ) {
    const data = query.data
    if (!data) return
    const put = (next: NotificationPreferenceRecord) =>
      query.setData({
        ...data,
        preferences: data.preferences.map((p) => (p.event_id === next.event_id ? next : p)),
      })
    // Shown at once; put back as it was if the server refuses.
    put({
      ...preference,
      ...('leadEmails' in change ? { lead_emails: change.leadEmails } : { moments: change.moments }),
    })
    try {
      put(await desktop.invoke('notification-preference-set', { eventId: preference.event_id, ...change }))
      notifyDone(`Email notifications for ${preference.event_title} saved.`)
    } catch (failure) {
      put(preference)
      notifyError(errorText(failure))
    }
  }

  return (
    <Stack gap="sm" aria-labelledby="notification-settings-title" component="section">
      <div>
        <Title order={headingOrder} id="notification-settings-title">
          Email notifications
        </Title>
        <Text size="sm" c="dimmed">
          Choose what Yardpass emails you about, event by event. Every email has a link to stop it in one click.
        </Text>
      </div>
      <Loadable
        query={query}
        loading="Loading your notification settings…"
        isEmpty={(data) => data.preferences.length === 0}
        empty={<EmptyState title="No events yet" description="Events your organization runs or sponsors show here." />}
      >
        {(data) =>
          data.preferences.map((preference) => (
            <Paper key={preference.event_id} withBorder radius="md" p="md">
              <Stack gap="xs">
                <Text fw={600}>{preference.event_title}</Text>
                {data.orgKind === 'sponsor' ? (
                  <Group gap="sm" wrap="wrap">
                    <Text size="sm" id={`lead-emails-${preference.event_id}`}>
                      Lead emails
                    </Text>
                    <SegmentedControl
                      aria-labelledby={`lead-emails-${preference.event_id}`}
                      value={preference.lead_emails}
                      data={leadChoices}
                      onChange={(value) => void save(preference, { leadEmails: value as LeadEmailChoice })}
                    />
                  </Group>
                ) : (
                  <Checkbox.Group
                    label="Email me when"
                    value={preference.moments}
                    onChange={(moments) => void save(preference, { moments })}
                  >
                    <Group gap="md" mt={4} wrap="wrap">
                      {data.availableMoments.map((moment) => (
                        <Checkbox key={moment} value={moment} label={momentLabels[moment] ?? moment} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                )}
              </Stack>
            </Paper>
          ))
        }
      </Loadable>
    </Stack>
  )
}
