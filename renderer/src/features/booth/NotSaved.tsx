// Captures this device could not save: each keeps its code (or person) and the reason, with Retry and
// Dismiss, so a failed scan is never dropped without the booth staff knowing.
import { Alert, Button, Group, List, Text } from '@mantine/core'
import type { FailedCapture } from './use-capture-queue'

export function NotSaved({
  failed,
  onRetry,
  onDismiss,
  onEnterByHand,
}: {
  failed: FailedCapture[]
  onRetry: (key: number) => void
  onDismiss: (key: number) => void
  /** Offered when the attendee has not consented: they can agree now and be entered by hand. */
  onEnterByHand: (key: number) => void
}) {
  if (failed.length === 0) return null
  return (
    <Alert component="section" role="alert" aria-label="Not saved" color="red" variant="light" p="xs" title="Not saved">
      <List size="sm" spacing={4}>
        {failed.map((job) => (
          <List.Item key={job.key} style={{ overflowWrap: 'anywhere' }}>
            <Text span size="sm" fw={600}>
              {job.label}
            </Text>
            : {job.reason}
            <Group gap={6} mt={2}>
              {job.args && (
                <Button size="compact-xs" onClick={() => onRetry(job.key)}>
                  Retry
                </Button>
              )}
              {job.needsConsent && (
                <Button size="compact-xs" onClick={() => onEnterByHand(job.key)}>
                  Enter by hand
                </Button>
              )}
              <Button size="compact-xs" variant="default" onClick={() => onDismiss(job.key)}>
                Dismiss
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}
