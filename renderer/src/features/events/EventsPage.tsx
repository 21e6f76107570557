// The organization's events: from the server when online, from the replica when not; live on change.
import { useCallback, useEffect, useState } from 'react'
import { Alert, Badge, Card, Group, Loader, SimpleGrid, Text, Title } from '@mantine/core'
import { IconCalendar, IconMapPin, IconUsers } from '@tabler/icons-react'
import type { EventRecord } from '../../../../shared/domain'
import type { ConnectionState } from '../../../../shared/desktop-api'
import { desktop } from '../../desktop-client'

const dateRange = (event: EventRecord) => {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
  return `${format.format(new Date(event.start_at))} – ${format.format(new Date(event.end_at))}`
}

export function EventsPage({ orgId, connection }: { orgId: string | null; connection: ConnectionState }) {
  const [events, setEvents] = useState<EventRecord[] | null>(null)
  const [source, setSource] = useState<'server' | 'replica'>('server')
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      const result = await desktop.invoke('events-list', {})
      setEvents(result.events)
      setSource(result.source)
      setError(null)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }, [])

  useEffect(() => {
    void load()
    return desktop.subscribe((event) => {
      if (event === 'events-changed') void load()
    })
  }, [load, orgId, connection])

  return (
    <section aria-labelledby="events-title">
      <Group gap="sm" mb="md">
        <Title order={2} id="events-title">Events</Title>
        {/* Only while offline: a freshly switched organization reads the replica once before the server answers. */}
        {source === 'replica' && connection !== 'online' && <Badge color="yellow" variant="light">Offline copy</Badge>}
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {events === null && !error && <Group gap="xs"><Loader size="sm" /><Text>Loading events…</Text></Group>}
      {events?.length === 0 && <Text c="dimmed">No events yet.</Text>}
      {events && events.length > 0 && (
        <SimpleGrid component="ul" aria-label="Events" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
          {events.map((event) => (
            <Card component="li" key={event.id} withBorder radius="md" padding="md">
              <Title order={3} size="h4" mb={6}>{event.title}</Title>
              <Group gap={6}><IconCalendar size={16} aria-hidden="true" /><Text size="sm">{dateRange(event)}</Text></Group>
              <Group gap={6}><IconMapPin size={16} aria-hidden="true" /><Text size="sm">{[event.city, event.region, event.country].filter(Boolean).join(', ')}</Text></Group>
              {event.capacity !== null && <Group gap={6}><IconUsers size={16} aria-hidden="true" /><Text size="sm">Capacity {event.capacity.toLocaleString()}</Text></Group>}
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  )
}
