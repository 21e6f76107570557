// The organization's events: from the server when online, from the replica when not; live on change.
import { Badge, Card, Group, SimpleGrid, Text, Title } from '@mantine/core'
import { IconCalendar, IconMapPin, IconUsers } from '@tabler/icons-react'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { formatDateRange } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, Loadable } from '../../ui/states'

export function EventsPage() {
  const events = useCommand('events-list', {}, { live: liveOn.events() })
  return (
    <section aria-labelledby="events-title">
      <PageHeader id="events-title" title="Events"
        badges={events.data?.source === 'replica' && <Badge color="yellow" variant="light">Offline copy</Badge>} />
      <Loadable query={events} loading="Loading events…" isEmpty={(data) => data.events.length === 0}
        empty={<EmptyState title="No events yet" description="Events your organization runs appear here." />}>
        {({ events: list }) => (
          <SimpleGrid component="ul" aria-label="Events" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.map((event) => (
              <Card component="li" key={event.id} withBorder radius="md" padding="md">
                <Title order={3} size="h4" mb={6}>{event.title}</Title>
                <Group gap={6}><IconCalendar size={16} aria-hidden="true" /><Text size="sm">{formatDateRange(event.start_at, event.end_at)}</Text></Group>
                <Group gap={6}><IconMapPin size={16} aria-hidden="true" /><Text size="sm">{[event.city, event.region, event.country].filter(Boolean).join(', ') || 'No venue yet'}</Text></Group>
                {event.capacity !== null && <Group gap={6}><IconUsers size={16} aria-hidden="true" /><Text size="sm">Capacity {event.capacity.toLocaleString()}</Text></Group>}
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Loadable>
    </section>
  )
}
