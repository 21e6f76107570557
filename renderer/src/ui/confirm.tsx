// Confirmation for money and destructive actions (accept, reject, lock, release, refund, cancel, archive,
// revoke, remove, discard): a modal that names the thing and the amount, with the action as its button.
// `await confirmAction(…)` answers true only when the person confirmed.
import type { ReactNode } from 'react'
import { Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'

export interface ConfirmRequest {
  /** The verb, used as the title and the confirm button: "Release escrow", "Refund", "Revoke invitation". */
  action: string
  /** The thing acted on, named as the person knows it: "Gold Stage Sponsor for Fizz", "rae@example.com". */
  subject: string
  /** The money that moves, formatted: "$1,750.00". */
  amount?: string
  /** What will happen, and whether it can be undone. */
  consequence: ReactNode
  /** Red button for what cannot be undone or loses something (default true). */
  isDestructive?: boolean
  /** Default "Keep it as it is". */
  cancelLabel?: string
}

export function confirmAction({
  action,
  subject,
  amount,
  consequence,
  isDestructive = true,
  cancelLabel = 'Keep it as it is',
}: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    let isAnswered = false
    const answer = (value: boolean) => {
      if (isAnswered) return
      isAnswered = true
      resolve(value)
    }
    modals.openConfirmModal({
      title: `${action}: ${subject}${amount ? ` (${amount})` : ''}?`,
      children: (
        <Stack gap="xs">
          {amount && (
            <Text fw={600} size="lg" aria-label="Amount">
              {amount}
            </Text>
          )}
          <Text size="sm">{consequence}</Text>
        </Stack>
      ),
      labels: { confirm: action, cancel: cancelLabel },
      confirmProps: { color: isDestructive ? 'red.9' : undefined, 'data-autofocus': true },
      onConfirm: () => answer(true),
      onCancel: () => answer(false),
      onClose: () => answer(false),
    })
  })
}
