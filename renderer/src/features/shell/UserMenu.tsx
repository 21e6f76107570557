// The signed-in person in the header (their name, their role in the active organization), and sign-out,
// which offers to export captures the server has not received yet before it lets go of them.
import { useState } from 'react'
import { Avatar, Button, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconLogout } from '@tabler/icons-react'
import type { SessionStatus } from '../../../../shared/desktop-api'
import { humanize } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import type { SignedIn } from '../../desktop/use-session'
import { exportUnsynced } from '../sync/export-unsynced'

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('')

export function UserMenu({ status }: { status: SignedIn }) {
  const activeOrg = status.orgs.find((org) => org.id === status.activeOrgId)
  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <UnstyledButton title={`Signed in as ${status.user.name} (${status.user.email})`}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="indigo" aria-hidden="true">
              {initials(status.user.name)}
            </Avatar>
            <Stack gap={0} maw={200} miw={0}>
              <Text size="sm" fw={500} lh={1.2} truncate>
                {status.user.name}
              </Text>
              {activeOrg && (
                <Text size="xs" c="dimmed" lh={1.2} truncate>
                  {humanize(activeOrg.role)} · {activeOrg.name}
                </Text>
              )}
            </Stack>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{status.user.email}</Menu.Label>
        <Menu.Item disabled>Server: {status.serverUrl}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}

export async function signOut(onStatus: (status: SessionStatus) => void) {
  try {
    onStatus(await desktop.invoke('session-logout', {}))
  } catch (failure) {
    showUnsynced(errorText(failure))
  }
}

/** Captures not yet on the server: offer to export them before signing out. */
function showUnsynced(message: string) {
  const id = modals.openConfirmModal({
    title: 'Unsynced leads',
    children: <Text size="sm">{message}</Text>,
    labels: { confirm: 'Export to a file', cancel: 'Close' },
    closeOnConfirm: false,
    onConfirm: async () => {
      const exported = await exportUnsynced().catch((failure: unknown) => ({
        saved: false,
        message: errorText(failure),
      }))
      modals.close(id)
      modals.open({
        title: 'Unsynced leads',
        children: (
          <Text size="sm">
            {exported.message}
            {exported.saved && ' You can sign out now.'}
          </Text>
        ),
      })
    },
  })
}

export function SignOutButton({
  onStatus,
  variant = 'subtle',
}: {
  onStatus: (status: SessionStatus) => void
  variant?: 'subtle' | 'default'
}) {
  const [isBusy, setIsBusy] = useState(false)
  return (
    <Button
      variant={variant}
      size="xs"
      leftSection={<IconLogout size={14} aria-hidden="true" />}
      loading={isBusy}
      onClick={async () => {
        setIsBusy(true)
        await signOut(onStatus)
        setIsBusy(false)
      }}
    >
      Sign out
    </Button>
  )
}
