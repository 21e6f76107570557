// The proposal inbox (a sortable table that updates itself as offers arrive) and the open thread beside it.
import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { Button, Group, Stack } from '@mantine/core'
import type { ProposalRecord, Side } from '../../../../shared/commerce/commerce-records'
import { labelOf, proposalStatusTerms, sideTerms } from '../../../../shared/vocabulary'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { DataTable, tableColumns } from '../../ui/DataTable'
import { formatMoney, formatRelative } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { StatusBadge } from '../../ui/StatusBadge'
import { EmptyState, Loadable } from '../../ui/states'
import { ThreadView } from './ThreadView'

export function ProposalsPage({ side }: { side: Side }) {
  const inbox = useCommand('proposals-list', {}, { live: liveOn.commerce('proposal') })
  // ?open=<id> (a proposal just sent from a recommendation) opens that thread.
  const [params] = useSearchParams()
  const [openId, setOpenId] = useState<string | null>(params.get('open'))
  const columns = useMemo(() => {
    const col = tableColumns<ProposalRecord>()
    return [
      col.accessor('package_title', {
        header: 'Package',
        meta: { width: 'minmax(10rem, 2fr)', isRowHeader: true },
        cell: (info) => (
          <Button
            variant="subtle"
            size="compact-sm"
            px={4}
            maw="100%"
            aria-label={`Open ${info.getValue()} with ${info.row.original.sponsor_name}`}
            onClick={() => setOpenId(info.row.original.id)}
          >
            {info.getValue()}
          </Button>
        ),
      }),
      col.accessor('sponsor_name', { header: 'Sponsor', meta: { width: 'minmax(7rem, 1fr)' } }),
      col.accessor((p) => p.latest_offer?.price_cents ?? 0, {
        id: 'offer',
        header: 'Latest offer',
        meta: { width: '8rem', align: 'right' },
        cell: (info) => (info.row.original.latest_offer ? formatMoney(info.getValue(), 'USD') : 'No offer yet'),
      }),
      col.accessor('status', {
        header: 'Status',
        meta: { width: '7.5rem' },
        cell: (info) => <StatusBadge vocabulary={proposalStatusTerms} value={info.getValue()} size="sm" />,
      }),
      col.accessor((p) => p.awaiting ?? '', {
        id: 'awaiting',
        header: 'Waiting for',
        meta: { width: '7.5rem' },
        cell: (info) =>
          info.getValue() ? (info.getValue() === side ? 'You' : labelOf(sideTerms, info.getValue())) : '—',
      }),
      col.accessor('message_count', { header: 'Messages', meta: { width: '6rem', align: 'right' } }),
      col.accessor('updated_at', {
        header: 'Updated',
        meta: { width: '8rem' },
        cell: (info) => formatRelative(info.getValue()),
      }),
    ]
  }, [side])

  return (
    <section aria-labelledby="proposals-title">
      <PageHeader
        id="proposals-title"
        title="Proposals"
        description="Offers and counter-offers; they update as the other side answers."
      />
      <Loadable
        query={inbox}
        loading="Loading proposals…"
        isEmpty={(data) => data.proposals.length === 0}
        empty={
          <EmptyState
            title="No proposals yet"
            description={
              side === 'sponsor'
                ? 'Make an offer on a package in Packages.'
                : 'Offers from sponsors on your packages appear here.'
            }
          />
        }
      >
        {(data) => (
          <Group align="flex-start" gap="md" wrap="nowrap">
            <Stack style={{ flex: 1, minWidth: 0 }}>
              <DataTable
                label="Proposal inbox"
                columns={columns}
                data={data.proposals}
                getRowId={(p) => p.id}
                selectedId={openId}
                onOpen={(p) => setOpenId(p.id)}
                height={Math.min(480, 36 * (data.proposals.length + 1))}
                hiddenColumns={openId ? ['sponsor_name', 'awaiting', 'message_count', 'updated_at'] : undefined}
              />
            </Stack>
            {openId && <ThreadView id={openId} side={side} onClose={() => setOpenId(null)} />}
          </Group>
        )}
      </Loadable>
    </section>
  )
}
