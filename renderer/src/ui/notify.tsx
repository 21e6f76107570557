// Short-lived messages in the corner: "Saved", an error, and the undo notification for cheap actions
// (archive, star, follow-up) — done at once, undone with one click within a few seconds.
import { Button, Group, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react'

const UNDO_MS = 8000
/** Every notification's close button has a name. */
const closeButtonProps = { 'aria-label': 'Dismiss' }

/** "Saved", "Offer sent for Gold Stage Sponsor." — a polite status message. */
export function notifyDone(message: string, title?: string) {
  notifications.show({
    closeButtonProps,
    role: 'status',
    color: 'teal',
    icon: <IconCheck size={18} aria-hidden="true" />,
    title,
    message,
    autoClose: 4000,
  })
}

/** Something failed: says what, in words. */
export function notifyError(message: string, title = 'That did not work') {
  notifications.show({
    closeButtonProps,
    role: 'alert',
    color: 'red',
    icon: <IconAlertTriangle size={18} aria-hidden="true" />,
    title,
    message,
    autoClose: 8000,
  })
}

/** "Archived Erin Early." with an Undo button; `onUndo` runs the reverse action. */
export function notifyUndo({
  message,
  onUndo,
  undoLabel = 'Undo',
}: {
  message: string
  onUndo: () => void | Promise<void>
  undoLabel?: string
}) {
  const id = notifications.show({
    closeButtonProps,
    role: 'status',
    autoClose: UNDO_MS,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id)
            void onUndo()
          }}
        >
          {undoLabel}
        </Button>
      </Group>
    ),
  })
  return id
}
