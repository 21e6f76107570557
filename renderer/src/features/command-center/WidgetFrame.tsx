// One widget on the grid: its title (the drag handle), a menu to move, resize or remove it by keyboard, and its body.
import { ActionIcon, Group, Menu, Paper, Text } from '@mantine/core'
import { IconDotsVertical, IconGripVertical } from '@tabler/icons-react'
import type { WidgetLayout, WidgetRecord } from '../../../../shared/command-center'
import { gridColumns, widgetTitle } from './widget-presets'
import { KpiTile } from './widgets/KpiTile'
import { SeriesChart } from './widgets/SeriesChart'
import { FunnelView, LeaderboardView, MarketplaceCardView, TickerView } from './widgets/SmallWidgets'

export const rowHeight = 60

function WidgetBody({ widget, timezone }: { widget: WidgetRecord; timezone: string }) {
  const data = widget.data
  const chartHeight = Math.max(80, widget.layout.h * rowHeight - 90)
  if (!data)
    return (
      <Text size="sm" c="dimmed">
        No data yet.
      </Text>
    )
  switch (data.kind) {
    case 'kpi':
      return <KpiTile data={data} />
    case 'series':
      return <SeriesChart data={data} timezone={timezone} height={chartHeight} />
    case 'funnel':
      return <FunnelView data={data} height={chartHeight} />
    case 'leaderboard':
      return <LeaderboardView data={data} />
    case 'ticker':
      return <TickerView data={data} />
    case 'marketplace_card':
      return <MarketplaceCardView data={data} cta={String(widget.config.cta ?? '')} />
  }
}

type Step = Partial<WidgetLayout>

/** The layout one keyboard step gives, kept on the grid. */
export function stepLayout(layout: WidgetLayout, step: Step): WidgetLayout {
  const w = Math.min(gridColumns, Math.max(1, layout.w + (step.w ?? 0)))
  const h = Math.min(12, Math.max(1, layout.h + (step.h ?? 0)))
  const x = Math.min(gridColumns - w, Math.max(0, layout.x + (step.x ?? 0)))
  const y = Math.max(0, layout.y + (step.y ?? 0))
  return { x, y, w, h }
}

export function WidgetFrame({
  widget,
  timezone,
  canEdit,
  onLayout,
  onRemove,
}: {
  widget: WidgetRecord
  timezone: string
  canEdit: boolean
  onLayout: (layout: WidgetLayout) => void
  onRemove: () => void
}) {
  const title = widgetTitle(widget)
  const steps: [string, Step][] = [
    ['Move left', { x: -1 }],
    ['Move right', { x: 1 }],
    ['Move up', { y: -1 }],
    ['Move down', { y: 1 }],
    ['Wider', { w: 1 }],
    ['Narrower', { w: -1 }],
    ['Taller', { h: 1 }],
    ['Shorter', { h: -1 }],
  ]
  return (
    <Paper
      component="section"
      aria-label={title}
      withBorder
      radius="md"
      p="sm"
      h="100%"
      style={{ overflow: 'hidden' }}
      data-widget-id={widget.widget_id}
      data-layout={`${widget.layout.x},${widget.layout.y},${widget.layout.w},${widget.layout.h}`}
    >
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <Group
          gap={4}
          wrap="nowrap"
          className="cc-drag-handle"
          style={{ cursor: canEdit ? 'move' : 'default', flex: 1, minWidth: 0 }}
        >
          {canEdit && <IconGripVertical size={14} aria-hidden="true" />}
          <Text fw={600} size="sm" truncate component="h3" m={0}>
            {title}
          </Text>
        </Group>
        {canEdit && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`${title}: move, resize or remove`}>
                <IconDotsVertical size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {steps.map(([label, step]) => (
                <Menu.Item key={label} onClick={() => onLayout(stepLayout(widget.layout, step))}>
                  {label}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item color="red" onClick={onRemove}>
                Remove…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <WidgetBody widget={widget} timezone={timezone} />
    </Paper>
  )
}
