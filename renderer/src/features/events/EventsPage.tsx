// The organization's events: from the server when online, from the replica when not; live on change. Organizers
// create events here and open each one's page.
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Text, Title } from '@mantine/core'
import { IconCalendar, IconMapPin, IconPlus, IconUsers } from '@tabler/icons-react'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { formatDateRange } from '../../ui/format'
import { notifyDone } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, Loadable } from '../../ui/states'
import { usePaletteActions } from '../shell/palette-actions'
import { EventEditor } from './EventEditor'

export function EventsPage() {
  const events = useCommand('events-list', {}, { live: liveOn.events() })
  const [isCreating, setIsCreating] = useState(false)
  const isOffline = events.data?.source === 'replica'
  const actions = useMemo(
    () => [{ id: 'event-new', group: 'Events', label: 'New event', run: () => setIsCreating(true) }],
    [],
  )
  usePaletteActions('events', actions)
  return (
    <section aria-labelledby="events-title">
      <PageHeader
        id="events-title"
        title="Events"
        badges={
          isOffline && (
            <Badge color="yellow" variant="light">
              Offline copy
            </Badge>
          )
        }
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setIsCreating(true)}
            disabled={isOffline}
          >
            New event
          </Button>
        }
      />
      <Loadable
        query={events}
        loading="Loading events…"
        isEmpty={(data) => data.events.length === 0}
        empty={
          <EmptyState
            title="No events yet"
            description="Events your organization runs appear here: create the first one."
          />
        }
      >
        {({ events: list }) => (
          <SimpleGrid
            component="ul"
            aria-label="Events"
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="md"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {list.map((event) => (
              <Card component="li" key={event.id} withBorder radius="md" padding="md">
                <Title order={3} size="h4" mb={6}>
                  <Anchor component={Link} to={`/events/${event.id}`} inherit>
                    {event.title}
                  </Anchor>
                </Title>
                <Group gap={6}>
                  <IconCalendar size={16} aria-hidden="true" />
                  <Text size="sm">{formatDateRange(event.start_at, event.end_at)}</Text>
                </Group>
                <Group gap={6}>
                  <IconMapPin size={16} aria-hidden="true" />
                  <Text size="sm">
                    {[event.city, event.region, event.country].filter(Boolean).join(', ') || 'No venue yet'}
                  </Text>
                </Group>
                {event.capacity !== null && (
                  <Group gap={6}>
                    <IconUsers size={16} aria-hidden="true" />
                    <Text size="sm">Capacity {event.capacity.toLocaleString()}</Text>
                  </Group>
                )}
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Loadable>
      {isCreating && (
        <Modal opened onClose={() => setIsCreating(false)} size="lg" title="New event">
          <EventEditor
            existing={null}
            onCancel={() => setIsCreating(false)}
            onSaved={(saved) => {
              setIsCreating(false)
              notifyDone(`Created ${saved.title}.`)
              void events.reload()
            }}
          />
        </Modal>
      )}
    </section>
  )
}
