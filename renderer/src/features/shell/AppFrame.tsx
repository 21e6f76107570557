// The signed-in frame: header (organization switcher, search, connection, the person, theme, sign-out),
// navigation by the organization's kind, the sync bar above every page, the command palette, the shortcuts
// overlay and the window title.
import { useEffect, useMemo, type ReactNode } from 'react'
import { NavLink as RouterLink, useLocation, useNavigate } from 'react-router-dom'
import {
  ActionIcon,
  AppShell,
  Button,
  Group,
  Kbd,
  NavLink,
  NativeSelect,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import {
  IconBuilding,
  IconContrast,
  IconKeyboard,
  IconMoon,
  IconRefresh,
  IconSearch,
  IconSun,
} from '@tabler/icons-react'
import type { ConnectionState, SessionStatus } from '../../../../shared/desktop-api'
import { labelOf, orgKindTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import type { SignedIn } from '../../desktop/use-session'
import { useSponsors } from '../../desktop/use-sponsors'
import { notifyDone, notifyError } from '../../ui/notify'
import { SyncBar } from '../sync/SyncBar'
import { settingsSections } from '../settings/sections'
import { useIsPlatformAdmin } from '../operations/use-ops-overview'
import { CommandPalette, openPalette } from './CommandPalette'
import { ConnectionIndicator } from './ConnectionIndicator'
import { homePath, navigationFor, screenAt } from './navigation'
import { usePaletteActions, type PaletteAction } from './palette-actions'
import { openShortcuts, ShortcutsHelp } from './ShortcutsHelp'
import { SignOutButton, signOut, UserMenu } from './UserMenu'

const appName = 'Yardpass Command Center'

export function AppFrame({
  status,
  connection,
  onStatus,
  children,
}: {
  status: SignedIn
  connection: ConnectionState
  onStatus: (status: SessionStatus) => void
  children: ReactNode
}) {
  const isPlatformAdmin = useIsPlatformAdmin(status.activeOrgId)
  const navigate = useNavigate()
  const location = useLocation()
  const activeOrg = status.orgs.find((org) => org.id === status.activeOrgId)
  const { sponsors } = useSponsors()
  const screens = useMemo(
    () => navigationFor(activeOrg?.kind, status.orgs, sponsors, isPlatformAdmin),
    [activeOrg?.kind, status.orgs, sponsors, isPlatformAdmin],
  )
  const { setColorScheme } = useMantineColorScheme()
  const scheme = useComputedColorScheme('light')
  const toggleTheme = () => setColorScheme(scheme === 'dark' ? 'light' : 'dark')

  /** Switches and lands on the new organization's home screen (its kind's first screen). */
  async function switchOrg(orgId: string) {
    try {
      const next = await desktop.invoke('org-select', { orgId })
      onStatus(next)
      const kind = next.state === 'signed-in' ? next.orgs.find((org) => org.id === next.activeOrgId)?.kind : undefined
      navigate(homePath(kind))
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  // The window (and its taskbar entry) says where the person is.
  const screen = screenAt(location.pathname)
  useEffect(() => {
    document.title =
      [screen?.label, activeOrg?.name].filter(Boolean).join(' · ') + (screen || activeOrg ? ` — ${appName}` : appName)
  }, [screen, activeOrg])

  useHotkeys(screens.slice(0, 9).map((target, i) => [`mod+${i + 1}`, () => navigate(target.path)]))

  const globalActions = useMemo<PaletteAction[]>(
    () => [
      ...status.orgs
        .filter((org) => org.id !== status.activeOrgId)
        .map((org) => ({
          id: `org-${org.id}`,
          group: 'Organization',
          label: `Switch to ${org.name}`,
          description: `${labelOf(orgKindTerms, org.kind)} organization`,
          icon: <IconBuilding size={18} aria-hidden="true" />,
          run: () => void switchOrg(org.id),
        })),
      {
        id: 'sync-now',
        group: 'App',
        label: 'Sync now',
        description: 'Send and receive changes with the server',
        icon: <IconRefresh size={18} aria-hidden="true" />,
        run: () =>
          void desktop.invoke('sync-now', {}).then(
            (sync) =>
              notifyDone(
                sync.isReachable
                  ? 'Synced with the server.'
                  : 'The server is not reachable; changes stay on this device.',
              ),
            (failure: unknown) => notifyError(errorText(failure)),
          ),
      },
      {
        id: 'theme',
        group: 'App',
        label: 'Switch light / dark theme',
        description: 'Change the colour scheme',
        icon: <IconContrast size={18} aria-hidden="true" />,
        run: toggleTheme,
      },
      {
        id: 'shortcuts',
        group: 'App',
        label: 'Keyboard shortcuts',
        description: 'List the shortcuts (press ?)',
        icon: <IconKeyboard size={18} aria-hidden="true" />,
        run: openShortcuts,
      },
      {
        id: 'accept-invitation',
        group: 'App',
        label: 'Accept an invitation',
        description: 'Paste the code from a sponsor’s invitation email',
        run: () => navigate('/accept-invitation'),
      },
      ...settingsSections.map((section) => ({
        id: `settings-${section.id}`,
        group: 'Settings',
        label: `Settings: ${section.label}`,
        description: section.description,
        run: () => navigate(`/settings/${section.id}`),
      })),
      {
        id: 'sign-out',
        group: 'App',
        label: 'Sign out',
        description: 'Sign out of this device',
        run: () => void signOut(onStatus),
      },
      // switchOrg and toggleTheme close over the current status and scheme, which are the dependencies.
    ],
    [status.orgs, status.activeOrgId, scheme, onStatus],
  )
  usePaletteActions('shell', globalActions)

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" gap="md" wrap="nowrap">
          <Title order={1} size="h4">
            Yardpass
          </Title>
          <NativeSelect
            label="Organization"
            size="xs"
            value={status.activeOrgId ?? ''}
            onChange={(e) => void switchOrg(e.currentTarget.value)}
            data={status.orgs.map((org) => ({
              value: org.id,
              label: `${org.name} (${labelOf(orgKindTerms, org.kind).toLowerCase()})`,
            }))}
            maw={300}
            styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { marginBottom: 0 } }}
          />
          <Button
            variant="default"
            size="xs"
            leftSection={<IconSearch size={14} aria-hidden="true" />}
            rightSection={
              <Kbd size="xs" visibleFrom="lg">
                Ctrl K
              </Kbd>
            }
            onClick={openPalette}
            style={{ flexShrink: 0 }}
          >
            Search
          </Button>
          <Group ml="auto" gap="sm" wrap="nowrap">
            <ConnectionIndicator state={connection} />
            <UserMenu status={status} />
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon
                variant="default"
                aria-label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}
                onClick={toggleTheme}
              >
                {scheme === 'dark' ? (
                  <IconSun size={16} aria-hidden="true" />
                ) : (
                  <IconMoon size={16} aria-hidden="true" />
                )}
              </ActionIcon>
            </Tooltip>
            <SignOutButton onStatus={onStatus} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {screens.map((target) => (
          <NavLink
            key={target.path}
            variant="filled"
            component={RouterLink}
            to={target.path}
            label={target.label}
            leftSection={<target.icon size={18} aria-hidden="true" />}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <SyncBar connection={connection} />
        {children}
      </AppShell.Main>
      <CommandPalette screens={screens} />
      <ShortcutsHelp />
    </AppShell>
  )
}
