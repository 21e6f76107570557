// The command center's grid (react-grid-layout): widgets dragged by their title and resized from their corner;
// each move or resize that ends somewhere new is saved to the server.
import { useMemo } from 'react'
import GridLayout, { useContainerWidth, type Layout, type LayoutItem } from 'react-grid-layout'
import 'react-grid-layout/css/styles.css'
import type { WidgetLayout, WidgetRecord } from '../../../../shared/command-center'
import { gridColumns } from './widget-presets'
import { rowHeight, WidgetFrame } from './WidgetFrame'

const sameLayout = (a: WidgetLayout, b: LayoutItem) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h

export function WidgetGrid({
  widgets,
  timezone,
  canEdit,
  onLayouts,
  onRemove,
}: {
  widgets: WidgetRecord[]
  timezone: string
  canEdit: boolean
  onLayouts: (changes: { widgetId: string; layout: WidgetLayout }[]) => void
  onRemove: (widget: WidgetRecord) => void
}) {
  const { width, containerRef, mounted } = useContainerWidth()
  const layout = useMemo<Layout>(
    () => widgets.map((w) => ({ i: w.widget_id, ...w.layout, minW: 2, minH: 2 })),
    [widgets],
  )
  const saveChanged = (next: Layout) => {
    const changes = next.flatMap((item) => {
      const widget = widgets.find((w) => w.widget_id === item.i)
      return widget && !sameLayout(widget.layout, item)
        ? [{ widgetId: item.i, layout: { x: item.x, y: item.y, w: item.w, h: item.h } }]
        : []
    })
    if (changes.length) onLayouts(changes)
  }
  return (
    <div ref={containerRef} data-testid="widget-grid">
      {mounted && (
        <GridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: gridColumns, rowHeight, margin: [12, 12] }}
          dragConfig={{ enabled: canEdit, handle: '.cc-drag-handle' }}
          resizeConfig={{ enabled: canEdit }}
          onDragStop={(next) => saveChanged(next)}
          onResizeStop={(next) => saveChanged(next)}
        >
          {widgets.map((widget) => (
            <div key={widget.widget_id}>
              <WidgetFrame
                widget={widget}
                timezone={timezone}
                canEdit={canEdit}
                onLayout={(next) => onLayouts([{ widgetId: widget.widget_id, layout: next }])}
                onRemove={() => onRemove(widget)}
              />
            </div>
          ))}
        </GridLayout>
      )}
    </div>
  )
}
