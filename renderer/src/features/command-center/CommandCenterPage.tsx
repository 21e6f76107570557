// The command center, the organizer's home: a workspace's grid of live widgets. Widgets are added from a palette,
// dragged, resized and removed (the layout is saved to the server); the numbers move within a second of a capture
// or a sale anywhere; offline, the last-known values open from the replica, marked "as of HH:MM (offline)".
import { useEffect, useState } from 'react'
import '@mantine/charts/styles.css'
import { Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconLayoutDashboard, IconPlus } from '@tabler/icons-react'
import type { WidgetLayout, WidgetRecord } from '../../../../shared/command-center'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { confirmAction } from '../../ui/confirm'
import { notifyError } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../ui/states'
import { useCommandCenter } from './use-command-center'
import { newWidgetId, nextPlace, starterKeys, widgetPresets, widgetTitle, type WidgetPreset } from './widget-presets'
import { WidgetGrid } from './WidgetGrid'
import { WidgetPalette } from './WidgetPalette'

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'command-center'

function CreateWorkspace({ onCreated }: { onCreated: (id: string) => void }) {
  const [name, setName] = useState('Command center')
  const [busy, setBusy] = useState(false)
  const create = async () => {
    setBusy(true)
    try {
      const workspace = await desktop.invoke('cc-workspace-create', { name: name.trim(), slug: slugOf(name) })
      // The recommended widgets, placed one below the other.
      const placed: WidgetRecord[] = []
      for (const preset of widgetPresets.filter((p) => starterKeys.includes(p.key))) {
        const layout = starterLayout(preset, placed)
        placed.push(
          await desktop.invoke('cc-widget-put', {
            workspaceId: workspace.id,
            widgetId: preset.key,
            widgetType: preset.widgetType,
            config: preset.config,
            layout,
          }),
        )
      }
      onCreated(workspace.id)
    } catch (failure) {
      notifyError(errorText(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="cc-setup-title">
      <PageHeader id="cc-setup-title" title="Command center" />
      <EmptyState
        icon={<IconLayoutDashboard size={20} />}
        title="Set up your command center"
        description="A live board of your sales, leads and payouts. Start with the recommended widgets; add, move and resize them as you like."
        action={
          <Stack gap="xs" w="100%">
            <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} />
            <Button onClick={() => void create()} loading={busy} disabled={!name.trim()}>
              Create command center
            </Button>
          </Stack>
        }
      />
    </section>
  )
}

/** Four tiles side by side, then the wider widgets two by two. */
function starterLayout(preset: WidgetPreset, placed: WidgetRecord[]): WidgetLayout {
  const row = placed.filter((w) => w.layout.w === preset.size.w)
  const perRow = Math.floor(12 / preset.size.w)
  const top = placed
    .filter((w) => w.layout.w !== preset.size.w)
    .reduce((max, w) => Math.max(max, w.layout.y + w.layout.h), 0)
  const index = row.length
  return { x: (index % perRow) * preset.size.w, y: top + Math.floor(index / perRow) * preset.size.h, ...preset.size }
}

export function CommandCenterPage() {
  const workspaces = useCommand('cc-workspaces', {})
  const [chosen, setChosen] = useState<string | null>(null)
  const list = workspaces.data?.workspaces ?? []
  const workspaceId = chosen && list.some((w) => w.id === chosen) ? chosen : (list[0]?.id ?? null)
  const { view, error, reload, replaceWidgets } = useCommandCenter(workspaceId)
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (chosen && !list.some((w) => w.id === chosen)) setChosen(null)
  }, [chosen, list])

  if (workspaces.error && !workspaces.data)
    return <ErrorState message={workspaces.error} onRetry={() => void workspaces.reload()} />
  if (!workspaces.data) return <LoadingState label="Opening the command center…" />
  if (!list.length) {
    if (workspaces.data.source === 'replica')
      return (
        <ErrorState
          message="The server cannot be reached, and no command center has been opened on this device yet."
          onRetry={() => void workspaces.reload()}
        />
      )
    return (
      <CreateWorkspace
        onCreated={(id) => {
          setChosen(id)
          void workspaces.reload()
        }}
      />
    )
  }

  const workspace = view?.workspace ?? list.find((w) => w.id === workspaceId)!
  const timezone = workspace.settings.timezone
  const canEdit = (workspace.my_role === 'owner' || workspace.my_role === 'editor') && view?.source === 'server'
  const asOf = view
    ? new Intl.DateTimeFormat(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone: timezone,
      }).format(new Date(view.readAt))
    : null

  const addWidget = async (preset: WidgetPreset) => {
    if (!view) return
    setBusy(true)
    try {
      const widgetId = newWidgetId(preset.key, new Set(view.widgets.map((w) => w.widget_id)))
      const widget = await desktop.invoke('cc-widget-put', {
        workspaceId: view.workspace.id,
        widgetId,
        widgetType: preset.widgetType,
        config: preset.config,
        layout: nextPlace(view.widgets, preset.size),
      })
      replaceWidgets([widget])
      setPaletteOpen(false)
    } catch (failure) {
      notifyError(errorText(failure))
    } finally {
      setBusy(false)
    }
  }
  const saveLayouts = async (layouts: { widgetId: string; layout: WidgetLayout }[]) => {
    if (!view) return
    try {
      replaceWidgets(
        view.widgets
          .filter((w) => layouts.some((l) => l.widgetId === w.widget_id))
          .map((w) => ({ ...w, layout: layouts.find((l) => l.widgetId === w.widget_id)!.layout })),
      )
      const saved = await desktop.invoke('cc-layout-save', { workspaceId: view.workspace.id, layouts })
      replaceWidgets(saved.widgets)
    } catch (failure) {
      notifyError(errorText(failure), 'The layout was not saved')
      void reload()
    }
  }
  const removeWidget = async (widget: WidgetRecord) => {
    if (!view) return
    const title = widgetTitle(widget)
    if (
      !(await confirmAction({
        action: 'Remove widget',
        subject: title,
        consequence:
          'It disappears from this command center for everyone in the workspace. You can add it again from the palette.',
      }))
    )
      return
    try {
      await desktop.invoke('cc-widget-delete', { workspaceId: view.workspace.id, widgetId: widget.widget_id })
      replaceWidgets([], [widget.widget_id])
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  return (
    <section aria-labelledby="cc-title">
      <PageHeader
        id="cc-title"
        title={workspace.name}
        description={`Live sales, leads and payouts of ${workspace.settings.event_ids ? 'the chosen events' : 'all your events'}, in ${timezone}.`}
        badges={
          view &&
          (view.source === 'replica' ? (
            <Badge color="gray" variant="light" role="status">
              As of {asOf} (offline)
            </Badge>
          ) : (
            <Badge color="teal" variant="light" role="status">
              Live · as of {asOf}
            </Badge>
          ))
        }
        actions={
          <Group gap="xs">
            {list.length > 1 && (
              <Select
                aria-label="Workspace"
                data={list.map((w) => ({ value: w.id, label: w.name }))}
                value={workspace.id}
                onChange={(id) => id && setChosen(id)}
                allowDeselect={false}
                w={200}
              />
            )}
            <Button leftSection={<IconPlus size={16} />} onClick={() => setPaletteOpen(true)} disabled={!canEdit}>
              Add widget
            </Button>
          </Group>
        }
      />
      {error && !view && <ErrorState message={error} onRetry={() => void reload()} />}
      {!view && !error && <LoadingState label="Reading the widgets…" />}
      {view &&
        (view.widgets.length === 0 ? (
          <EmptyState
            title="No widgets yet"
            description="Add KPI tiles, charts, leaderboards or the live capture ticker from the palette."
            action={canEdit ? <Button onClick={() => setPaletteOpen(true)}>Add widget</Button> : undefined}
          />
        ) : (
          <WidgetGrid
            widgets={view.widgets}
            timezone={timezone}
            canEdit={canEdit}
            onLayouts={(l) => void saveLayouts(l)}
            onRemove={(w) => void removeWidget(w)}
          />
        ))}
      {view?.source === 'replica' && (
        <Text size="xs" c="dimmed" mt="sm">
          Showing the values last read on this device; they update when the server is back.
        </Text>
      )}
      <WidgetPalette
        opened={paletteOpen}
        onClose={() => setPaletteOpen(false)}
        onPick={(preset) => void addWidget(preset)}
        busy={busy}
      />
    </section>
  )
}
