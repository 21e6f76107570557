// Ctrl/Cmd+K: every screen of the navigation and every registered action, searchable by name.
import { useMemo } from 'react'
import { useNavigate } from 'react-router-dom'
import { Spotlight, spotlight, type SpotlightActionData, type SpotlightActionGroupData } from '@mantine/spotlight'
import { IconSearch } from '@tabler/icons-react'
import type { Screen } from './navigation'
import { usePaletteRegistry } from './palette-actions'

export const openPalette = () => spotlight.open()

export function CommandPalette({ screens }: { screens: Screen[] }) {
  const navigate = useNavigate()
  const registered = usePaletteRegistry()
  const actions = useMemo<SpotlightActionGroupData[]>(() => {
    const groups = new Map<string, SpotlightActionData[]>()
    groups.set(
      'Screens',
      screens.map((screen) => ({
        id: `go${screen.path}`,
        label: `Go to ${screen.label}`,
        description: screen.description,
        leftSection: <screen.icon size={18} aria-hidden="true" />,
        onClick: () => navigate(screen.path),
      })),
    )
    for (const action of registered) {
      groups.set(action.group, [
        ...(groups.get(action.group) ?? []),
        {
          id: action.id,
          label: action.label,
          description: action.description,
          keywords: action.keywords,
          leftSection: action.icon,
          onClick: action.run,
        },
      ])
    }
    return [...groups].map(([group, list]) => ({ group, actions: list }))
  }, [screens, registered, navigate])

  return (
    <Spotlight
      actions={actions}
      title="Command palette"
      shortcut={['mod + K']}
      // Ctrl+K opens it from anywhere, a text field or a checkbox included.
      tagsToIgnore={[]}
      nothingFound="Nothing matches"
      highlightQuery
      limit={40}
      scrollable
      maxHeight={420}
      searchProps={{
        leftSection: <IconSearch size={18} aria-hidden="true" />,
        placeholder: 'Go to a screen or run an action…',
        'aria-label': 'Command palette',
      }}
    />
  )
}
