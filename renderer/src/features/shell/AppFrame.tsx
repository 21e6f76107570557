// The signed-in frame: header (organization switcher, connection, user, sign-out), navigation by the
// organization's kind, the sync bar above every page, the command palette and the shortcuts overlay.
import { useState, type ReactNode } from 'react'
import { NavLink as RouterLink, useNavigate } from 'react-router-dom'
import { AppShell, Group, NavLink, NativeSelect, Text, Title, Button, ActionIcon, Tooltip, useMantineColorScheme, useComputedColorScheme, Kbd } from '@mantine/core'
import { IconSearch, IconSun, IconMoon, IconLogout } from '@tabler/icons-react'
import { modals } from '@mantine/modals'
import type { ConnectionState, SessionStatus } from '../../../../shared/desktop-api'
import { desktop } from '../../desktop-client'
import { ConnectionIndicator } from '../../components/ConnectionIndicator'
import { SyncBar } from '../../components/SyncBar'
import { useIsPlatformAdmin } from '../operations/use-ops-overview'
import { boothSeatScreens, homePath, operationsScreen, screensFor } from './navigation'
import { useSponsors } from '../../use-sponsors'
import { CommandPalette, openPalette } from './CommandPalette'
import { ShortcutsHelp } from './ShortcutsHelp'

type SignedIn = Extract<SessionStatus, { state: 'signed-in' }>

const kindName = { organizer: 'organizer', sponsor: 'sponsor' } as const

export function AppFrame({ status, connection, onStatus, children }: { status: SignedIn; connection: ConnectionState; onStatus: (status: SessionStatus) => void; children: ReactNode }) {
  const isPlatformAdmin = useIsPlatformAdmin(status.activeOrgId)
  const navigate = useNavigate()
  const activeOrg = status.orgs.find((org) => org.id === status.activeOrgId)
  const { sponsors } = useSponsors()
  const hasBoothSeat = activeOrg?.kind !== 'sponsor' && (sponsors?.length ?? 0) > 0
  const screens = [...screensFor(activeOrg?.kind), ...(hasBoothSeat ? boothSeatScreens : []), ...(isPlatformAdmin ? [operationsScreen] : [])]
  const { setColorScheme } = useMantineColorScheme()
  const scheme = useComputedColorScheme('light')

  async function switchOrg(orgId: string) {
    const next = await desktop.invoke('org-select', { orgId })
    onStatus(next)
    const kind = next.state === 'signed-in' ? next.orgs.find((org) => org.id === next.activeOrgId)?.kind : undefined
    navigate(homePath(kind))
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" gap="md" wrap="nowrap">
          <Title order={1} size="h4">Yardpass</Title>
          <NativeSelect
            label="Organization"
            size="xs"
            value={status.activeOrgId ?? ''}
            onChange={(e) => void switchOrg(e.currentTarget.value)}
            data={status.orgs.map((org) => ({ value: org.id, label: `${org.name} (${kindName[org.kind]})` }))}
            styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { marginBottom: 0 } }}
          />
          <Button variant="default" size="xs" leftSection={<IconSearch size={14} />} rightSection={<Kbd size="xs">Ctrl K</Kbd>} onClick={openPalette}>
            Search
          </Button>
          <Group ml="auto" gap="sm" wrap="nowrap">
            <ConnectionIndicator state={connection} />
            <Text size="sm" fw={500}>{status.user.name}</Text>
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon variant="default" aria-label={scheme === 'dark' ? 'Light theme' : 'Dark theme'} onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}>
                {scheme === 'dark' ? <IconSun size={16} /> : <IconMoon size={16} />}
              </ActionIcon>
            </Tooltip>
            <SignOutButton onStatus={onStatus} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {screens.map((screen) => (
          <NavLink key={screen.path} variant="filled" component={RouterLink} to={screen.path} label={screen.label} leftSection={<screen.icon size={18} aria-hidden="true" />} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <SyncBar connection={connection} />
        {children}
      </AppShell.Main>
      <CommandPalette screens={screens} onSignOut={() => void signOutNow(onStatus)} onToggleTheme={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')} />
      <ShortcutsHelp />
    </AppShell>
  )
}

async function signOutNow(onStatus: (status: SessionStatus) => void) {
  try {
    onStatus(await desktop.invoke('session-logout', {}))
  } catch (failure) {
    showUnsynced(failure instanceof Error ? failure.message : String(failure))
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
      const saved = await desktop.invoke('pending-export', {})
      modals.close(id)
      modals.open({ title: 'Unsynced leads', children: <Text size="sm">Saved {saved.count} capture(s) to {saved.path}. You can sign out now.</Text> })
    },
  })
}

function SignOutButton({ onStatus }: { onStatus: (status: SessionStatus) => void }) {
  const [busy, setBusy] = useState(false)
  return (
    <Button variant="subtle" size="xs" leftSection={<IconLogout size={14} />} loading={busy} onClick={async () => { setBusy(true); await signOutNow(onStatus); setBusy(false) }}>
      Sign out
    </Button>
  )
}
