// An order's escrow as steps: created → funded → locked → released → paid out (or cancelled), each with its time.
import { Timeline, Text } from '@mantine/core'
import type { OrderDetail } from '../../../../shared/commerce/commerce-records'
import { formatDateTime } from '../../ui/format'

export function EscrowTimeline({ order }: { order: OrderDetail }) {
  const steps: [string, string | null][] = [
    ['Created', order.created_at],
    ['Funded', order.funded_at],
    ['Locked', order.locked_at],
    ['Released', order.released_at],
    ['Paid out', order.payout?.paid_at ?? null],
  ]
  if (order.cancelled_at) steps.push(['Cancelled', order.cancelled_at])
  const reached = steps.filter(([, at]) => at).length
  return (
    <Timeline
      component="ol"
      aria-label="Escrow timeline"
      active={reached - 1}
      bulletSize={14}
      lineWidth={2}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {steps.map(([label, at]) => (
        <Timeline.Item
          component="li"
          key={label}
          title={
            <Text size="sm" fw={at ? 600 : 400} c={at ? undefined : 'dimmed'}>
              {label}
              {at ? ` · ${formatDateTime(at)}` : ''}
            </Text>
          }
        />
      ))}
    </Timeline>
  )
}
