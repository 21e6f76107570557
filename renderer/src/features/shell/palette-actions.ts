// The command palette's actions beyond the screens: a screen registers its own while it is open
// (`usePaletteActions('leads', [...])`), the shell registers the global ones. Ctrl/Cmd+K lists them all.
import { useEffect, useSyncExternalStore, type ReactNode } from 'react'

export interface PaletteAction {
  id: string
  label: string
  description?: string
  /** Shown as the palette's section: "Screens", "Leads", "Organization", "App". */
  group: string
  keywords?: string[]
  icon?: ReactNode
  run: () => void
}

const owners = new Map<string, PaletteAction[]>()
const listeners = new Set<() => void>()
let snapshot: PaletteAction[] = []

function publish() {
  snapshot = [...owners.values()].flat()
  for (const listener of listeners) listener()
}

/** Offers these actions in the palette while the calling component is mounted. */
export function usePaletteActions(owner: string, actions: PaletteAction[]) {
  useEffect(() => {
    owners.set(owner, actions)
    publish()
    return () => {
      owners.delete(owner)
      publish()
    }
  }, [owner, actions])
}

/** Every action registered now. */
export function usePaletteRegistry(): PaletteAction[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => snapshot,
  )
}
