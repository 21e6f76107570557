// Organizer: an event's attendee directory — import from CSV (preview, problems by line, progress), search by
// name, email, company or badge, and each attendee's consent to share their details with the sponsors who scan them.
import { useMemo, useState } from 'react'
import { Badge, Group, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import type { AttendeeRecord } from '../../../../shared/org/org-records'
import { useCommand } from '../../desktop/use-command'
import { DataTable, tableColumns, type DataTableColumn } from '../../ui/DataTable'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, ErrorState, Loadable } from '../../ui/states'
import { EventSelect } from '../events/EventSelect'
import { useEventChoice } from '../events/use-event-choice'
import { AttendeeImport } from './AttendeeImport'

const pageSize = 500

export function AttendeesPage() {
  const { events, list, eventId, event, choose } = useEventChoice()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 250)
  const attendees = useCommand(
    'attendees-list',
    eventId ? { eventId, offset: 0, limit: pageSize, ...(q ? { q } : {}) } : null,
  )
  const columns = useMemo(attendeeColumns, [])

  return (
    <section aria-labelledby="attendees-title">
      <PageHeader
        id="attendees-title"
        title="Attendees"
        description="Who comes to your event, and whether they agreed to share their details with sponsors who scan their badge."
        actions={<EventSelect list={list} value={eventId} onChange={choose} />}
      />
      {events.error && <ErrorState message={events.error} onRetry={() => void events.reload()} />}
      {events.data && list.length === 0 && (
        <EmptyState
          title="No events yet"
          description="Create an event on the Events screen first; attendees belong to an event."
        />
      )}
      {eventId && (
        <>
          <AttendeeImport
            eventId={eventId}
            eventTitle={event?.title ?? 'the event'}
            onImported={() => void attendees.reload()}
          />
          <Group justify="space-between" mb="sm">
            <TextInput
              aria-label="Search attendees"
              placeholder="Search by name, email, company or badge"
              leftSection={<IconSearch size={16} aria-hidden="true" />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={360}
            />
            {attendees.data && (
              <Text size="sm" c="dimmed" role="status" aria-live="polite">
                {attendees.data.total > attendees.data.attendees.length
                  ? `The first ${attendees.data.attendees.length.toLocaleString()} of `
                  : ''}
                {attendees.data.total.toLocaleString()} attendee{attendees.data.total === 1 ? '' : 's'}
                {q ? ` matching “${q}”` : ''}
              </Text>
            )}
          </Group>
          <Loadable query={attendees} loading="Loading attendees…">
            {(data) => (
              <DataTable
                label="Attendees"
                columns={columns}
                data={data.attendees}
                getRowId={(row) => row.id}
                resetKey={q}
                empty={
                  <EmptyState
                    title={q ? 'Nobody matches' : 'No attendees yet'}
                    description={q ? 'Try a shorter search.' : 'Import a CSV file of your attendees.'}
                  />
                }
              />
            )}
          </Loadable>
        </>
      )}
    </section>
  )
}

function attendeeColumns(): DataTableColumn<AttendeeRecord>[] {
  const col = tableColumns<AttendeeRecord>()
  return [
    col.accessor('name', { header: 'Name', meta: { width: 'minmax(8rem, 1.3fr)', isRowHeader: true } }),
    col.accessor('badge_code', { header: 'Badge', meta: { width: '8rem' } }),
    col.accessor('email', {
      header: 'Email',
      cell: (info) => info.getValue() ?? '',
      meta: { width: 'minmax(8rem, 1.3fr)' },
    }),
    col.accessor('company', { header: 'Company', cell: (info) => info.getValue() ?? '' }),
    col.accessor('title', { header: 'Title', cell: (info) => info.getValue() ?? '' }),
    col.accessor('consent_to_share', {
      header: 'Shares details',
      meta: { width: '9rem' },
      cell: (info) =>
        info.getValue() ? (
          <Badge color="teal" variant="light">
            Agreed
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            Not agreed
          </Badge>
        ),
    }),
  ]
}
