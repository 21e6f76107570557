// Orders and their escrow: a sortable table that updates itself as payments, escrow steps and payouts happen,
// and the open order beside it.
import { useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { Button, Group, Stack } from '@mantine/core'
import type { OrderRecord, Side } from '../../../../shared/commerce/commerce-records'
import { escrowStateTerms, orderStatusTerms } from '../../../../shared/vocabulary'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { DataTable, tableColumns } from '../../ui/DataTable'
import { formatDate, formatMoney } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { StatusBadge } from '../../ui/StatusBadge'
import { EmptyState, Loadable } from '../../ui/states'
import { OrderView } from './OrderView'

export function OrdersPage({ side }: { side: Side }) {
  const [params, setParams] = useSearchParams()
  const list = useCommand('orders-list', {}, { live: liveOn.commerce() })
  const openId = params.get('id')
  const open = (id: string) => setParams({ id })
  const columns = useMemo(() => {
    const col = tableColumns<OrderRecord>()
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
            aria-label={`Open order for ${info.getValue()}`}
            onClick={() => open(info.row.original.id)}
          >
            {info.getValue()}
          </Button>
        ),
      }),
      col.accessor('sponsor_name', { header: 'Sponsor', meta: { width: 'minmax(7rem, 1fr)' } }),
      col.accessor('amount_cents', {
        header: 'Amount',
        meta: { width: '7rem', align: 'right' },
        cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
      }),
      col.accessor('escrow_state', {
        header: 'Escrow',
        meta: { width: '9.5rem' },
        cell: (info) => <StatusBadge vocabulary={escrowStateTerms} value={info.getValue()} size="sm" />,
      }),
      col.accessor('status', {
        header: 'Order',
        meta: { width: '9rem' },
        cell: (info) => (
          <StatusBadge vocabulary={orderStatusTerms} value={info.getValue()} size="sm" variant="outline" />
        ),
      }),
      col.accessor('created_at', {
        header: 'Created',
        meta: { width: '7rem' },
        cell: (info) => formatDate(info.getValue()),
      }),
    ]
    // open() only sets the address; it needs no dependency.
  }, [])

  return (
    <section aria-labelledby="orders-title">
      <PageHeader
        id="orders-title"
        title="Orders"
        description="Payments held in escrow until the sponsorship is delivered, then paid out; they update on their own."
      />
      <Loadable
        query={list}
        loading="Loading orders…"
        isEmpty={(data) => data.orders.length === 0}
        empty={
          <EmptyState
            title="No orders yet"
            description={
              side === 'sponsor'
                ? 'An accepted proposal becomes an order to fund.'
                : 'An accepted proposal becomes an order here.'
            }
          />
        }
      >
        {(data) => (
          <Group align="flex-start" gap="md" wrap="nowrap">
            <Stack style={{ flex: 1, minWidth: 0 }}>
              <DataTable
                label="Orders"
                columns={columns}
                data={data.orders}
                getRowId={(o) => o.id}
                selectedId={openId}
                onOpen={(o) => open(o.id)}
                height={Math.min(480, 36 * (data.orders.length + 1))}
                hiddenColumns={openId ? ['sponsor_name', 'status', 'created_at'] : undefined}
              />
            </Stack>
            {openId && <OrderView key={openId} id={openId} side={side} onClose={() => setParams({})} />}
          </Group>
        )}
      </Loadable>
    </section>
  )
}
