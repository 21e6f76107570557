// Ctrl/Cmd+K: every screen of the navigation and the main actions, searchable by name.
import { useNavigate } from 'react-router-dom'
import { Spotlight, spotlight, type SpotlightActionData } from '@mantine/spotlight'
import { IconSearch, IconLogout, IconContrast, IconKeyboard } from '@tabler/icons-react'
import type { Screen } from './navigation'
import { openShortcuts } from './ShortcutsHelp'

export const openPalette = () => spotlight.open()

export function CommandPalette({ screens, onSignOut, onToggleTheme }: { screens: Screen[]; onSignOut: () => void; onToggleTheme: () => void }) {
  const navigate = useNavigate()
  const actions: SpotlightActionData[] = [
    ...screens.map((screen) => ({
      id: `go${screen.path}`,
      label: `Go to ${screen.label}`,
      description: screen.description,
      leftSection: <screen.icon size={18} aria-hidden="true" />,
      onClick: () => navigate(screen.path),
    })),
    { id: 'theme', label: 'Switch light / dark theme', description: 'Change the colour scheme', leftSection: <IconContrast size={18} aria-hidden="true" />, onClick: onToggleTheme },
    { id: 'shortcuts', label: 'Keyboard shortcuts', description: 'List the shortcuts (press ?)', leftSection: <IconKeyboard size={18} aria-hidden="true" />, onClick: openShortcuts },
    { id: 'sign-out', label: 'Sign out', description: 'Sign out of this device', leftSection: <IconLogout size={18} aria-hidden="true" />, onClick: onSignOut },
  ]
  return (
    <Spotlight
      actions={actions}
      title="Command palette"
      shortcut={['mod + K']}
      nothingFound="Nothing matches"
      highlightQuery
      limit={20}
      searchProps={{ leftSection: <IconSearch size={18} aria-hidden="true" />, placeholder: 'Go to a screen or run an action…', 'aria-label': 'Command palette' }}
    />
  )
}
