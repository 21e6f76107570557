// Fulfillment: what each side still owes for its sponsorships — the organizer's queue (due soon, overdue, sent
// back) and the sponsor's deliverables — sortable, with the open deliverable beside the list.
import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import type { DeliverableRecord } from '../../../../shared/commerce/fulfillment-records'
import type { Side } from '../../../../shared/commerce/commerce-records'
import { deliverableStatusTerms } from '../../../../shared/vocabulary'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { DataTable, tableColumns } from '../../ui/DataTable'
import { formatCount } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { StatusBadge } from '../../ui/StatusBadge'
import { EmptyState, Loadable } from '../../ui/states'
import { DeliverablePanel } from './DeliverablePanel'
import { deliverableTitle, dueWords, isDueSoon, nextStepWords } from './deliverable-words'

type View = 'open' | 'all'

export function FulfillmentPage({ side }: { side: Side }) {
  const [params, setParams] = useSearchParams()
  const [view, setView] = useState<View>('open')
  const list = useCommand('deliverables-list', { view }, { live: liveOn.commerce('deliverable') })
  const openId = params.get('id')
  const open = (id: string) => setParams({ id })
  const columns = useMemo(() => {
    const col = tableColumns<DeliverableRecord>()
    return [
      col.accessor((d) => deliverableTitle(d), {
        id: 'title',
        header: 'Deliverable',
        meta: { width: 'minmax(10rem, 2fr)', isRowHeader: true },
        cell: (info) => (
          <Button
            variant="subtle"
            size="compact-sm"
            px={4}
            maw="100%"
            aria-label={`Open ${info.getValue()} for ${info.row.original.sponsor_name}`}
            onClick={() => open(info.row.original.id)}
          >
            {info.getValue()}
          </Button>
        ),
      }),
      col.accessor(side === 'organizer' ? 'sponsor_name' : 'event_title', {
        header: side === 'organizer' ? 'Sponsor' : 'Event',
        meta: { width: 'minmax(7rem, 1fr)' },
      }),
      col.accessor((d) => d.due_at ?? '9999', {
        id: 'due',
        header: 'Due',
        meta: { width: '11rem' },
        cell: (info) => {
          const d = info.row.original
          return (
            <Text
              size="sm"
              c={d.is_overdue ? 'red.8' : isDueSoon(d) ? 'orange.9' : undefined}
              fw={d.is_overdue ? 600 : 400}
            >
              {dueWords(d)}
            </Text>
          )
        },
      }),
      col.accessor('status', {
        header: 'Status',
        meta: { width: '10rem' },
        cell: (info) => <StatusBadge vocabulary={deliverableStatusTerms} value={info.getValue()} size="sm" />,
      }),
      col.accessor((d) => nextStepWords(d, side), { id: 'next', header: 'Next step', meta: { width: '12rem' } }),
    ]
    // open() only sets the address; it needs no dependency.
  }, [side])

  const summary = (data: { deliverables: DeliverableRecord[] }) => {
    const owed = data.deliverables.filter((d) => d.awaiting === side)
    const overdue = data.deliverables.filter((d) => d.is_overdue).length
    const soon = data.deliverables.filter((d) => isDueSoon(d)).length
    return (
      <Group gap="xs" role="group" aria-label="At a glance">
        <Badge variant="light" tt="none">
          {formatCount(owed.length, 'item')} for you
        </Badge>
        <Badge variant="light" color={overdue ? 'red' : 'gray'} tt="none">
          {overdue} overdue
        </Badge>
        <Badge variant="light" color={soon ? 'orange' : 'gray'} tt="none">
          {soon} due in the next 3 days
        </Badge>
      </Group>
    )
  }

  return (
    <section aria-labelledby="fulfillment-title">
      <PageHeader
        id="fulfillment-title"
        title="Fulfillment"
        description={
          side === 'organizer'
            ? 'What your sponsors paid for: prove each deliverable, review what sponsors send. Escrow waits for approval.'
            : 'What you bought: review the organizer’s proofs, send the assets you owe.'
        }
        actions={
          <SegmentedControl
            aria-label="Show"
            value={view}
            onChange={(next) => setView(next as View)}
            data={[
              { value: 'open', label: 'Still owed' },
              { value: 'all', label: 'All' },
            ]}
          />
        }
      />
      <Loadable
        query={list}
        loading="Loading deliverables…"
        isEmpty={(data) => data.deliverables.length === 0}
        empty={
          <EmptyState
            title={view === 'open' ? 'Nothing owed right now' : 'No deliverables yet'}
            description="An order's package benefits become deliverables to prove when the order is created."
          />
        }
      >
        {(data) => (
          <Stack gap="sm">
            {summary(data)}
            <Group align="flex-start" gap="md" wrap="nowrap">
              <Stack style={{ flex: 1, minWidth: 0 }}>
                <DataTable
                  label="Deliverables"
                  columns={columns}
                  data={data.deliverables}
                  getRowId={(d) => d.id}
                  selectedId={openId}
                  onOpen={(d) => open(d.id)}
                  height={Math.min(480, 36 * (data.deliverables.length + 1))}
                  hiddenColumns={openId ? ['next', 'status'] : undefined}
                />
              </Stack>
              {openId && (
                <DeliverablePanel
                  key={openId}
                  id={openId}
                  side={side}
                  onClose={() => setParams({})}
                  onChanged={() => void list.reload()}
                />
              )}
            </Group>
          </Stack>
        )}
      </Loadable>
    </section>
  )
}
