// One command center on screen: read (from the server, or the replica offline), then kept live: each delta
// numbered right after what is on screen moves the tiles at once; a delta that skips numbers means some were
// missed, so the view is read again; charts, boards and the ticker are re-read shortly after a delta.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommandResult } from '../../../../shared/desktop-api'
import type { WidgetRecord } from '../../../../shared/command-center'
import { desktop, errorText } from '../../desktop/desktop-client'
import { applyDelta, judgeDelta } from './apply-delta'

export type CommandCenterView = CommandResult<'cc-open'>
type Delta = { workspace_id: string; seq: number; first_seq: number; metrics: Record<string, number> }

/** How long after a delta charts and boards are re-read (several deltas share one re-read). */
const rereadAfterMs = 1500

export function useCommandCenter(workspaceId: string | null) {
  const [view, setView] = useState<CommandCenterView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [gaps, setGaps] = useState(0)
  const viewRef = useRef<CommandCenterView | null>(null)
  const loading = useRef<Promise<void> | null>(null)
  const heldBack = useRef<Delta[]>([])
  const reread = useRef<ReturnType<typeof setTimeout> | null>(null)

  const show = useCallback((next: CommandCenterView) => {
    viewRef.current = next
    setView(next)
  }, [])

  const apply = useCallback(
    (delta: Delta) => {
      const current = viewRef.current
      if (!current || current.workspace.id !== delta.workspace_id) return 'stale' as const
      const verdict = judgeDelta(current.seq, delta)
      if (verdict === 'apply') show({ ...current, seq: delta.seq, widgets: applyDelta(current.widgets, delta.metrics) })
      return verdict
    },
    [show],
  )

  const load = useCallback(async () => {
    if (!workspaceId) return
    if (loading.current) return loading.current
    heldBack.current = []
    const running = (async () => {
      try {
        const next = await desktop.invoke('cc-open', { workspaceId })
        show(next)
        setError(null)
        // Deltas that arrived while reading: those after what was read apply on top, in order.
        for (const delta of heldBack.current.sort((a, b) => a.seq - b.seq)) if (apply(delta) === 'gap') break
      } catch (failure) {
        setError(errorText(failure))
      } finally {
        heldBack.current = []
        loading.current = null
      }
    })()
    loading.current = running
    return running
  }, [workspaceId, show, apply])

  useEffect(() => {
    viewRef.current = null
    setView(null)
    void load()
  }, [load])

  useEffect(
    () =>
      desktop.on({
        'command-center-delta': (delta) => {
          if (delta.workspace_id !== workspaceId) return
          if (loading.current) return void heldBack.current.push(delta)
          const verdict = apply(delta)
          if (verdict === 'gap') {
            setGaps((n) => n + 1)
            void load()
            return
          }
          if (verdict === 'apply' && !reread.current) {
            reread.current = setTimeout(() => {
              reread.current = null
              void load()
            }, rereadAfterMs)
          }
        },
        'command-center-widget': (update) => {
          if (update.workspace_id === workspaceId) void load()
        },
        'connection-changed': ({ connection }) => {
          // Back online: what happened meanwhile was not pushed.
          if (connection === 'online' && viewRef.current?.source === 'replica') void load()
        },
      }),
    [workspaceId, apply, load],
  )

  useEffect(
    () => () => {
      if (reread.current) clearTimeout(reread.current)
    },
    [],
  )

  /** Puts widgets the server answered into the view (after an add, a move, a resize). */
  const replaceWidgets = useCallback(
    (changed: WidgetRecord[], removed: string[] = []) => {
      const current = viewRef.current
      if (!current) return
      const byId = new Map(changed.map((w) => [w.widget_id, w]))
      const kept = current.widgets.filter((w) => !removed.includes(w.widget_id)).map((w) => byId.get(w.widget_id) ?? w)
      const added = changed.filter((w) => !current.widgets.some((c) => c.widget_id === w.widget_id))
      show({ ...current, widgets: [...kept, ...added] })
    },
    [show],
  )

  return { view, error, gaps, reload: load, replaceWidgets }
}
