// One event gathered on a page: its facts (dates, venue, capacity, categories, audience, brand safety) with an
// editor, and its tiers, sponsors with live lead counts, attendees and packages, each linking to its screen; then
// its audience figures and the sponsors recommended for it.
import { useState, type ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import { Anchor, Badge, Button, Group, List, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import type { EventRecord } from '../../../../shared/domain'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { formatCount, formatDateRange, formatMoney } from '../../ui/format'
import { notifyDone } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { Loadable } from '../../ui/states'
import { EventEditor } from './EventEditor'
import { AudiencePanel } from '../intelligence/AudiencePanel'
import { RecommendedSponsors } from '../intelligence/RecommendedSponsors'

const words = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

function Panel({ title, link, children }: { title: string; link: { to: string; label: string }; children: ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        <Anchor component={Link} to={link.to} size="sm">
          {link.label}
        </Anchor>
      </Group>
      {children}
    </Paper>
  )
}

export function EventPage() {
  const { id = '' } = useParams()
  const event = useCommand('event-get', { id })
  return (
    <Loadable query={event} loading="Loading the event…">
      {(data) => <EventDetail event={data} onSaved={event.setData} />}
    </Loadable>
  )
}

function EventDetail({ event, onSaved }: { event: EventRecord; onSaved: (event: EventRecord) => void }) {
  const [isEditing, setIsEditing] = useState(false)
  const tiers = useCommand('tiers-list', { eventId: event.id })
  const sponsors = useCommand(
    'event-sponsors',
    { eventId: event.id, includeArchived: false },
    { live: liveOn.leadCounts() },
  )
  const attendees = useCommand('attendees-list', { eventId: event.id, offset: 0, limit: 1 })
  const packages = useCommand('packages-list', { eventId: event.id })
  const at = `?event=${event.id}`
  const leads = (sponsors.data?.sponsors ?? []).reduce(
    (sum, s) => ({
      total: sum.total + s.lead_counts.total,
      hot: sum.hot + s.lead_counts.hot,
      warm: sum.warm + s.lead_counts.warm,
      cold: sum.cold + s.lead_counts.cold,
    }),
    { total: 0, hot: 0, warm: 0, cold: 0 },
  )
  const facts: [string, string][] = [
    ['When', formatDateRange(event.start_at, event.end_at)],
    ['Venue', [event.city, event.region, event.country].filter(Boolean).join(', ') || 'No venue yet'],
    ['Capacity', event.capacity === null ? 'Not set' : event.capacity.toLocaleString()],
    ['Categories', event.categories.join(', ') || 'None'],
    ['Audience interests', words(event.target_audience.interests).join(', ') || 'None'],
    ['Audience age groups', words(event.target_audience.age_buckets).join(', ') || 'None'],
    ['Brand safety', event.brand_safety_tags.join(', ') || 'None'],
  ]

  return (
    <section aria-labelledby="event-title">
      <PageHeader
        id="event-title"
        title={event.title}
        description={
          <Anchor component={Link} to="/events" size="sm">
            All events
          </Anchor>
        }
        actions={
          <Button leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={() => setIsEditing(true)}>
            Edit event
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid component="dl" aria-label="Event details" cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs" m={0}>
          {facts.map(([term, value]) => (
            <div key={term}>
              <Text component="dt" size="xs" c="dimmed">
                {term}
              </Text>
              <Text component="dd" size="sm" m={0}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Panel title="Sponsors and leads" link={{ to: `/sponsors${at}`, label: 'Manage sponsors' }}>
          <Loadable query={sponsors} loading="Loading sponsors…">
            {({ sponsors: list }) => (
              <Stack gap={6}>
                <Text size="sm" aria-label="Lead counts">
                  {formatCount(list.length, 'sponsor')} · {formatCount(leads.total, 'lead')} ({leads.hot} hot,{' '}
                  {leads.warm} warm, {leads.cold} cold)
                </Text>
                <List size="sm" aria-label="Sponsors of the event">
                  {list.map((s) => (
                    <List.Item key={s.id}>
                      {s.company_name} ({s.tier_name}): {formatCount(s.lead_counts.total, 'lead')}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </Loadable>
        </Panel>
        <Panel title="Tiers" link={{ to: `/sponsors${at}`, label: 'Set up tiers' }}>
          <Loadable query={tiers} loading="Loading tiers…">
            {({ tiers: list }) =>
              list.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No tiers yet.
                </Text>
              ) : (
                <Group gap={6} aria-label="Tiers of the event" role="list">
                  {[...list]
                    .sort((a, b) => a.display_order - b.display_order)
                    .map((tier) => (
                      <Badge key={tier.id} role="listitem" variant="light">
                        {tier.name}
                      </Badge>
                    ))}
                </Group>
              )
            }
          </Loadable>
        </Panel>
        <Panel title="Attendees" link={{ to: `/attendees${at}`, label: 'Import or search' }}>
          <Loadable query={attendees} loading="Loading attendees…">
            {({ total }) => <Text size="sm">{formatCount(total, 'attendee')} in the directory</Text>}
          </Loadable>
        </Panel>
        <Panel title="Packages" link={{ to: `/packages`, label: 'Edit packages' }}>
          <Loadable query={packages} loading="Loading packages…">
            {({ packages: list }) =>
              list.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No packages yet.
                </Text>
              ) : (
                <List size="sm" aria-label="Packages of the event">
                  {list.map((pkg) => (
                    <List.Item key={pkg.id}>
                      {pkg.title}: {formatMoney(pkg.price_cents, pkg.currency)} ·{' '}
                      {pkg.is_active ? 'Published' : 'Draft'}
                    </List.Item>
                  ))}
                </List>
              )
            }
          </Loadable>
        </Panel>
      </SimpleGrid>
      <AudiencePanel eventId={event.id} />
      <RecommendedSponsors eventId={event.id} eventTitle={event.title} />
      {isEditing && (
        <Modal opened onClose={() => setIsEditing(false)} size="lg" title={`Edit ${event.title}`}>
          <EventEditor
            existing={event}
            onCancel={() => setIsEditing(false)}
            onSaved={(saved) => {
              setIsEditing(false)
              onSaved(saved)
              notifyDone(`Saved ${saved.title}.`)
            }}
          />
        </Modal>
      )}
    </section>
  )
}
