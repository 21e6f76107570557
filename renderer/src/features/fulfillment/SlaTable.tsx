// The service levels of the deliverable's order: target against what was measured, met or breached, and the
// remedy applied when breached (a make-good deliverable, or a partial refund).
import { Table, Text } from '@mantine/core'
import type { SlaRecord } from '../../../../shared/commerce/fulfillment-records'
import { labelOf, slaMetricTerms, slaStatusTerms } from '../../../../shared/vocabulary'
import { formatMoney } from '../../ui/format'
import { StatusBadge } from '../../ui/StatusBadge'

export function SlaTable({ slas }: { slas: SlaRecord[] }) {
  if (slas.length === 0) return null
  return (
    <div>
      <Text size="sm" fw={600} id="sla-title">
        Service levels of the order
      </Text>
      <Table aria-labelledby="sla-title" withTableBorder striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Measure</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">So far</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {slas.map((sla) => (
            <Table.Tr key={sla.id}>
              <Table.Th scope="row" fw={400}>
                {labelOf(slaMetricTerms, sla.metric)}
              </Table.Th>
              <Table.Td>{sla.target.toLocaleString()}</Table.Td>
              <Table.Td>{sla.actual.toLocaleString()}</Table.Td>
              <Table.Td>
                <StatusBadge vocabulary={slaStatusTerms} value={sla.status} size="sm" withHint />
                {sla.remedy_cents ? ` · refund ${formatMoney(sla.remedy_cents, 'usd')}` : ''}
                {sla.makegood_deliverable_id ? ' · make-good added' : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  )
}
