// The "Event" select of screens that work on one event at a time.
import { NativeSelect } from '@mantine/core'
import type { EventRecord } from '../../../../shared/domain'

export function EventSelect({
  list,
  value,
  onChange,
}: {
  list: EventRecord[]
  value: string | null
  onChange: (id: string) => void
}) {
  return (
    <NativeSelect
      aria-label="Event"
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={
        list.length
          ? list.map((event) => ({ value: event.id, label: event.title }))
          : [{ value: '', label: 'No events yet' }]
      }
    />
  )
}
