// The sections of Settings, in order; the command palette offers each one.
export const settingsSections = [
  { id: 'account', label: 'Account', description: 'Who is signed in, their role, sign out' },
  { id: 'appearance', label: 'Appearance', description: 'Light, dark or as the system is' },
  { id: 'device', label: 'This device', description: 'Sync status, sync now, export unsynced changes' },
  { id: 'notifications', label: 'Email notifications', description: 'Emails for hot leads, digests and your moments' },
  { id: 'webhooks', label: 'Webhooks', description: 'Send events to your own backend' },
] as const

export type SettingsSection = (typeof settingsSections)[number]['id']
